// Pages and items as rows on PostgreSQL: reading a page row, loading and writing its items with
// their contributors, tags and search document, and the per-page facts (doubts, model). The pure
// parts (row → item, item → column values) are the SQLite archive's (../page-rows.ts).
import type { StoredItem } from '../../../shared/domain.ts';
import type { Segmentation } from '../../../shared/segmentation.ts';
import { storedSearchDoc, type SearchDocText } from '../../../core/search/search-doc.ts';
import { ITEM_COLUMNS, PAGE_COLUMNS, rowChecksum } from '../checksums.ts';
import { fail } from '../context.ts';
import { itemFromRow, itemValues, type ItemRow, type PageRow as SqlitePageRow, type PageSnapshot } from '../page-rows.ts';
import { countDoubts } from '../profiles-store.ts';
import { sealItemSet } from './checksum-sets.ts';
import { isRowId, type PgContext, type PgQuery, type PgValue } from './context.ts';

/** A page row as PostgreSQL returns it (edited is a boolean there). */
export type PageRow = Omit<SqlitePageRow, 'edited'> & { edited: boolean };

const PAGE_SELECT = `SELECT id, issue_id, page_number, source_name, encoding, content_hash, raw_text, text, state, revision, edited,
  masthead_json, doubt_count, model_version, model_profile, model_profile_pages FROM pages`;

