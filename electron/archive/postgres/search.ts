// Search on PostgreSQL, part two: search, searchPage and searchAllIds with their hits (snippet
// with [[ ]] marks, tags), the same as the SQLite archive's (../search.ts). The plan and the
// ranking are search-plan.ts's. Each call reads one snapshot, so the total and the hits agree.
import { makeSnippet, searchDocText, unpad } from '../../../core/search/search-doc.ts';
import { RANK_WINDOW, SEARCH_ID_CAP } from '../search.ts';
import type { SearchFilters, SearchHit } from '../archive-api.ts';
import type { ItemTextColumns } from '../page-rows.ts';
import type { PgContext, PgQuery } from './context.ts';
import { compactTotals, newestMatches, planSearch, rankWindow, type PgSearchPlan } from './search-plan.ts';

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

const idArray = (ids: readonly number[]): string => `{${ids.join(',')}}`;

/** The hits of these items, in the order given (ids that vanished are left out). */
async function hitsOf(q: PgQuery, terms: string[], ranked: readonly { id: number; r: number }[]): Promise<SearchHit[]> {
  if (ranked.length === 0) return [];
  const ids = idArray(ranked.map((h) => h.id));
  const rows = await q.all<HitRow>(
    'search.hits',
    `SELECT i.id AS item_id, p.id AS page_id, pub.title AS publication, s.date AS date, p.page_number AS page_number,
       i.kicker, i.headline, i.subheadline, i.series, i.byline, i.paragraphs_json,
       d.headline AS f_headline, d.body AS f_body, d.people AS f_people, d.tags AS f_tags
     FROM items i JOIN search_docs d ON d.item_id = i.id JOIN pages p ON p.id = i.page_id JOIN issues s ON s.id = p.issue_id
       JOIN publications pub ON pub.id = s.publication_id
     WHERE i.id = ANY($1::int[])`,
    [ids],
  );
  const tags = await q.all<{ item_id: number; name: string }>(
    'search.tagsOfItems',
    'SELECT it.item_id, t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ANY($1::int[]) ORDER BY it.item_id, t.name',
    [ids],
  );
  const tagsOf = new Map<number, string[]>();
  for (const t of tags) tagsOf.set(t.item_id, [...(tagsOf.get(t.item_id) ?? []), t.name]);
  const byId = new Map(rows.map((r) => [r.item_id, r]));
  const out: SearchHit[] = [];
  for (const { id, r: rank } of ranked) {
    const r = byId.get(id);
    if (!r) continue;
    const fields: [string, 'body' | 'headline' | 'people' | 'tags'][] = [
      [unpad(r.f_body), 'body'],
      [unpad(r.f_headline), 'headline'],
      [unpad(r.f_people), 'people'],
      [unpad(r.f_tags), 'tags'],
    ];
    const hitField = fields.find(([folded]) => terms.some((t) => folded.includes(t))) ?? fields[0]!;
    const key = hitField[1];
    const people =
      key === 'people'
        ? await q.all<{ name: string }>(
            'search.peopleOfItem',
            'SELECT c.name FROM item_contributors ic JOIN contributors c ON c.id = ic.contributor_id WHERE ic.item_id = $1 ORDER BY ic.ord',
            [id],
          )
        : [];
    const original = searchDocText({
      kicker: r.kicker,
      headline: r.headline,
      subheadline: r.subheadline,
      series: r.series,
      byline: r.byline,
      paragraphs: key === 'body' ? (JSON.parse(r.paragraphs_json) as string[]) : [],
      contributors: people,
      tags: key === 'tags' ? (tagsOf.get(id) ?? []) : [],
    })[key];
    out.push({
      itemId: id,
      pageId: r.page_id,
      publication: r.publication,
      date: r.date,
      pageNumber: r.page_number,
      headline: r.headline ?? r.kicker ?? r.subheadline ?? null,
      snippet: makeSnippet(original, hitField[0], terms),
      rank,
      tags: tagsOf.get(id) ?? [],
    });
  }
  return out;
}

/** Runs a search in one read snapshot, then folds the bm25 totals when they asked for it. */
async function reading<R>(ctx: PgContext, fn: (q: PgQuery, compactLater: () => void) => Promise<R>): Promise<R> {
  let compact = false;
  const result = await ctx.read((q) => fn(q, () => (compact = true)));
  if (compact) await ctx.tx(compactTotals);
  return result;
}

async function rankedHits(q: PgQuery, plan: PgSearchPlan, max: number, compactLater: () => void): Promise<SearchHit[]> {
  const { ranked, compact } = await rankWindow(q, plan);
  if (compact) compactLater();
  return hitsOf(q, plan.terms, ranked.slice(0, max));
}

export function search(ctx: PgContext, query: string, filters: SearchFilters = {}, limit = 50): Promise<SearchHit[]> {
  const max = Math.max(1, Math.min(1000, Math.floor(limit)));
  return reading(ctx, async (q, compactLater) => {
    const plan = await planSearch(q, query, filters);
    if (!plan) return [];
    if (!plan.ranking) {
      const ids = await newestMatches(q, plan, max, 'scan');
      return hitsOf(q, plan.terms, ids.map((id) => ({ id, r: 0 })));
    }
    return rankedHits(q, plan, max, compactLater);
  });
}

/**
 * Every matching item id (up to `cap`) in display order: the ranked window first (best first),
 * then the other matches newest first — what paging and "apply to all matches" walk.
 */
async function allMatches(q: PgQuery, plan: PgSearchPlan, cap: number, compactLater: () => void): Promise<{ ids: number[]; ranked: SearchHit[] }> {
  const all = await newestMatches(q, plan, cap, 'all');
  if (!plan.ranking) return { ids: all, ranked: [] };
  const ranked = await rankedHits(q, plan, Math.min(1000, RANK_WINDOW), compactLater);
  const inRanked = new Set(ranked.map((h) => h.itemId));
  return { ids: [...inRanked, ...all.filter((id) => !inRanked.has(id))], ranked };
}

export function searchAllIds(ctx: PgContext, query: string, filters: SearchFilters = {}, cap = SEARCH_ID_CAP): Promise<number[]> {
  return reading(ctx, async (q, compactLater) => {
    const plan = await planSearch(q, query, filters);
    return plan ? (await allMatches(q, plan, cap, compactLater)).ids : [];
  });
}

/** A page of hits: the true total (counted up to SEARCH_ID_CAP) and the hits at [offset, offset + limit). */
export function searchPage(
  ctx: PgContext,
  query: string,
  filters: SearchFilters = {},
  offset = 0,
  limit = 50,
): Promise<{ total: number; capped: boolean; hits: SearchHit[] }> {
  return reading(ctx, async (q, compactLater) => {
    const plan = await planSearch(q, query, filters);
    if (!plan) return { total: 0, capped: false, hits: [] };
    const { ids, ranked } = await allMatches(q, plan, SEARCH_ID_CAP, compactLater);
    const from = Math.max(0, Math.floor(offset));
    const size = Math.max(1, Math.min(1000, Math.floor(limit)));
    const known = new Map(ranked.map((h) => [h.itemId, h]));
    const slice = ids.slice(from, from + size);
    const missing = await hitsOf(q, plan.terms, slice.filter((id) => !known.has(id)).map((id) => ({ id, r: 0 })));
    for (const h of missing) known.set(h.itemId, h);
    const hits = slice.flatMap((id) => {
      const h = known.get(id);
      return h ? [h] : [];
    });
    return { total: ids.length, capped: ids.length >= SEARCH_ID_CAP, hits };
  });
}
