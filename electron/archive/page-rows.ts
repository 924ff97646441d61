// Pages and items as rows: reading a page row, loading and writing its items with their
// contributors, tags and search index row. The other aggregates build on these; none of them
// writes the items tables itself.
import { z } from 'zod';
import { editableFieldSchema, type PageState, type StoredItem } from '../../shared/domain.ts';
import { storedSearchDoc, type SearchDocText } from '../../core/search/search-doc.ts';
import { ITEM_COLUMNS, rowChecksum, sealItemSet } from './checksums.ts';
import { fail, type ArchiveContext } from './context.ts';
import type { SqlValue } from './db.ts';
import { baseText, decodeParagraphs, encodeParagraphs } from './paragraph-refs.ts';
import { indexItem, unindexItem } from './search-index.ts';
import type { PageRecordRow } from './pages.ts';

/** A page row as SQLite stores it: the columns every archive reads, and SQLite's own. */
export interface PageRow extends PageRecordRow {
  raw_text: string;
  edited: number;
  doubt_count: number;
}

/** An item's text columns, as the item, search and refold queries read them. */
export interface ItemTextColumns {
  kicker: string | null;
  headline: string | null;
  subheadline: string | null;
  series: string | null;
  byline: string | null;
  paragraphs_json: string;
}

export interface ItemRow extends ItemTextColumns {
  id: number;
  page_id: number;
  ord: number;
  kind: StoredItem['kind'];
  start_offset: number;
  end_offset: number;
  continued_on: number | null;
  continued_from: number | null;
  flags_json: string;
  edited_fields_json: string;
  story_id: number | null;
  confidence_json: string | null;
}

export interface PageSnapshot {
  text: string;
  state: PageState;
  items: StoredItem[];
}

/** Built once: a zod schema made per item cost ~25 us each (a quarter second on a 10,000-item page). */
const editedFieldsSchema = z.array(editableFieldSchema);

export function pageRow(ctx: ArchiveContext, pageId: number): PageRow {
  const row = ctx.db.stmt('pages.get', 'SELECT * FROM pages WHERE id = ?').get<PageRow>(pageId);
  if (!row) fail('not-found', `page ${pageId} does not exist`);
  return row;
}

/**
 * The page's text as imported, which items' paragraphs refer to (paragraph-refs.ts). Read once per
 * page write or read; the item rows of the page are encoded and decoded against it.
 */
export function pageBase(ctx: ArchiveContext, pageId: number): string {
  const row = ctx.db
    .stmt('pages.base', 'SELECT raw_text, text, content_hash FROM pages WHERE id = ?')
    .get<{ raw_text: string; text: string; content_hash: string }>(pageId);
  if (!row) fail('not-found', `page ${pageId} does not exist`);
  return baseText(row);
}

/** base: the page's imported text when the caller has read the page row (else it is read here). */
export function loadItems(ctx: ArchiveContext, pageId: number, base?: string): (StoredItem & { id: number })[] {
  return itemsOfRows(ctx, pageId, ctx.db.stmt('items.ofPage', 'SELECT * FROM items WHERE page_id = ? ORDER BY ord').all<ItemRow>(pageId), base);
}

/**
 * A page's item rows (already read, in order) as stored items with their contributors and tags.
 * base: the page's imported text (pageBase), when the caller has the page row already.
 */
export function itemsOfRows(ctx: ArchiveContext, pageId: number, rows: readonly ItemRow[], base?: string): (StoredItem & { id: number })[] {
  const { db } = ctx;
  const text = base ?? (rows.length > 0 ? pageBase(ctx, pageId) : '');
  const contributors = db
    .stmt(
      'items.contributorsOfPage',
      `SELECT ic.item_id, c.name, ic.role FROM item_contributors ic
       JOIN items i ON i.id = ic.item_id JOIN contributors c ON c.id = ic.contributor_id
       WHERE i.page_id = ? ORDER BY ic.item_id, ic.ord`,
    )
    .all<{ item_id: number; name: string; role: StoredItem['contributors'][number]['role'] }>(pageId);
  const tags = db
    .stmt(
      'items.tagsOfPage',
      `SELECT it.item_id, t.name FROM item_tags it JOIN items i ON i.id = it.item_id JOIN tags t ON t.id = it.tag_id
       WHERE i.page_id = ? ORDER BY it.item_id, t.name`,
    )
    .all<{ item_id: number; name: string }>(pageId);
  const byItem = new Map<number, StoredItem & { id: number }>();
  const out = rows.map((r) => {
    const item = itemFromRow(r, text);
    byItem.set(r.id, item);
    return item;
  });
  for (const c of contributors) byItem.get(c.item_id)?.contributors.push({ name: c.name, role: c.role });
  for (const t of tags) byItem.get(t.item_id)?.tags.push(t.name);
  return out;
}

