// page.get's answer read straight from the rows into the lean wire form (shared/page-wire.ts),
// on the archive's thread: one query of the item rows as arrays (no row objects), each row's
// checksum verified as before (page-read.ts), and no item object, JSON.parse or zod per row — the
// JSON columns (paragraphs, flags, edited fields, confidence) go out as stored, since the checksum
// has just vouched for them and the tab checks every item on arrival. Before (session 6) the read
// built 10,000 StoredItems and serialised them: ~120 ms for the objects and ~30 ms for the text on
// top of the query and the checksums, and a 6.1 MB answer.
import type Database from 'better-sqlite3';
import { titleRefsJson, paragraphsJson, wireItemJson, wirePageJson } from '../../shared/page-wire.ts';
import { checkItemSet, DamagedRowError, ITEM_COLUMNS, PAGE_COLUMNS, rowChecksum } from './checksums.ts';
import type { ArchiveContext } from './context.ts';
import type { PageJson } from './page-json.ts';
import { pageRow } from './page-rows.ts';
import { pageRecordFromRow } from './pages.ts';
import { baseText, decodeParagraphs } from './paragraph-refs.ts';

// Row layout: id, checksum, the checksummed columns in ITEM_COLUMNS order, confidence_json, and the
// item's contributors ([name, role] pairs in their order) and tags (by name) as wire JSON, made by
// SQLite in the same query (the primary keys of item_contributors and item_tags lead with item_id),
// instead of two page-wide joins matched up in JavaScript.
const ITEM_SQL = `SELECT i.id, i.checksum, ${ITEM_COLUMNS.map((c) => `i.${c}`).join(', ')}, i.confidence_json,
    (SELECT json_group_array(json_array(c.name, ic.role) ORDER BY ic.ord) FROM item_contributors ic
       JOIN contributors c ON c.id = ic.contributor_id WHERE ic.item_id = i.id),
    (SELECT json_group_array(t.name ORDER BY t.name) FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id)
  FROM items i WHERE i.page_id = ? ORDER BY i.ord, i.id`;
const COL = Object.fromEntries(ITEM_COLUMNS.map((c, i) => [c, i + 2])) as Record<(typeof ITEM_COLUMNS)[number], number>;
const CONFIDENCE = ITEM_COLUMNS.length + 2;
const CONTRIBUTORS = CONFIDENCE + 1;
const TAGS = CONFIDENCE + 2;

/** Prepared once per connection, in raw mode (rows as arrays, not objects keyed by column name). */
const rawItems = new WeakMap<Database.Database, Database.Statement>();
function itemRows(db: Database.Database, pageId: number): unknown[][] {
  let s = rawItems.get(db);
  if (!s) {
    s = db.prepare(ITEM_SQL).raw(true);
    rawItems.set(db, s);
  }
  return s.all(pageId) as unknown[][];
}

/** The page as page.get's lean JSON, or a DamagedRowError naming the first damaged row (as readCheckedPage). */
export function readLeanPageJson(ctx: ArchiveContext, pageId: number): PageJson {
  const page = pageRow(ctx, pageId) as ReturnType<typeof pageRow> & Record<string, unknown> & { checksum: string | null };
  if (page.checksum === null || page.checksum !== rowChecksum(PAGE_COLUMNS.map((c) => page[c] ?? null))) {
    throw new DamagedRowError(ctx.path, { part: 'page', id: pageId, pageId, pageRevision: null });
  }
  const rows = itemRows(ctx.db.raw, pageId);
  for (const row of rows) {
    const checksum = row[1] as string | null;
    if (checksum === null || checksum !== rowChecksum(row.slice(2, CONFIDENCE))) {
      throw new DamagedRowError(ctx.path, { part: 'item', id: row[0] as number, pageId, pageRevision: null });
    }
  }
  checkItemSet(ctx.db.raw, ctx.path, pageId, rows.map((r) => ({ id: r[0] as number, checksum: r[1] as string | null })));
  const text = page.text;
  const base = baseText(page);
  // Stored paragraphs refer to the imported text; when that is the text now (or there is none) they go out as stored.
  const asStored = base === '' || base === text;
  const items = rows.map((r) => {
    const id = r[0] as number;
    const start = r[COL.start_offset] as number;
    const end = r[COL.end_offset] as number;
    const stored = r[COL.paragraphs_json] as string;
    const titles = { kicker: r[COL.kicker] as string | null, headline: r[COL.headline] as string | null, subheadline: r[COL.subheadline] as string | null, series: r[COL.series] as string | null, byline: r[COL.byline] as string | null };
    return wireItemJson({
      id,
      kind: r[COL.kind] as string,
      start,
      end,
      texts: titleRefsJson(titles, text, start, end),
      contributors: r[CONTRIBUTORS] as string,
      paragraphs: asStored ? stored : paragraphsJson(decodeParagraphs(stored, base), text, start, end),
      continuedOn: r[COL.continued_on] as number | null,
      continuedFrom: r[COL.continued_from] as number | null,
      flags: r[COL.flags_json] as string,
      editedFields: r[COL.edited_fields_json] as string,
      tags: r[TAGS] as string,
      confidence: (r[CONFIDENCE] as string | null) ?? 'null',
    });
  });
  const { items: _none, ...fields } = pageRecordFromRow(page, []);
  return { json: wirePageJson(fields, items), textChars: text.length, itemCount: rows.length };
}
