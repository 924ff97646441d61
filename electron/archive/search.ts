// Search: the query planner (FTS5 trigram match, the index path for one- and two-character
// terms, or a newest-first scan) and the hits with their snippets. Text is folded to simplified
// Chinese on both sides (core/search), so 衡陽 finds 衡阳. The index is contentless (migration
// 0017): the substring checks read the items' own text (search-text.ts).
import { z } from 'zod';
import { foldForSearch } from '../../core/search/fold.ts';
import { makeSnippet, searchDocText } from '../../core/search/search-doc.ts';
import type { SearchFilters, SearchHit } from './archive-api.ts';
import { dateSchema, parseOr, type ArchiveContext } from './context.ts';
import type { SqlValue } from './db.ts';
import type { ItemTextColumns } from './page-rows.ts';
import { decodeParagraphs } from './paragraph-refs.ts';
import { phraseIndex, rankStats } from './search-rank.ts';
import { cachedBase, CANDIDATE_TEXT_COLUMNS, walkMatching } from './search-text.ts';

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
  content_hash: string;
}

const HIT_COLUMNS = `i.id AS item_id, p.id AS page_id, pub.title AS publication, s.date AS date, p.page_number AS page_number,
    i.kicker, i.headline, i.subheadline, i.series, i.byline, i.paragraphs_json, p.content_hash`;
const HIT_JOINS = `JOIN pages p ON p.id = i.page_id JOIN issues s ON s.id = p.issue_id JOIN publications pub ON pub.id = s.publication_id`;

function toHit(ctx: ArchiveContext, r: HitRow, terms: string[], rank: number): SearchHit {
  const tags = ctx.db
    .stmt('search.tagsOfItem', 'SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name')
    .all<{ name: string }>(r.item_id)
    .map((t) => t.name);
  // The field the snippet comes from: the first of body, headline, people, tags holding a term
  // (the contributors are read only when it comes to them).
  const text = (key: 'body' | 'headline' | 'people' | 'tags') =>
    searchDocText({
      kicker: r.kicker,
      headline: r.headline,
      subheadline: r.subheadline,
      series: r.series,
      byline: r.byline,
      paragraphs: key === 'body' ? decodeParagraphs(r.paragraphs_json, cachedBase(ctx.db, r.page_id, r.content_hash)) : [],
      contributors:
        key === 'people'
          ? ctx.db
              .stmt(
                'search.peopleOfItem',
                `SELECT c.name FROM item_contributors ic JOIN contributors c ON c.id = ic.contributor_id WHERE ic.item_id = ? ORDER BY ic.ord`,
              )
              .all<{ name: string }>(r.item_id)
          : [],
      tags: key === 'tags' ? tags : [],
    })[key];
  let hitField: readonly [string, string] | null = null;
  let first: readonly [string, string] | null = null;
  for (const key of ['body', 'headline', 'people', 'tags'] as const) {
    const original = text(key);
    const field = [original, foldForSearch(original)] as const;
    first ??= field;
    if (terms.some((t) => field[1].includes(t))) {
      hitField = field;
      break;
    }
  }
  hitField ??= first!;
  return {
    itemId: r.item_id,
    pageId: r.page_id,
    publication: r.publication,
    date: r.date,
    pageNumber: r.page_number,
    headline: r.headline ?? r.kicker ?? r.subheadline ?? null,
    snippet: makeSnippet(hitField[0], hitField[1], terms),
    rank,
    tags,
  };
}

/** The index trigrams that start with a one- or two-character term, and how many rows hold them. */
function expandShort(ctx: ArchiveContext, term: string): { trigrams: string[]; docs: number; each: Map<string, number> } {
  const rows = ctx.db
    .stmt('search.vocab', `SELECT term, doc FROM items_fts_vocab WHERE term >= ? AND term < ? LIMIT ${SHORT_TERM_MAX_TRIGRAMS + 1}`)
    .all<{ term: string; doc: number }>(term, `${term}\u{10FFFF}`);
  return { trigrams: rows.map((r) => r.term), docs: rows.reduce((n, r) => n + r.doc, 0), each: new Map(rows.map((r) => [r.term, r.doc])) };
}

