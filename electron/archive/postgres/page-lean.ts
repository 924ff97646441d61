// page.get's lean wire form (shared/page-wire.ts) on PostgreSQL: one read transaction, one query
// for the item rows with their contributors and tags aggregated by the server (no page-wide joins
// matched up here, no item objects), the page's and every item's checksum and the item set
// verified as getPage's guard does (checksum-reads.ts) — before, page.get on PostgreSQL built the
// page through getPage's module function, past that guard, so a damaged row was served. Paragraphs
// are plain text on PostgreSQL (no base to refer to): they are turned into references into the
// page text here, so the tab receives the same small answer from either archive.
import { paragraphsJson, titleRefsJson, wireItemJson, wirePageJson } from '../../../shared/page-wire.ts';
import { DamagedRowError, ITEM_COLUMNS, PAGE_COLUMNS, rowChecksum } from '../checksums.ts';
import { fail } from '../context.ts';
import type { PageJson } from '../page-json.ts';
import { pageRecordFromRow } from '../pages.ts';
import { itemSetDamageOf } from './checksum-sets.ts';
import { isRowId, type PgContext } from './context.ts';
import type { PageRow } from './page-rows.ts';

type Row = Record<string, unknown> & { id: number; checksum: string | null };
type LeanRow = Row & { contributors_json: string; tags_json: string; confidence_json: string | null };

const matches = (r: Row, columns: readonly string[]) => r.checksum !== null && r.checksum === rowChecksum(columns.map((c) => r[c] ?? null));

const PAGE_SQL = `SELECT id, checksum, issue_id, page_number, source_name, encoding, content_hash, raw_text, text, state, revision, edited,
  masthead_json, doubt_count, model_version, model_profile, model_profile_pages FROM pages WHERE id = $1`;

// (ord, id): the order the item set's checksum is taken in (migration 0003).
const ITEMS_SQL = `SELECT i.id, i.checksum, ${ITEM_COLUMNS.map((c) => `i.${c}`).join(', ')}, i.confidence_json,
    COALESCE((SELECT json_agg(json_build_array(c.name, ic.role) ORDER BY ic.ord) FROM item_contributors ic
      JOIN contributors c ON c.id = ic.contributor_id WHERE ic.item_id = i.id)::text, '[]') AS contributors_json,
    COALESCE((SELECT json_agg(t.name ORDER BY t.name) FROM item_tags it JOIN tags t ON t.id = it.tag_id
      WHERE it.item_id = i.id)::text, '[]') AS tags_json
  FROM items i WHERE i.page_id = $1 ORDER BY i.ord, i.id`;

/** The page as page.get's lean JSON, or a DamagedRowError naming the first damaged row. */
export function readLeanPageJsonPg(ctx: PgContext, pageId: number): Promise<PageJson> {
  return ctx.read(async (q) => {
    const page = isRowId(pageId) ? await q.one<PageRow & Row>('pages.getLean', PAGE_SQL, [pageId]) : undefined;
    if (!page) fail('not-found', `page ${pageId} does not exist`);
    if (!matches(page, PAGE_COLUMNS)) throw new DamagedRowError(ctx.path, { part: 'page', id: pageId, pageId, pageRevision: null });
    const rows = await q.all<LeanRow>('items.ofPageLean', ITEMS_SQL, [pageId]);
    for (const r of rows) {
      if (!matches(r, ITEM_COLUMNS)) throw new DamagedRowError(ctx.path, { part: 'item', id: r.id, pageId, pageRevision: null });
    }
    const set = await itemSetDamageOf(q, pageId, rows);
    if (set) throw new DamagedRowError(ctx.path, set);
    const text = page.text;
    const items = rows.map((r) => {
      const start = r.start_offset as number;
      const end = r.end_offset as number;
      const titles = { kicker: r.kicker as string | null, headline: r.headline as string | null, subheadline: r.subheadline as string | null, series: r.series as string | null, byline: r.byline as string | null };
      return wireItemJson({
        id: r.id,
        kind: r.kind as string,
        start,
        end,
        texts: titleRefsJson(titles, text, start, end),
        contributors: r.contributors_json,
        paragraphs: paragraphsJson(JSON.parse(r.paragraphs_json as string) as string[], text, start, end),
        continuedOn: r.continued_on as number | null,
        continuedFrom: r.continued_from as number | null,
        flags: r.flags_json as string,
        editedFields: r.edited_fields_json as string,
        tags: r.tags_json,
        confidence: r.confidence_json ?? 'null',
      });
    });
    const { items: _none, ...fields } = pageRecordFromRow(page, []);
    return { json: wirePageJson(fields, items), textChars: text.length, itemCount: rows.length };
  });
}