/** The page row; `lock`: FOR UPDATE (held to the end of the transaction: writers of one page queue). */
export async function pageRow(q: PgQuery, pageId: number, lock = false): Promise<PageRow> {
  const row = isRowId(pageId)
    ? await q.one<PageRow>(lock ? 'pages.getForUpdate' : 'pages.get', `${PAGE_SELECT} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [pageId])
    : undefined;
  if (!row) fail('not-found', `page ${pageId} does not exist`);
  return row;
}

/** The checksum of a page's text columns (raw_text, text, masthead_json), as SQLite's trigger writes it. */
export const pageChecksum = (p: { raw_text: string; text: string; masthead_json: string | null }) => rowChecksum(PAGE_COLUMNS.map((c) => p[c]));

export async function loadItems(q: PgQuery, pageId: number): Promise<(StoredItem & { id: number })[]> {
  const rows = await q.all<ItemRow>(
    'items.ofPage',
    `SELECT id, kind, start_offset, end_offset, kicker, headline, subheadline, series, byline, paragraphs_json, continued_on,
       continued_from, flags_json, edited_fields_json, confidence_json FROM items WHERE page_id = $1 ORDER BY ord`,
    [pageId],
  );
  const contributors = await q.all<{ item_id: number; name: string; role: StoredItem['contributors'][number]['role'] }>(
    'items.contributorsOfPage',
    `SELECT ic.item_id, c.name, ic.role FROM item_contributors ic
     JOIN items i ON i.id = ic.item_id JOIN contributors c ON c.id = ic.contributor_id
     WHERE i.page_id = $1 ORDER BY ic.item_id, ic.ord`,
    [pageId],
  );
  const tags = await q.all<{ item_id: number; name: string }>(
    'items.tagsOfPage',
    `SELECT it.item_id, t.name FROM item_tags it JOIN items i ON i.id = it.item_id JOIN tags t ON t.id = it.tag_id
     WHERE i.page_id = $1 ORDER BY it.item_id, t.name`,
    [pageId],
  );
  const byItem = new Map<number, StoredItem & { id: number }>();
  const out = rows.map((r) => {
    // PostgreSQL keeps paragraphs as text (no base to refer to, paragraph-refs.ts): base ''.
    const item = itemFromRow(r, '');
    byItem.set(r.id, item);
    return item;
  });
  for (const c of contributors) byItem.get(c.item_id)?.contributors.push({ name: c.name, role: c.role });
  for (const t of tags) byItem.get(t.item_id)?.tags.push(t.name);
  return out;
}

export async function snapshot(q: PgQuery, pageId: number): Promise<PageSnapshot> {
  const p = await pageRow(q, pageId);
  return { text: p.text, state: p.state, items: await loadItems(q, pageId) };
}

/** An editor saved the page, or some item carries hand-typed fields. */
export async function isCorrected(q: PgQuery, page: PageRow): Promise<boolean> {
  if (page.edited) return true;
  return (await q.one('items.anyEdited', `SELECT 1 AS x FROM items WHERE page_id = $1 AND edited_fields_json <> '[]' LIMIT 1`, [page.id])) !== undefined;
}

// Look up first (the usual case); ON CONFLICT DO NOTHING covers a name another writer just added.
async function nameId(q: PgQuery, table: 'contributors' | 'tags', name: string): Promise<number> {
  const find = () => q.one<{ id: number }>(`${table}.byName`, `SELECT id FROM ${table} WHERE name = $1`, [name]);
  const found = await find();
  if (found) return found.id;
  const inserted = await q.one<{ id: number }>(`${table}.insert`, `INSERT INTO ${table}(name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id`, [name]);
  return inserted?.id ?? (await find())!.id;
}

export const tagId = (q: PgQuery, name: string) => nameId(q, 'tags', name);

/**
 * Writes an item's search document (search_docs: folded, padded, as SQLite's). The search index
 * (pg_trgm GIN, h7's migration 0002) follows the row in the same transaction: an item is
 * searchable as soon as its transaction commits.
 */
export async function writeSearchDoc(q: PgQuery, itemId: number, doc: SearchDocText, fresh: boolean): Promise<void> {
  const values = [itemId, doc.headline, doc.body, doc.people, doc.tags];
  if (fresh) await q.run('search_docs.insert', 'INSERT INTO search_docs(item_id, headline, body, people, tags) VALUES ($1, $2, $3, $4, $5)', values);
  else await q.run('search_docs.update', 'UPDATE search_docs SET headline = $2, body = $3, people = $4, tags = $5 WHERE item_id = $1', values);
}

/** An item's contributors, tags and search document (fresh: a new item, nothing to clear). */
export async function writeItemChildren(q: PgQuery, itemId: number, item: StoredItem, fresh: boolean): Promise<void> {
  if (!fresh) {
    await q.run('item_contributors.clear', 'DELETE FROM item_contributors WHERE item_id = $1', [itemId]);
    await q.run('item_tags.clear', 'DELETE FROM item_tags WHERE item_id = $1', [itemId]);
  }
  for (const [ord, c] of item.contributors.entries()) {
    await q.run('item_contributors.insert', 'INSERT INTO item_contributors(item_id, ord, contributor_id, role) VALUES ($1, $2, $3, $4)', [
      itemId,
      ord,
      await nameId(q, 'contributors', c.name),
      c.role,
    ]);
  }
  for (const tag of new Set(item.tags)) {
    await q.run('item_tags.insert', 'INSERT INTO item_tags(item_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [itemId, await tagId(q, tag)]);
  }
  await writeSearchDoc(q, itemId, storedSearchDoc(item), fresh);
}

/** The item's column values in ITEM_COLUMNS order after page_id and ord, plus confidence_json, and the row checksum. */
function itemColumns(pageId: number, ord: number, item: StoredItem): { values: PgValue[]; checksum: string } {
  const values = [pageId, ord, ...itemValues(item, '')] as PgValue[];
  // itemValues ends with confidence_json, which the checksum does not cover (columns of schema 1-6).
  return { values, checksum: rowChecksum(values.slice(0, ITEM_COLUMNS.length)) };
}

/** The ids of these names (contributors or tags), adding the missing ones: two statements for any number of names. */
async function nameIds(q: PgQuery, table: 'contributors' | 'tags', names: readonly string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  // Sorted: two writers adding overlapping names lock them in the same order.
  const list = [...new Set(names)].sort();
  await q.run(`${table}.insertMany`, `INSERT INTO ${table}(name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [list]);
  const rows = await q.all<{ id: number; name: string }>(`${table}.byNames`, `SELECT id, name FROM ${table} WHERE name = ANY($1::text[])`, [list]);
  return new Map(rows.map((r) => [r.name, r.id]));
}

const column = (rows: readonly PgValue[][], i: number) => rows.map((r) => r[i] as string | number | null);

/**
 * Inserts new items of a page with their contributors, tags and search documents: a handful of
 * statements per page whatever its number of items (one round trip per row made an import of a
 * year several times slower than SQLite's). Returns the new ids in the order given.
 */
export async function insertItems(q: PgQuery, pageId: number, entries: readonly { ord: number; item: StoredItem }[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const rows = entries.map(({ ord, item }) => {
    const { values, checksum } = itemColumns(pageId, ord, item);
    return [...values, checksum];
  });
  const types = ['int', 'int', 'text', 'int', 'int', 'text', 'text', 'text', 'text', 'text', 'text', 'int', 'int', 'text', 'text', 'text', 'text'];
  const inserted = await q.all<{ id: number; ord: number }>(
    'items.insertMany',
    `INSERT INTO items(page_id, ord, kind, start_offset, end_offset, kicker, headline, subheadline, series, byline,
       paragraphs_json, continued_on, continued_from, flags_json, edited_fields_json, confidence_json, checksum)
     SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) RETURNING id, ord`,
    types.map((_, i) => column(rows, i)),
  );
  const idOfOrd = new Map(inserted.map((r) => [r.ord, r.id]));
  const ids = entries.map((e) => idOfOrd.get(e.ord)!);

  const people = await nameIds(q, 'contributors', entries.flatMap((e) => e.item.contributors.map((c) => c.name)));
  const links = entries.flatMap((e, n) => e.item.contributors.map((c, ord) => [ids[n]!, ord, people.get(c.name)!, c.role] as const));
  if (links.length > 0) {
    await q.run('item_contributors.insertMany', 'INSERT INTO item_contributors(item_id, ord, contributor_id, role) SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::text[])', [
      links.map((l) => l[0]),
      links.map((l) => l[1]),
      links.map((l) => l[2]),
      links.map((l) => l[3]),
    ]);
  }
  const tagIds = await nameIds(q, 'tags', entries.flatMap((e) => e.item.tags));
  const tagged = entries.flatMap((e, n) => [...new Set(e.item.tags)].map((t) => [ids[n]!, tagIds.get(t)!] as const));
  if (tagged.length > 0) {
    await q.run('item_tags.insertMany', 'INSERT INTO item_tags(item_id, tag_id) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING', [
      tagged.map((t) => t[0]),
      tagged.map((t) => t[1]),
    ]);
  }
  const docs = entries.map((e) => storedSearchDoc(e.item));
  await q.run('search_docs.insertMany', 'INSERT INTO search_docs(item_id, headline, body, people, tags) SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[])', [
    ids,
    docs.map((d) => d.headline),
    docs.map((d) => d.body),
    docs.map((d) => d.people),
    docs.map((d) => d.tags),
  ]);
  return ids;
}

export async function insertItem(q: PgQuery, pageId: number, ord: number, item: StoredItem): Promise<number> {
  return (await insertItems(q, pageId, [{ ord, item }]))[0]!;
}

/**
 * An item inserted with the id it had (undoing a merge), when no item holds that id and the
 * identity sequence has already handed it out (so a later insert can never draw it); else false.
 */
async function insertWithFreeId(q: PgQuery, pageId: number, ord: number, item: StoredItem, id: number): Promise<boolean> {
  const free = await q.one<{ ok: boolean }>(
    'items.idRestorable',
    `SELECT NOT EXISTS (SELECT 1 FROM items WHERE id = $1::int)
       AND $1::int <= COALESCE(pg_sequence_last_value(pg_get_serial_sequence('items', 'id')::regclass), 0) AS ok`,
    [id],
  );
  if (!free?.ok) return false;
  const { values, checksum } = itemColumns(pageId, ord, item);
  await q.run(
    'items.insertWithId',
    `INSERT INTO items(id, page_id, ord, kind, start_offset, end_offset, kicker, headline, subheadline, series, byline,
       paragraphs_json, continued_on, continued_from, flags_json, edited_fields_json, confidence_json, checksum)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [id, ...values, checksum],
  );
  await writeItemChildren(q, id, item, true);
  return true;
}

/**
 * Replaces a page's items, keeping the ids of items that carry an id of this page. restoreFreeIds
 * (typed edits): an item carrying an id no item holds gets that id back (undoing a merge).
 */
export async function replaceItems(q: PgQuery, pageId: number, items: StoredItem[], restoreFreeIds = false): Promise<void> {
  const existing = new Set((await q.all<{ id: number }>('items.idsOfPage', 'SELECT id FROM items WHERE page_id = $1', [pageId])).map((r) => r.id));
  const keep = new Set(items.map((i) => i.id).filter((id): id is number => id !== undefined && existing.has(id)));
  const gone = [...existing].filter((id) => !keep.has(id));
  if (gone.length > 0) await q.run('items.deleteMany', 'DELETE FROM items WHERE id = ANY($1::int[])', [gone]);
  const used = new Set<number>();
  const fresh: { ord: number; item: StoredItem }[] = [];
  for (const [ord, item] of items.entries()) {
    if (item.id !== undefined && keep.has(item.id) && !used.has(item.id)) {
      used.add(item.id);
      const { values, checksum } = itemColumns(pageId, ord, item);
      await q.run(
        'items.update',
        `UPDATE items SET ord = $2, kind = $3, start_offset = $4, end_offset = $5, kicker = $6, headline = $7, subheadline = $8,
           series = $9, byline = $10, paragraphs_json = $11, continued_on = $12, continued_from = $13, flags_json = $14,
           edited_fields_json = $15, confidence_json = $16, checksum = $17
         WHERE id = $1`,
        [item.id, ...values.slice(1), checksum],
      );
      await writeItemChildren(q, item.id, item, false);
    } else if (restoreFreeIds && item.id !== undefined && !used.has(item.id) && (await insertWithFreeId(q, pageId, ord, item, item.id))) {
      used.add(item.id);
    } else {
      fresh.push({ ord, item: { ...item, id: undefined } });
    }
  }
  await insertItems(q, pageId, fresh);
  // The page's item set as now written (migration 0003), so a row removed or added later shows.
  await sealItemSet(q, pageId);
}

/** Per-page facts kept beside the items: the doubt count, and (on import) the model that segmented it. */
export async function writePageFacts(ctx: PgContext, q: PgQuery, pageId: number, items: readonly StoredItem[], model?: Segmentation['model'] | null): Promise<void> {
  await q.run('pages.setDoubts', 'UPDATE pages SET doubt_count = $1 WHERE id = $2', [countDoubts(items), pageId]);
  if (model === undefined) return;
  let profilePages: number | null = null;
  if (model?.profile) {
    const pub = await q.one<{ id: number }>(
      'pages.publication',
      'SELECT s.publication_id AS id FROM pages p JOIN issues s ON s.id = p.issue_id WHERE p.id = $1',
      [pageId],
    );
    profilePages = pub ? ((await ctx.profiles.info(q, pub.id))?.pages ?? null) : null;
  }
  await q.run('pages.setModel', 'UPDATE pages SET model_version = $1, model_profile = $2, model_profile_pages = $3 WHERE id = $4', [
    model?.version ?? null,
    model?.profile ?? null,
    profilePages,
    pageId,
  ]);
}