const quote = (t: string): string => `"${t.replace(/"/g, '""')}"`;

/** What a query looks up: the FTS match (null: scan), the WHERE parts with their parameters. Null: nothing can match. */
interface SearchPlan {
  terms: string[];
  match: string | null;
  /** The trigrams the match names (bm25 phrases), and the rows holding each when already read. */
  phrases: string[];
  phraseDocs: Map<string, number>;
  where: string[];
  params: SqlValue[];
  /** Terms to find in the item's own text (search-text.ts): none → the index or filters decide alone. */
  verify: string[];
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
  let phrases: string[] = [];
  let phraseDocs = new Map<string, number>();
  let verify: string[];
  if (terms.length === 0) {
    verify = [];
  } else if (long.length > 0) {
    // The index keeps no positions (detail=column): every trigram of every long term must
    // match; terms longer than three characters and all short terms are then checked.
    phrases = [...new Set(long.flatMap(trigrams))];
    match = phrases.map(quote).join(' AND ');
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
    if (rarest) {
      phrases = rarest.trigrams;
      phraseDocs = rarest.each;
      match = phrases.map(quote).join(' OR ');
    }
    verify = short.filter((t) => t !== rarest?.t);
  }

  const where: string[] = [];
  const params: SqlValue[] = [];
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
  return { terms, match, phrases, phraseDocs, where, params, verify, shape, narrowed, filtered: filterWhere.length > 0 };
}

const hitDetail = (ctx: ArchiveContext) => ctx.db.stmt('search.hit', `SELECT ${HIT_COLUMNS} FROM items i ${HIT_JOINS} WHERE i.id = ?`);

/**
 * The scan, newest first: items walked by id (CROSS JOIN pins items as the outer loop: left to the
 * planner, SQLite drove the query from publications → issues → pages → items and sorted every row
 * in a temp B-tree). An issue or date filter, which the issues indexes narrow, is left to the
 * planner. Ids only when no term is to be checked; else the candidates' text, checked in batches.
 */
function scanIds(ctx: ArchiveContext, plan: SearchPlan, want: number, name: string): number[] {
  const join = plan.narrowed ? 'JOIN' : 'CROSS JOIN';
  const from = `FROM items i ${HIT_JOINS.replace(/\bJOIN\b/g, join)}`;
  if (plan.verify.length === 0) {
    const sql = `SELECT i.id AS id ${from} WHERE ${plan.where.join(' AND ') || '1'} ORDER BY i.id DESC LIMIT ?`;
    return ctx.db.stmt(`${name}[${plan.shape}]`, sql).all<{ id: number }>(...plan.params, want).map((r) => r.id);
  }
  const sql = (bound: string) =>
    `SELECT i.id AS id, ${CANDIDATE_TEXT_COLUMNS} ${from} WHERE ${[...plan.where, bound].join(' AND ')} ORDER BY i.id DESC LIMIT ?`;
  return walkMatching(ctx, `${name}.text[${plan.shape}]`, sql, 'i.id', plan.params, plan.verify, want).map((r) => r.id);
}