/** An item row as the stored item (contributors and tags empty: they are rows of their own); base: its page's imported text. */
export function itemFromRow(r: Omit<ItemRow, 'page_id' | 'ord' | 'story_id'>, base: string): StoredItem & { id: number } {
  const item: StoredItem & { id: number } = {
    id: r.id,
    kind: r.kind,
    start: r.start_offset,
    end: r.end_offset,
    kicker: r.kicker,
    headline: r.headline,
    subheadline: r.subheadline,
    series: r.series,
    byline: r.byline,
    contributors: [],
    paragraphs: decodeParagraphs(r.paragraphs_json, base),
    continuedOn: r.continued_on,
    continuedFrom: r.continued_from,
    flags: JSON.parse(r.flags_json) as StoredItem['flags'],
    editedFields: editedFieldsSchema.parse(JSON.parse(r.edited_fields_json)),
    tags: [],
  };
  if (r.confidence_json) item.confidence = JSON.parse(r.confidence_json) as NonNullable<StoredItem['confidence']>;
  return item;
}

export function snapshot(ctx: ArchiveContext, pageId: number): PageSnapshot {
  const p = pageRow(ctx, pageId);
  return { text: p.text, state: p.state, items: loadItems(ctx, pageId, baseText(p)) };
}

/** An editor saved the page (edited = 1), or some item carries hand-typed fields. */
export function isCorrected(ctx: ArchiveContext, page: PageRow): boolean {
  return (
    page.edited === 1 ||
    ctx.db
      .stmt('items.anyEdited', `SELECT 1 AS x FROM items WHERE page_id = ? AND edited_fields_json <> '[]' LIMIT 1`)
      .get<{ x: number }>(page.id) !== undefined
  );
}

// Look up first: an upsert would rewrite the row (and its index entries) on every use.
function contributorId(ctx: ArchiveContext, name: string): number {
  const found = ctx.db.stmt('contributors.byName', 'SELECT id FROM contributors WHERE name = ?').get<{ id: number }>(name);
  if (found) return found.id;
  return Number(ctx.db.stmt('contributors.insert', 'INSERT INTO contributors(name) VALUES (?)').run(name).lastInsertRowid);
}

function tagId(ctx: ArchiveContext, name: string): number {
  const found = ctx.db.stmt('tags.byName', 'SELECT id FROM tags WHERE name = ?').get<{ id: number }>(name);
  if (found) return found.id;
  return Number(ctx.db.stmt('tags.insert', 'INSERT INTO tags(name) VALUES (?)').run(name).lastInsertRowid);
}

/** An item's columns in the order the insert and update statements name them; base: its page's imported text (pageBase). */
export const itemValues = (item: StoredItem, base: string): SqlValue[] => [
  item.kind,
  item.start,
  item.end,
  item.kicker,
  item.headline,
  item.subheadline,
  item.series,
  item.byline,
  encodeParagraphs(item.paragraphs, base, item.start, item.end),
  item.continuedOn,
  item.continuedFrom,
  JSON.stringify(item.flags),
  JSON.stringify([...new Set(item.editedFields)]),
  item.confidence ? JSON.stringify(item.confidence) : null,
];

