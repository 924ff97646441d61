// Search: the query planner (FTS5 trigram match, the index path for one- and two-character
// terms, or a newest-first scan) and the hits with their snippets. Text is folded to simplified
// Chinese on both sides (core/search), so 衡陽 finds 衡阳.
import { z } from 'zod';
import { foldForSearch } from '../../core/search/fold.ts';
import { makeSnippet, searchDocText, unpad } from '../../core/search/search-doc.ts';
import type { SearchFilters, SearchHit } from './archive-api.ts';
import { dateSchema, parseOr, type ArchiveContext } from './context.ts';
import type { SqlValue } from './db.ts';
import type { ItemTextColumns } from './page-rows.ts';

/**
 * Full-text hits are ranked (bm25) among the newest RANK_WINDOW matches. A rarer term is ranked
 * over all of its matches; a term found in tens of thousands of items stays fast, its ranking
 * then covering the newest RANK_WINDOW of them.
 */
export const RANK_WINDOW = 500;

/** Most matches counted and walked by paging and bulk actions (a larger total is shown as "100,000+"). */
export const SEARCH_ID_CAP = 100_000;

/**
 * A one- or two-character term is looked up through the index when at most this many trigrams
 * start with it and they occur in at most SHORT_TERM_MAX_DOCS rows; a more common term is found
 * faster by the newest-first scan (it meets enough hits within a few rows).
 */
export const SHORT_TERM_MAX_TRIGRAMS = 400;
export const SHORT_TERM_MAX_DOCS = 300;

export const filtersSchema = z.object({
  publicationId: z.number().int().positive().optional(),
  issueId: z.number().int().positive().optional(),
  dateFrom: dateSchema.optional(),
  dateTo: dateSchema.optional(),
  kind: z.string().min(1).optional(),
  tag: z.string().min(1).optional(),
  state: z.string().min(1).optional(),
});

