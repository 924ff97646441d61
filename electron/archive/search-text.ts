// The substring checks of search, made on the items' own text (migration 0017: the index is
// contentless, so no folded copy of the text is stored to check against). A query's index lookup
// (trigrams, no positions) only narrows the candidates; every term longer than three characters
// and every short term the index did not look up must then be found in the item's folded text.
// Candidates are read in batches of ids, newest first, and stop as soon as enough have passed:
// the connection cannot run another statement while one is still being iterated, and an item's
// paragraphs need its page's imported text (paragraph-refs.ts), kept for the pages last used.
import { foldForSearch } from '../../core/search/fold.ts';
import { SEARCH_PAD } from '../../core/search/search-doc.ts';
import type { ArchiveContext } from './context.ts';
import type { SqlValue } from './db.ts';
import type { Db } from './db.ts';
import type { ItemTextColumns } from './page-rows.ts';
import { baseText, decodeParagraphs } from './paragraph-refs.ts';
import { bm25, type RankStats } from './search-rank.ts';

/** The columns a candidate row needs for the checks (items aliased i). */
export const CANDIDATE_TEXT_COLUMNS = `i.page_id AS c_page_id, (SELECT content_hash FROM pages WHERE id = i.page_id) AS c_hash, i.kicker, i.headline, i.subheadline, i.series, i.byline, i.paragraphs_json,
  (SELECT group_concat(c.name, char(10)) FROM (SELECT c.name FROM item_contributors ic JOIN contributors c ON c.id = ic.contributor_id
     WHERE ic.item_id = i.id ORDER BY ic.ord) c) AS c_people,
  (SELECT group_concat(t.name, char(10)) FROM (SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id
     WHERE it.item_id = i.id ORDER BY t.name) t) AS c_tags`;

export interface CandidateRow extends ItemTextColumns {
  id: number;
  c_page_id: number;
  c_hash: string;
  c_people: string | null;
  c_tags: string | null;
}

const BATCH = 200;

/**
 * Pages' imported text, kept between searches: a search checks and ranks items of hundreds of
 * pages, and reading each page's text again (its overflow pages) was most of a search's time.
 * The imported text of a page changes only with its content_hash (a re-import), which every
 * lookup checks; reading content_hash alone does not touch the text's overflow pages.
 */
const BASE_CACHE_PAGES = 512;
const baseCaches = new WeakMap<Db, Map<number, { hash: string; base: string }>>();

export function cachedBase(db: Db, pageId: number, hash: string): string {
  let cache = baseCaches.get(db);
  if (!cache) baseCaches.set(db, (cache = new Map()));
  const hit = cache.get(pageId);
  if (hit && hit.hash === hash) {
    // Most recently used last (Map keeps insertion order), so the oldest is evicted first.
    cache.delete(pageId);
    cache.set(pageId, hit);
    return hit.base;
  }
  const row = db
    .stmt('search.pageBase', 'SELECT raw_text, text, content_hash FROM pages WHERE id = ?')
    .get<{ raw_text: string; text: string; content_hash: string }>(pageId);
  const base = row ? baseText(row) : '';
  if (row) {
    cache.delete(pageId);
    cache.set(pageId, { hash: row.content_hash, base });
    if (cache.size > BASE_CACHE_PAGES) cache.delete(cache.keys().next().value!);
  }
  return base;
}

/** The item's folded search text, as core/search searchDocText + foldForSearch make it (the body decoded only when asked for). */
class Folded {
  readonly headline: string;
  readonly people: string;
  readonly tags: string;
  private bodyText: string | null = null;
  constructor(
    private readonly r: CandidateRow,
    private readonly db: Db,
  ) {
    this.headline = foldForSearch([r.kicker, r.headline, r.subheadline, r.series].filter((x): x is string => !!x).join('\n'));
    this.people = foldForSearch([r.c_people ?? '', r.byline ?? ''].filter(Boolean).join('\n'));
    this.tags = foldForSearch(r.c_tags ?? '');
  }
  get body(): string {
    this.bodyText ??= foldForSearch(decodeParagraphs(this.r.paragraphs_json, cachedBase(this.db, this.r.c_page_id, this.r.c_hash)).join('\n'));
    return this.bodyText;
  }
  holdsAll(terms: readonly string[]): boolean {
    return terms.every((t) => this.headline.includes(t) || this.people.includes(t) || this.tags.includes(t) || this.body.includes(t));
  }
  /** The columns as indexed: padded (core/search storedSearchDoc). */
  indexed() {
    return { headline: this.headline + SEARCH_PAD, body: this.body + SEARCH_PAD, people: this.people + SEARCH_PAD, tags: this.tags + SEARCH_PAD };
  }
}

export interface Ranking {
  phrases: readonly string[];
  stats: RankStats;
  byFirst: Map<string, string[]>;
}

/**
 * Walks `sql` newest first and returns the items that hold every term, at most `want`, with their
 * bm25 when ranked (search-rank.ts).
 * `sql(bound)` must select `id` and CANDIDATE_TEXT_COLUMNS, put `bound` (an "id < ?" condition)
 * in its WHERE, and end with ORDER BY id DESC LIMIT ?; params are those before the bound.
 */
export function walkMatching(
  ctx: ArchiveContext,
  name: string,
  sql: (bound: string) => string,
  idColumn: string,
  params: readonly SqlValue[],
  terms: readonly string[],
  want: number,
  ranking: Ranking | null = null,
): { id: number; r: number }[] {
  const stmt = ctx.db.stmt(name, sql(`${idColumn} < ?`));
  const out: { id: number; r: number }[] = [];
  for (let below = Number.MAX_SAFE_INTEGER; out.length < want; ) {
    const rows = stmt.all<CandidateRow>(...params, below, BATCH);
    for (const row of rows) {
      const folded = new Folded(row, ctx.db);
      if (!folded.holdsAll(terms)) continue;
      out.push({ id: row.id, r: ranking ? bm25(folded.indexed(), ranking.phrases, ranking.byFirst, ranking.stats) : 0 });
      if (out.length >= want) break;
    }
    if (rows.length < BATCH) break;
    below = rows[rows.length - 1]!.id;
  }
  return out;
}
