// Search on PostgreSQL, part one: what a query looks up and how its hits are ranked — the same
// plan as SQLite's (../search.ts), so both archives find the same items in the same order.
//
// - A term of three or more characters is found through the pg_trgm GIN index (migration 0002):
//   `doc LIKE '%term%'` on the folded columns joined by newlines; PostgreSQL rechecks each row, so
//   the match is the real substring, as SQLite's instr() check makes it.
// - Hits are ranked by bm25 among the newest RANK_WINDOW matches, computed as FTS5 computes it
//   (bm25.ts) over the same phrases SQLite's MATCH holds: the trigrams at 0, 3, 6 … and the last
//   three of each long term.
// - One- and two-character terms: trigrams cannot index them. SQLite looks the rarest of them up
//   through its index vocabulary (the trigrams that start with it) when at most
//   SHORT_TERM_MAX_TRIGRAMS trigrams start with it in at most SHORT_TERM_MAX_DOCS rows, and
//   ranks by bm25 over those trigrams; a common term is a newest-first scan. Here the rows that
//   hold the term are read by a scan (strpos through LIKE) that stops after SHORT_TERM_MAX_DOCS + 1
//   rows; from those rows the same trigrams and row counts are derived, so the choice between
//   ranking and the newest-first scan, and the ranks, are SQLite's. The rows are found through
//   the index of single characters (migration 0004's search_chars; a pair is checked as a
//   substring of the rows holding both its characters), so a rare short term costs its rows,
//   not a table scan.
// - The whole plan reads one snapshot (ctx.read), so counts, window and hits agree.
import { queryTerms, RANK_WINDOW, SEARCH_ID_CAP, SHORT_TERM_MAX_DOCS, SHORT_TERM_MAX_TRIGRAMS, charCount, filtersSchema, trigrams } from '../search.ts';
import type { SearchFilters } from '../archive-api.ts';
import { parseOr } from '../context.ts';
import { bm25, type Bm25Totals, type DocColumns } from './bm25.ts';
import type { PgQuery, PgValue } from './context.ts';

/** The folded columns as one text, exactly the expression of the GIN index (migration 0002). */
export const DOC = `(d.headline || E'\\n' || d.body || E'\\n' || d.people || E'\\n' || d.tags)`;
/**
 * A one- or two-character term, which no trigram index can find, is checked column by column:
 * strpos-like LIKE on each column costs less per row than on the joined text (no concatenation).
 */
const inSomeColumn = (param: string): string =>
  `(d.headline LIKE ${param} OR d.body LIKE ${param} OR d.people LIKE ${param} OR d.tags LIKE ${param})`;

/** The joins every filter may need. */
export const JOINS = `JOIN items i ON i.id = d.item_id JOIN pages p ON p.id = i.page_id JOIN issues s ON s.id = p.issue_id
  JOIN publications pub ON pub.id = s.publication_id`;

/** Search totals are folded into one row when this many deltas have piled up. */
const TOTALS_COMPACT_AT = 1000;

/** A LIKE pattern matching `term` anywhere (its %, _ and \ taken literally). */
export const containing = (term: string): string => `%${term.replace(/[\\%_]/g, '\\$&')}%`;

export interface DocRow {
  id: number;
  headline: string;
  body: string;
  people: string;
  tags: string;
  tokens: number;
}

const columns = (r: DocRow): DocColumns => [r.headline, r.body, r.people, r.tags];

/** Code point order (UTF-8 byte order), the order of SQLite's index vocabulary. */
const byCodePoint = (a: string, b: string): number => {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
};

export interface PgSearchPlan {
  terms: string[];
  /** WHERE of the matching rows (every term a substring, every filter), over search_docs d and JOINS. */
  where: string;
  params: PgValue[];
  /** Statement-name suffix: one shape per term count and filter set. */
  shape: string;
  /** JOINS when a filter needs them, else nothing: every item has its page, issue and publication, so they filter nothing. */
  joins: string;
  /**
   * How hits are ordered: ranked by bm25 over `phrases` (each with its table-wide row count), or
   * newest first. `rows`: a short term's rows, read already (every match is among them).
   */
  ranking: { phrases: string[]; rows: Map<number, DocRow> | null } | null;
}

/**
 * The rows holding a one- or two-character term, or null when more than SHORT_TERM_MAX_DOCS rows
 * hold it (common). Ids first — at most SHORT_TERM_MAX_DOCS + 1, no text — then the text of a
 * rare term's rows only.
 */