/** Index matches newest first (with their bm25 when ranked), the terms to check checked on the items' text. */
function matchIds(ctx: ArchiveContext, plan: SearchPlan, want: number, name: string, ranked: boolean): { id: number; r: number }[] {
  const match = plan.match!;
  if (!ranked && plan.verify.length === 0) {
    const from = `FROM items_fts ${plan.filtered ? `JOIN items i ON i.id = items_fts.rowid ${HIT_JOINS}` : ''}`;
    const sql = `SELECT items_fts.rowid AS id ${from} WHERE ${['items_fts MATCH ?', ...plan.where].join(' AND ')} ORDER BY items_fts.rowid DESC LIMIT ?`;
    return ctx.db
      .stmt(`${name}[${plan.shape}]`, sql)
      .all<{ id: number }>(match, ...plan.params, want)
      .map((r) => ({ id: r.id, r: 0 }));
  }
  // Ranking needs each candidate's text as well (bm25 of a contentless index, search-rank.ts).
  const from = `FROM items_fts JOIN items i ON i.id = items_fts.rowid ${plan.filtered ? HIT_JOINS : ''}`;
  const sql = (bound: string) =>
    `SELECT items_fts.rowid AS id, ${CANDIDATE_TEXT_COLUMNS} ${from} WHERE ${['items_fts MATCH ?', ...plan.where, bound].join(' AND ')}
     ORDER BY items_fts.rowid DESC LIMIT ?`;
  const ranking = ranked ? { phrases: plan.phrases, stats: rankStats(ctx.db, plan.phrases, plan.phraseDocs), byFirst: phraseIndex(plan.phrases) } : null;
  return walkMatching(ctx, `${name}.text[${plan.shape}]`, sql, 'items_fts.rowid', [match, ...plan.params], plan.verify, want, ranking);
}

export function search(ctx: ArchiveContext, query: string, filters: SearchFilters = {}, limit = 50): SearchHit[] {
  const max = Math.max(1, Math.min(1000, Math.floor(limit)));
  const plan = planSearch(ctx, query, filters);
  if (!plan) return [];

  // The details of the hits shown, fetched for the final rows only.
  const detail = hitDetail(ctx);
  if (plan.match === null) {
    return scanIds(ctx, plan, max, 'search.scan').flatMap((id) => {
      const row = detail.get<HitRow>(id);
      return row ? [toHit(ctx, row, plan.terms, 0)] : [];
    });
  }

  // The newest RANK_WINDOW matches, each with its bm25 (headline matches weigh most): the index
  // walks its doclists in rowid order, so this stops early however common the terms are. Best first.
  const ranked = matchIds(ctx, plan, RANK_WINDOW, 'search.window', true)
    .sort((x, y) => x.r - y.r || x.id - y.id)
    .slice(0, max);
  return ranked.flatMap((r) => {
    const row = detail.get<HitRow>(r.id);
    return row ? [toHit(ctx, row, plan.terms, r.r)] : [];
  });
}

/**
 * Every matching item id (up to `cap`) in the order the hits are shown: the ranked window first
 * (best bm25 first, as `search` returns them), then the other matches newest first. This is
 * what paging and "apply to all matches" walk, so a page never repeats or skips a hit and the
 * total is the true count (not the window's).
 */
function allMatches(ctx: ArchiveContext, plan: SearchPlan, cap: number): { ids: number[]; rank: Map<number, number> } {
  if (plan.match === null) return { ids: scanIds(ctx, plan, cap, 'search.scanAll'), rank: new Map() };
  const all = matchIds(ctx, plan, cap, 'search.all', false).map((r) => r.id);
  // The ranked window as search() orders it (its hits are made only for the page shown).
  const ranked = matchIds(ctx, plan, RANK_WINDOW, 'search.window', true).sort((x, y) => x.r - y.r || x.id - y.id);
  const rank = new Map(ranked.map((r) => [r.id, r.r]));
  return { ids: [...rank.keys(), ...all.filter((id) => !rank.has(id))], rank };
}

export function searchAllIds(ctx: ArchiveContext, query: string, filters: SearchFilters = {}, cap = SEARCH_ID_CAP): number[] {
  const plan = planSearch(ctx, query, filters);
  return plan ? allMatches(ctx, plan, cap).ids : [];
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
  const { ids, rank } = allMatches(ctx, plan, SEARCH_ID_CAP);
  const from = Math.max(0, Math.floor(offset));
  const size = Math.max(1, Math.min(1000, Math.floor(limit)));
  const detail = hitDetail(ctx);
  const hits = ids.slice(from, from + size).flatMap((id) => {
    const row = detail.get<HitRow>(id);
    return row ? [toHit(ctx, row, plan.terms, rank.get(id) ?? 0)] : [];
  });
  return { total: ids.length, capped: ids.length >= SEARCH_ID_CAP, hits };
}