/** Splits a query into folded terms (white space separates terms; all must match). */
export function queryTerms(query: string): string[] {
  const terms = foldForSearch(query)
    .split(/\s+/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  return [...new Set(terms)];
}

/**
 * Three-character pieces (by code point) that cover a term: at 0, 3, 6, … and the last three.
 * Every one must be in a matching row; the term itself is then checked with instr(), so the
 * overlapping pieces in between would only add work (and bm25 phrases) without narrowing much.
 */
export function trigrams(term: string): string[] {
  const chars = [...term];
  const at = new Set<number>();
  for (let i = 0; i + 3 <= chars.length; i += 3) at.add(i);
  if (chars.length >= 3) at.add(chars.length - 3);
  return [...at].map((i) => chars.slice(i, i + 3).join(''));
}

export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

interface HitRow extends ItemTextColumns {
  item_id: number;
  page_id: number;
  publication: string;
  date: string | null;
  page_number: number | null;
  f_headline: string;
  f_body: string;
  f_people: string;
  f_tags: string;
}

const HIT_COLUMNS = `i.id AS item_id, p.id AS page_id, pub.title AS publication, s.date AS date, p.page_number AS page_number,
    i.kicker, i.headline, i.subheadline, i.series, i.byline, i.paragraphs_json,
    d.headline AS f_headline, d.body AS f_body, d.people AS f_people, d.tags AS f_tags`;
const HIT_JOINS = `JOIN pages p ON p.id = i.page_id JOIN issues s ON s.id = p.issue_id JOIN publications pub ON pub.id = s.publication_id`;

function toHit(ctx: ArchiveContext, r: HitRow, terms: string[], rank: number): SearchHit {
  const fields: [string, keyof ReturnType<typeof searchDocText>][] = [
    [unpad(r.f_body), 'body'],
    [unpad(r.f_headline), 'headline'],
    [unpad(r.f_people), 'people'],
    [unpad(r.f_tags), 'tags'],
  ];
  const hitField = fields.find(([folded]) => terms.some((t) => folded.includes(t))) ?? fields[0]!;
  const key = hitField[1];
  const original = searchDocText({
    kicker: r.kicker,
    headline: r.headline,
    subheadline: r.subheadline,
    series: r.series,
    byline: r.byline,
    paragraphs: key === 'body' ? (JSON.parse(r.paragraphs_json) as string[]) : [],
    contributors:
      key === 'people'
        ? ctx.db
            .stmt(
              'search.peopleOfItem',
              `SELECT c.name FROM item_contributors ic JOIN contributors c ON c.id = ic.contributor_id WHERE ic.item_id = ? ORDER BY ic.ord`,
            )
            .all<{ name: string }>(r.item_id)
        : [],
    tags:
      key === 'tags'
        ? ctx.db
            .stmt('search.tagsOfItem', 'SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name')
            .all<{ name: string }>(r.item_id)
            .map((t) => t.name)
        : [],
  })[key];
  return {
    itemId: r.item_id,
    pageId: r.page_id,
    publication: r.publication,
    date: r.date,
    pageNumber: r.page_number,
    headline: r.headline ?? r.kicker ?? r.subheadline ?? null,
    snippet: makeSnippet(original, hitField[0], terms),
    rank,
    tags: ctx.db
      .stmt('search.tagsOfItem', 'SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name')
      .all<{ name: string }>(r.item_id)
      .map((t) => t.name),
  };
}

/** The index trigrams that start with a one- or two-character term, and how many rows hold them. */
function expandShort(ctx: ArchiveContext, term: string): { trigrams: string[]; docs: number } {
  const rows = ctx.db
    .stmt('search.vocab', `SELECT term, doc FROM items_fts_vocab WHERE term >= ? AND term < ? LIMIT ${SHORT_TERM_MAX_TRIGRAMS + 1}`)
    .all<{ term: string; doc: number }>(term, `${term}\u{10FFFF}`);
  return { trigrams: rows.map((r) => r.term), docs: rows.reduce((n, r) => n + r.doc, 0) };
}

const quote = (t: string): string => `"${t.replace(/"/g, '""')}"`;

/** What a query looks up: the FTS match (null: scan), the WHERE parts with their parameters. Null: nothing can match. */
interface SearchPlan {
  terms: string[];
  match: string | null;
  where: string[];
  params: SqlValue[];
  shape: string;
  narrowed: boolean;
  /** Filters on the joined tables (the FTS query then joins them). */
  filtered: boolean;
}

function planSearch(ctx: ArchiveContext, query: string, filters: SearchFilters): SearchPlan | null {
  const f = parseOr(filtersSchema, filters, 'search filters');
  const terms = queryTerms(query);
  // No words: only a tag filter lists items (the newest first); nothing else does.
  if (terms.length === 0 && f.tag === undefined) return null;
  const long = terms.filter((t) => charCount(t) >= 3);
  const short = terms.filter((t) => charCount(t) < 3);

  // What the index looks up, and which terms are then checked as substrings with instr().
  let match: string | null = null;
  let verify: string[];
  if (terms.length === 0) {
    verify = [];
  } else if (long.length > 0) {
    // The index keeps no positions (detail=column): every trigram of every long term must
    // match; terms longer than three characters and all short terms are then checked.
    match = [...new Set(long.flatMap(trigrams))].map(quote).join(' AND ');
    verify = [...short, ...long.filter((l) => charCount(l) > 3)];
  } else {
    // One- and two-character terms: the trigrams that start with the rarest of them (the
    // index pads every column, so every occurrence starts one). Absent → no hits at all. A
    // common term is left to a newest-first scan, which meets enough hits within a few rows.
    const expanded = short.map((t) => ({ t, ...expandShort(ctx, t) }));
    if (expanded.some((e) => e.docs === 0)) return null;
    const rarest = expanded
      .filter((e) => e.trigrams.length <= SHORT_TERM_MAX_TRIGRAMS && e.docs <= SHORT_TERM_MAX_DOCS)
      .sort((a, b) => a.docs - b.docs)[0];
    if (rarest) match = rarest.trigrams.map(quote).join(' OR ');
    verify = short.filter((t) => t !== rarest?.t);
  }

  const where: string[] = [];
  const params: SqlValue[] = [];
  for (const t of verify) {
    where.push('(instr(d.headline, ?) > 0 OR instr(d.body, ?) > 0 OR instr(d.people, ?) > 0 OR instr(d.tags, ?) > 0)');
    params.push(t, t, t, t);
  }
  const filterWhere: string[] = [];
  if (f.publicationId !== undefined) {
    filterWhere.push('pub.id = ?');
    params.push(f.publicationId);
  }
  if (f.issueId !== undefined) {
    filterWhere.push('s.id = ?');
    params.push(f.issueId);
  }
  if (f.dateFrom !== undefined) {
    filterWhere.push('s.date >= ?');
    params.push(f.dateFrom);
  }
  if (f.dateTo !== undefined) {
    filterWhere.push('s.date <= ?');
    params.push(f.dateTo);
  }
  if (f.kind !== undefined) {
    filterWhere.push('i.kind = ?');
    params.push(f.kind);
  }
  if (f.state !== undefined) {
    filterWhere.push('p.state = ?');
    params.push(f.state);
  }
  if (f.tag !== undefined) {
    filterWhere.push('EXISTS (SELECT 1 FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id AND t.name = ?)');
    params.push(f.tag);
  }
  where.push(...filterWhere);
  const shape = `${verify.length}/${filterWhere.join(',')}`;

  const narrowed = f.issueId !== undefined || f.dateFrom !== undefined || f.dateTo !== undefined;
  return { terms, match, where, params, shape, narrowed, filtered: filterWhere.length > 0 };
}

const hitDetail = (ctx: ArchiveContext) =>
  ctx.db.stmt('search.hit', `SELECT ${HIT_COLUMNS} FROM items i JOIN search_docs d ON d.item_id = i.id ${HIT_JOINS} WHERE i.id = ?`);

export function search(ctx: ArchiveContext, query: string, filters: SearchFilters = {}, limit = 50): SearchHit[] {
  const max = Math.max(1, Math.min(1000, Math.floor(limit)));
  const plan = planSearch(ctx, query, filters);
  if (!plan) return [];
  const { terms, match, where, params, shape, narrowed } = plan;

  // The details of the hits shown, fetched for the final rows only.
  const detail = hitDetail(ctx);

  if (match === null) {
    // The scan: the same folded content table, newest first, stopping at `max` hits. It selects
    // ids only (the hit columns are fetched for the final rows). CROSS JOIN pins search_docs as
    // the outer loop, walked by rowid from the newest: left to the planner, SQLite drove the
    // query from publications → issues → pages → items, checked every row and sorted them all
    // in a temp B-tree (tens of ms for a common term at 20,000 items). An issue or date filter,
    // which the issues indexes narrow, is still left to the planner.
    const join = narrowed ? 'JOIN' : 'CROSS JOIN';
    const sql = `SELECT d.item_id AS id FROM search_docs d ${join} items i ON i.id = d.item_id ${HIT_JOINS.replace(/\bJOIN\b/g, join)}
      WHERE ${where.join(' AND ') || '1'} ORDER BY d.item_id DESC LIMIT ?`;
    return ctx.db
      .stmt(`search.scan[${shape}]`, sql)
      .all<{ id: number }>(...params, max)
      .flatMap((r) => {
        const row = detail.get<HitRow>(r.id);
        return row ? [toHit(ctx, row, terms, 0)] : [];
      });
  }

  // The newest RANK_WINDOW matches, each with its bm25 (headline matches weigh most): the index
  // walks its doclists in rowid order, so this stops early however common the terms are, and
  // bm25 is computed only for rows that pass the substring checks. Best first.
  const joins = plan.filtered ? `JOIN items i ON i.id = items_fts.rowid ${HIT_JOINS}` : '';
  const windowSql = `SELECT items_fts.rowid AS id, bm25(items_fts, 8.0, 1.0, 4.0, 4.0) AS r
    FROM items_fts JOIN search_docs d ON d.item_id = items_fts.rowid ${joins}
    WHERE items_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')}
    ORDER BY items_fts.rowid DESC LIMIT ${RANK_WINDOW}`;
  const ranked = ctx.db
    .stmt(`search.window[${shape}]`, windowSql)
    .all<{ id: number; r: number }>(match, ...params)
    .sort((x, y) => x.r - y.r || x.id - y.id)
    .slice(0, max);
  if (ranked.length === 0) return [];
  return ranked.flatMap((r) => {
    const row = detail.get<HitRow>(r.id);
    return row ? [toHit(ctx, row, terms, r.r)] : [];
  });
}

/**
 * Every matching item id (up to `cap`) in the order the hits are shown: the ranked window first
 * (best bm25 first, as `search` returns them), then the other matches newest first. This is
 * what paging and "apply to all matches" walk, so a page never repeats or skips a hit and the
 * total is the true count (not the window's).
 */
function allMatches(ctx: ArchiveContext, query: string, filters: SearchFilters, cap: number): { ids: number[]; ranked: SearchHit[] } {
  const plan = planSearch(ctx, query, filters);
  if (!plan) return { ids: [], ranked: [] };
  const { match, where, params, shape, narrowed } = plan;
  if (match === null) {
    const join = narrowed ? 'JOIN' : 'CROSS JOIN';
    const sql = `SELECT d.item_id AS id FROM search_docs d ${join} items i ON i.id = d.item_id ${HIT_JOINS.replace(/\bJOIN\b/g, join)}
      WHERE ${where.join(' AND ') || '1'} ORDER BY d.item_id DESC LIMIT ?`;
    return { ids: ctx.db.stmt(`search.scanAll[${shape}]`, sql).all<{ id: number }>(...params, cap).map((r) => r.id), ranked: [] };
  }
  const joins = plan.filtered ? `JOIN items i ON i.id = items_fts.rowid ${HIT_JOINS}` : '';
  const sql = `SELECT items_fts.rowid AS id FROM items_fts JOIN search_docs d ON d.item_id = items_fts.rowid ${joins}
    WHERE items_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')}
    ORDER BY items_fts.rowid DESC LIMIT ?`;
  const all = ctx.db.stmt(`search.all[${shape}]`, sql).all<{ id: number }>(match, ...params, cap).map((r) => r.id);
  const ranked = search(ctx, query, filters, Math.min(1000, RANK_WINDOW));
  const inRanked = new Set(ranked.map((h) => h.itemId));
  return { ids: [...inRanked, ...all.filter((id) => !inRanked.has(id))], ranked };
}

export function searchAllIds(ctx: ArchiveContext, query: string, filters: SearchFilters = {}, cap = SEARCH_ID_CAP): number[] {
  return allMatches(ctx, query, filters, cap).ids;
}

/** A page of hits: the true total and the hits at [offset, offset + limit) of searchAllIds' order. */
export function searchPage(
  ctx: ArchiveContext,
  query: string,
  filters: SearchFilters = {},
  offset = 0,
  limit = 50,
): { total: number; capped: boolean; hits: SearchHit[] } {
  const plan = planSearch(ctx, query, filters);
  if (!plan) return { total: 0, capped: false, hits: [] };
  const { ids, ranked: rankedHits } = allMatches(ctx, query, filters, SEARCH_ID_CAP);
  const from = Math.max(0, Math.floor(offset));
  const size = Math.max(1, Math.min(1000, Math.floor(limit)));
  const detail = hitDetail(ctx);
  const ranked = new Map(rankedHits.map((h) => [h.itemId, h]));
  const hits = ids.slice(from, from + size).flatMap((id) => {
    const known = ranked.get(id);
    if (known) return [known];
    const row = detail.get<HitRow>(id);
    return row ? [toHit(ctx, row, plan.terms, 0)] : [];
  });
  return { total: ids.length, capped: ids.length >= SEARCH_ID_CAP, hits };
}