async function rowsHolding(q: PgQuery, term: string): Promise<DocRow[] | null> {
  // search_chars' GIN index (migration 0004) finds the rows holding every character of the term;
  // the per-column substring check keeps those that hold the term itself (a pair, in one column).
  const chars = [...new Set([...term])];
  const pair = charCount(term) > 1;
  const ids = await q.all<{ id: number }>(
    pair ? 'search.shortIdsPair' : 'search.shortIds',
    `SELECT d.item_id AS id FROM search_docs d WHERE search_chars(d.headline, d.body, d.people, d.tags) @> $1::text[]${pair ? ` AND ${inSomeColumn('$3')}` : ''} LIMIT $2`,
    pair ? [chars, SHORT_TERM_MAX_DOCS + 1, containing(term)] : [chars, SHORT_TERM_MAX_DOCS + 1],
  );
  if (ids.length > SHORT_TERM_MAX_DOCS) return null;
  if (ids.length === 0) return [];
  return q.all<DocRow>(
    'search.shortRows',
    'SELECT d.item_id AS id, d.headline, d.body, d.people, d.tags, d.tokens FROM search_docs d WHERE d.item_id = ANY($1::int[])',
    [`{${ids.map((r) => r.id).join(',')}}`],
  );
}

/** The trigrams that start with `term` in these rows, each with the number of rows holding it. */
function trigramsStarting(term: string, rows: readonly DocRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const seen = new Set<string>();
    for (const c of columns(r)) {
      for (let at = c.indexOf(term); at >= 0; at = c.indexOf(term, at + 1)) {
        const tri = [...c.slice(at, at + 6)].slice(0, 3).join('');
        if (charCount(tri) === 3) seen.add(tri);
      }
    }
    for (const t of seen) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

export async function planSearch(q: PgQuery, query: string, filters: SearchFilters): Promise<PgSearchPlan | null> {
  const f = parseOr(filtersSchema, filters, 'search filters');
  const terms = queryTerms(query);
  // No words: only a tag filter lists items (the newest first); nothing else does.
  if (terms.length === 0 && f.tag === undefined) return null;
  const long = terms.filter((t) => charCount(t) >= 3);
  const short = terms.filter((t) => charCount(t) < 3);

  const params: PgValue[] = [];
  const p = (v: PgValue): string => `$${params.push(v)}`;
  const where: string[] = [];

  let ranking: PgSearchPlan['ranking'] = null;
  if (long.length > 0) {
    ranking = { phrases: [...new Set(long.flatMap(trigrams))], rows: null };
  } else if (short.length > 0) {
    const expanded: { t: string; rows: DocRow[]; trigrams: Map<string, number>; docs: number }[] = [];
    for (const t of short) {
      const rows = await rowsHolding(q, t);
      if (rows?.length === 0) return null; // absent: nothing can match
      // More rows than SHORT_TERM_MAX_DOCS: common (each row holds at least one trigram starting with it).
      const tris = rows ? trigramsStarting(t, rows) : new Map<string, number>();
      const docs = rows ? [...tris.values()].reduce((n, c) => n + c, 0) : Number.POSITIVE_INFINITY;
      expanded.push({ t, rows: rows ?? [], trigrams: tris, docs });
    }
    const rarest = expanded
      .filter((e) => e.trigrams.size <= SHORT_TERM_MAX_TRIGRAMS && e.docs <= SHORT_TERM_MAX_DOCS)
      .sort((a, b) => a.docs - b.docs)[0];
    if (rarest) {
      ranking = { phrases: [...rarest.trigrams.keys()].sort(byCodePoint), rows: new Map(rarest.rows.map((r) => [r.id, r])) };
      where.push(`d.item_id = ANY(${p(`{${rarest.rows.map((r) => r.id).join(',')}}`)}::int[])`);
    }
  }
  for (const t of terms) where.push(charCount(t) >= 3 ? `${DOC} LIKE ${p(containing(t))}` : inSomeColumn(p(containing(t))));

  const filterWhere: string[] = [];
  if (f.publicationId !== undefined) filterWhere.push(`pub.id = ${p(f.publicationId)}`);
  if (f.issueId !== undefined) filterWhere.push(`s.id = ${p(f.issueId)}`);
  if (f.dateFrom !== undefined) filterWhere.push(`s.date >= ${p(f.dateFrom)}`);
  if (f.dateTo !== undefined) filterWhere.push(`s.date <= ${p(f.dateTo)}`);
  if (f.kind !== undefined) filterWhere.push(`i.kind = ${p(f.kind)}`);
  if (f.state !== undefined) filterWhere.push(`p.state = ${p(f.state)}`);
  if (f.tag !== undefined) {
    filterWhere.push(`EXISTS (SELECT 1 FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id AND t.name = ${p(f.tag)})`);
  }
  where.push(...filterWhere);
  const shape = `${terms.length}/${ranking?.rows ? 'r' : ''}/${filterWhere.map((w) => w.replace(/\$\d+/g, '?')).join(',')}`;
  // Without joins, newest-first walks search_docs' primary key backwards and stops at the limit;
  // with them the planner may join and sort every match first.
  return { terms, where: where.join(' AND ') || 'true', params, shape, ranking, joins: filterWhere.length > 0 ? JOINS : '' };
}

/** Table-wide rows and tokens (the deltas of migration 0002's triggers, summed). */
async function totals(q: PgQuery): Promise<Bm25Totals & { deltas: number }> {
  const r = await q.one<{ deltas: number; rows: number; tokens: number }>(
    'search.totals',
    'SELECT count(*)::int AS deltas, coalesce(sum(rows), 0)::float8 AS rows, coalesce(sum(tokens), 0)::float8 AS tokens FROM search_totals',
  );
  return r ?? { deltas: 0, rows: 0, tokens: 0 };
}

/** Folds the totals' deltas into one row (its own short transaction; concurrent folds stay exact). */
export async function compactTotals(q: PgQuery): Promise<void> {
  await q.run(
    'search.totalsCompact',
    `WITH gone AS (DELETE FROM search_totals RETURNING rows, tokens)
     INSERT INTO search_totals(rows, tokens) SELECT coalesce(sum(rows), 0), coalesce(sum(tokens), 0) FROM gone`,
  );
}

/**
 * The newest RANK_WINDOW matches ranked best first (bm25, then id), as SQLite's window query
 * gives them. Returns whether the totals want compacting.
 */
export async function rankWindow(q: PgQuery, plan: PgSearchPlan): Promise<{ ranked: { id: number; r: number }[]; compact: boolean }> {
  const ranking = plan.ranking;
  if (!ranking) return { ranked: [], compact: false };
  const window = await q.all<DocRow>(
    `search.window[${plan.shape}]`,
    `SELECT d.item_id AS id, d.headline, d.body, d.people, d.tags, d.tokens FROM search_docs d ${plan.joins}
     WHERE ${plan.where} ORDER BY d.item_id DESC LIMIT ${RANK_WINDOW}`,
    plan.params,
  );
  if (window.length === 0) return { ranked: [], compact: false };
  const t = await totals(q);
  const counts = new Map<string, number>();
  if (ranking.rows) {
    // A short term's rows are every row holding its trigrams: count there.
    for (const phrase of ranking.phrases) {
      let n = 0;
      for (const r of ranking.rows.values()) if (columns(r).some((c) => c.includes(phrase))) n++;
      counts.set(phrase, n);
    }
  } else {
    // Every phrase's table-wide row count in one statement (the GIN index finds each phrase's rows).
    const likes = ranking.phrases.map((_, k) => `${DOC} LIKE $${k + 1}`);
    const r = await q.one<Record<string, number>>(
      `search.phraseRows[${likes.length}]`,
      `SELECT ${likes.map((l, k) => `count(*) FILTER (WHERE ${l})::int AS c${k}`).join(', ')} FROM search_docs d WHERE ${likes.join(' OR ')}`,
      ranking.phrases.map(containing),
    );
    ranking.phrases.forEach((phrase, k) => counts.set(phrase, r?.[`c${k}`] ?? 0));
  }
  const ranked = window
    .map((r) => ({ id: r.id, r: bm25(columns(r), counts, t, r.tokens) }))
    .sort((x, y) => x.r - y.r || x.id - y.id);
  return { ranked, compact: t.deltas >= TOTALS_COMPACT_AT };
}

/** Matching ids newest first, up to `limit`. */
export async function newestMatches(q: PgQuery, plan: PgSearchPlan, limit: number, name: string): Promise<number[]> {
  // A limit that is not a number (a caller's NaN) counts as the cap, never as SQL text.
  const n = Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : SEARCH_ID_CAP;
  const rows = await q.all<{ id: number }>(
    `search.${name}[${plan.shape}]`,
    `SELECT d.item_id AS id FROM search_docs d ${plan.joins} WHERE ${plan.where} ORDER BY d.item_id DESC LIMIT ${n}`,
    plan.params,
  );
  return rows.map((r) => r.id);
}