/** An item's contributors, tags and search index row (fresh: a new item, nothing to clear; doc: its index text folded already). */
export function writeItemChildren(ctx: ArchiveContext, itemId: number, item: StoredItem, fresh: boolean, doc?: SearchDocText): void {
  const { db } = ctx;
  if (!fresh) {
    db.stmt('item_contributors.clear', 'DELETE FROM item_contributors WHERE item_id = ?').run(itemId);
    db.stmt('item_tags.clear', 'DELETE FROM item_tags WHERE item_id = ?').run(itemId);
  }
  item.contributors.forEach((c, ord) => {
    db.stmt('item_contributors.insert', 'INSERT INTO item_contributors(item_id, ord, contributor_id, role) VALUES (?, ?, ?, ?)').run(
      itemId,
      ord,
      contributorId(ctx, c.name),
      c.role,
    );
  });
  for (const tag of new Set(item.tags)) {
    db.stmt('item_tags.insert', 'INSERT OR IGNORE INTO item_tags(item_id, tag_id) VALUES (?, ?)').run(itemId, tagId(ctx, tag));
  }
  // The folded, padded text goes into the contentless index only (migration 0017).
  if (!fresh) unindexItem(db, itemId);
  indexItem(db, itemId, doc ?? storedSearchDoc(item));
}

export function insertItem(ctx: ArchiveContext, pageId: number, ord: number, item: StoredItem, base: string, restoreId?: number, doc?: SearchDocText): number {
  // The row goes in whole with its checksum (ITEM_COLUMNS: page_id, ord and the values up to
  // edited_fields_json), so 0009's trigger does not rewrite it (migration 0018).
  const values = [pageId, ord, ...itemValues(item, base)];
  const checksum = rowChecksum(values.slice(0, ITEM_COLUMNS.length));
  const r =
    restoreId === undefined
      ? ctx.db
          .stmt(
            'items.insert',
            `INSERT INTO items(page_id, ord, kind, start_offset, end_offset, kicker, headline, subheadline, series, byline,
               paragraphs_json, continued_on, continued_from, flags_json, edited_fields_json, confidence_json, checksum)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(...values, checksum)
      : ctx.db
          .stmt(
            'items.insertWithId',
            `INSERT INTO items(id, page_id, ord, kind, start_offset, end_offset, kicker, headline, subheadline, series, byline,
               paragraphs_json, continued_on, continued_from, flags_json, edited_fields_json, confidence_json, checksum)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(restoreId, ...values, checksum);
  const id = Number(r.lastInsertRowid);
  writeItemChildren(ctx, id, item, true, doc);
  return id;
}

/**
 * Replaces a page's items, keeping the ids of items that carry an id of this page. restoreFreeIds
 * (typed edits): an item carrying an id no item holds gets that id back (undoing a merge).
 */
export function replaceItems(ctx: ArchiveContext, pageId: number, items: StoredItem[], restoreFreeIds = false): void {
  const { db } = ctx;
  const existing = new Set(
    db.stmt('items.idsOfPage', 'SELECT id FROM items WHERE page_id = ?').all<{ id: number }>(pageId).map((r) => r.id),
  );
  const keep = new Set(items.map((i) => i.id).filter((id): id is number => id !== undefined && existing.has(id)));
  const base = pageBase(ctx, pageId);
  for (const id of existing) {
    if (!keep.has(id)) db.stmt('items.delete', 'DELETE FROM items WHERE id = ?').run(id);
  }
  const used = new Set<number>();
  items.forEach((item, ord) => {
    if (item.id !== undefined && keep.has(item.id) && !used.has(item.id)) {
      used.add(item.id);
      db.stmt(
        'items.update',
        `UPDATE items SET ord = ?, kind = ?, start_offset = ?, end_offset = ?, kicker = ?, headline = ?, subheadline = ?,
           series = ?, byline = ?, paragraphs_json = ?, continued_on = ?, continued_from = ?, flags_json = ?,
           edited_fields_json = ?, confidence_json = ?
         WHERE id = ?`,
      ).run(ord, ...itemValues(item, base), item.id);
      writeItemChildren(ctx, item.id, item, false);
    } else if (restoreFreeIds && item.id !== undefined && !used.has(item.id) && !db.stmt('items.idTaken', 'SELECT 1 AS x FROM items WHERE id = ?').get(item.id)) {
      used.add(item.id);
      insertItem(ctx, pageId, ord, { ...item, id: undefined }, base, item.id);
    } else {
      insertItem(ctx, pageId, ord, { ...item, id: undefined }, base);
    }
  });
  // The page's item set as now written (migration 0014), so a row removed or added later shows.
  sealItemSet(db.raw, pageId);
}
