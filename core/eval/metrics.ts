// Scores one page's segmentation against its hand annotation (galley.gold/1). Pure: no Node import.
//
// The figures follow the reference scorer's definitions (shared/tools/score-segmentation.mjs), so that
// the overall score is comparable, with these deliberate differences, none of which arises on a gold
// file that follows the annotation guide:
// - a gold masthead field given as null is met by a null/absent/empty prediction (the reference
//   compares against the string "null");
// - an item's paragraph check skips firstParagraph/lastParagraph when the gold leaves them out, and
//   also compares continuedFrom when the gold gives it;
// - contributors are compared as an exact multiset (the reference accepts [A, B] for gold [A, A]).
//
// Pk and WindowDiff (Beeferman et al. 1999; Pevzner & Hearst 2002) are computed over the page's
// non-blank lines only: blank lines carry no text, and counting them would let the layout's spacing
// dilute the figures. A segment boundary sits before the line an item starts on (predicted: first
// non-blank line of its span; gold: its anchor line); predicted ends and gaps are ignored, so a
// segment runs to the next start. Window k = round(half the mean gold segment length), at least 2,
// where the gold segments are the stretches between gold starts (including any text before the first).
// With N lines there are N − k windows; Pk counts windows whose ends are in the same segment in one
// segmentation and not in the other, WindowDiff counts windows holding a different number of boundaries.
// Both are 0 for a perfect prediction; lower is better. A page with no window (N ≤ k) scores 0.
import type { Item, Segmentation } from '../../shared/segmentation.ts';
import { anchorOf, goldStartLines, type Gold, type GoldItem } from './gold.ts';

/** Field accuracies over matched items, weighted by recall in the score. */
export const FIELD_KEYS = ['kind', 'titles', 'headline', 'contributors', 'paragraphs'] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

export interface PageMetrics {
  boundaryPrecision: number;
  boundaryRecall: number;
  boundaryF1: number;
  /** Lower is better. */
  pk: number;
  /** Lower is better. */
  windowDiff: number;
  kind: number;
  titles: number;
  headline: number;
  contributors: number;
  paragraphs: number;
  joins: number;
  breaks: number;
  masthead: number;
  /** (F1 + Σ field × recall + joins + breaks + masthead) / 9, as the reference scorer. */
  score: number;
}
export type MetricKey = keyof PageMetrics;
/** Figures where a lower value is better. */
export const LOWER_IS_BETTER: ReadonlySet<MetricKey> = new Set<MetricKey>(['pk', 'windowDiff']);
export const METRIC_KEYS: readonly MetricKey[] = [
  'boundaryPrecision',
  'boundaryRecall',
  'boundaryF1',
  'pk',
  'windowDiff',
  'kind',
  'titles',
  'headline',
  'contributors',
  'paragraphs',
  'joins',
  'breaks',
  'masthead',
  'score',
];

/** The raw counts behind the figures (summed across pages for micro averages). */
export interface PageCounts {
  predicted: number;
  gold: number;
  matched: number;
  kindOk: number;
  titleN: number;
  titleOk: number;
  headlineOk: number;
  contributorsN: number;
  contributorsOk: number;
  paragraphsN: number;
  paragraphsOk: number;
  joinsN: number;
  joinsOk: number;
  breaksN: number;
  breaksOk: number;
  mastheadN: number;
  mastheadOk: number;
  /** Non-blank lines the window metrics run over. */
  lines: number;
  /** Window size. */
  k: number;
  windows: number;
  pkErrors: number;
  windowDiffErrors: number;
}

export interface ItemChecks {
  kind?: boolean;
  titles?: boolean;
  headline?: boolean;
  contributors?: boolean;
  paragraphs?: boolean;
}

/** One gold item: whether a predicted item starts on its line, and which of its fields are right. */
export interface GoldItemRow {
  index: number;
  kind: GoldItem['kind'];
  anchor: string;
  /** 1-based line number of the gold start. */
  line: number;
  found: boolean;
  /** Index of the matched predicted item. */
  predicted?: number;
  checks: ItemChecks;
  /** One sentence per miss; empty when everything checked is right. */
  misses: string[];
}

/** A predicted item that starts on no gold start line (a false boundary). */
export interface ExtraItemRow {
  index: number;
  kind: Item['kind'];
  /** 1-based line number of its first non-blank line. */
  line: number;
  lineText: string;
  headline: string | null;
}

export interface PageEvaluation {
  metrics: PageMetrics;
  counts: PageCounts;
  items: GoldItemRow[];
  extraItems: ExtraItemRow[];
  /** Gold joins not found inside one paragraph. */
  missedJoins: [string, string][];
  /** Gold breaks whose two halves share a paragraph. */
  missedBreaks: [string, string][];
  /** Masthead fields that differ. */
  missedMasthead: { field: string; gold: unknown; predicted: unknown }[];
}

const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, '');
const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
const inline = (s: string): string => s.replace(/[ \t\u3000]+/g, '');
const ratio = (a: number, b: number): number => (b ? a / b : 1);
const clip = (s: string, n = 24): string => (s.length > n ? `${s.slice(0, n)}…` : s);
const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** Page text as the engine sees it: CRLF and lone CR turned into LF. */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Line index of every offset, by binary search over line starts. */
export function lineIndexer(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/** Line of a predicted item's start: the first non-blank character at or after its start offset. */
export function predictedStartLines(text: string, items: readonly Pick<Item, 'start'>[]): number[] {
  const lineOf = lineIndexer(text);
  return items.map((it) => {
    let o = Math.max(0, Math.trunc(Number(it.start)) || 0);
    while (o < text.length && /\s/.test(text[o] as string)) o++;
    return lineOf(o);
  });
}

export interface WindowFigures {
  pk: number;
  windowDiff: number;
  lines: number;
  k: number;
  windows: number;
  pkErrors: number;
  windowDiffErrors: number;
}

/**
 * Pk and WindowDiff over a sequence of `n` units, with segments starting at the given unit indexes
 * (index 0 and indexes outside 1..n−1 add no boundary). k defaults to round(half the mean reference
 * segment length), at least 2.
 */
export function windowMetrics(n: number, refStarts: Iterable<number>, hypStarts: Iterable<number>, k?: number): WindowFigures {
  const segIds = (starts: Iterable<number>): Int32Array => {
    const isStart = new Uint8Array(n);
    for (const s of starts) if (s > 0 && s < n) isStart[s] = 1;
    const ids = new Int32Array(n);
    let id = 0;
    for (let i = 0; i < n; i++) {
      if (isStart[i]) id++;
      ids[i] = id;
    }
    return ids;
  };
  const ref = segIds(refStarts);
  const hyp = segIds(hypStarts);
  const refSegments = n ? (ref[n - 1] as number) + 1 : 1;
  const size = k ?? Math.max(2, Math.round(n / refSegments / 2));
  const windows = Math.max(0, n - size);
  let pkErrors = 0;
  let wdErrors = 0;
  for (let i = 0; i < windows; i++) {
    const r = (ref[i + size] as number) - (ref[i] as number);
    const h = (hyp[i + size] as number) - (hyp[i] as number);
    if ((r === 0) !== (h === 0)) pkErrors++;
    if (r !== h) wdErrors++;
  }
  return {
    pk: windows ? pkErrors / windows : 0,
    windowDiff: windows ? wdErrors / windows : 0,
    lines: n,
    k: size,
    windows,
    pkErrors,
    windowDiffErrors: wdErrors,
  };
}

function titleLinesOf(p: Item): string[] {
  return [p.kicker, p.headline, p.subheadline, p.series]
    .flatMap((s) => (s ? String(s).split('\n') : []))
    .map(squash)
    .filter(Boolean)
    .sort();
}

/** Elements of `a` not matched one-for-one in `b`. */
function multisetMinus(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const c = left.get(x) ?? 0;
    if (c > 0) left.set(x, c - 1);
    else out.push(x);
  }
  return out;
}

function checkItem(g: GoldItem, p: Item, checks: ItemChecks, misses: string[]): void {
  checks.kind = p.kind === g.kind;
  if (!checks.kind) misses.push(`kind: predicted ${p.kind}, gold ${g.kind}`);

  if (g.titleLines !== undefined) {
    const predTitles = titleLinesOf(p);
    const goldTitles = g.titleLines.map(squash).sort();
    const missing = multisetMinus(goldTitles, predTitles);
    const extra = multisetMinus(predTitles, goldTitles);
    checks.titles = missing.length === 0 && extra.length === 0;
    if (!checks.titles) {
      const parts: string[] = [];
      if (missing.length) parts.push(`missing ${missing.map((t) => show(clip(t))).join(', ')}`);
      if (extra.length) parts.push(`extra ${extra.map((t) => show(clip(t))).join(', ')}`);
      misses.push(`titles: ${parts.join('; ')}`);
    }
    const accepted = g.headline ?? [];
    checks.headline = accepted.length === 0 ? !p.headline : accepted.map(squash).includes(squash(p.headline));
    if (!checks.headline) {
      misses.push(
        accepted.length === 0
          ? `headline: predicted ${show(clip(p.headline ?? ''))}, gold has none`
          : `headline: predicted ${p.headline ? show(clip(p.headline)) : 'none'}, accepted ${accepted.map((h) => show(clip(h))).join(' | ')}`,
      );
    }
  }

  if (g.contributors !== undefined) {
    const key = (c: { name: string; role: string }) => `${squash(c.name)}/${c.role}`;
    const predNames = (p.contributors ?? []).map(key);
    const goldNames = g.contributors.map(key);
    const missing = multisetMinus(goldNames, predNames);
    const extra = multisetMinus(predNames, goldNames);
    checks.contributors = missing.length === 0 && extra.length === 0;
    if (!checks.contributors) {
      const parts: string[] = [];
      if (missing.length) parts.push(`missing ${missing.join(', ')}`);
      if (extra.length) parts.push(`extra ${extra.join(', ')}`);
      misses.push(`contributors: ${parts.join('; ')}`);
    }
  }

  if (g.paragraphs !== undefined) {
    const ps = (p.paragraphs ?? []).map(String);
    const why: string[] = [];
    if (ps.length !== g.paragraphs) why.push(`${ps.length} paragraphs, gold ${g.paragraphs}`);
    if (g.firstParagraph !== undefined && !ps[0]?.includes(g.firstParagraph)) {
      why.push(`first paragraph ${show(clip(ps[0] ?? ''))} lacks ${show(g.firstParagraph)}`);
    }
    if (g.lastParagraph !== undefined && !ps.at(-1)?.includes(g.lastParagraph)) {
      const last = ps.at(-1) ?? '';
      why.push(`last paragraph …${show(last.slice(-24))} lacks ${show(g.lastParagraph)}`);
    }
    if ((g.continuedOn ?? null) !== (p.continuedOn ?? null)) {
      why.push(`continuedOn ${p.continuedOn ?? 'none'}, gold ${g.continuedOn ?? 'none'}`);
    }
    if (g.continuedFrom !== undefined && (g.continuedFrom ?? null) !== (p.continuedFrom ?? null)) {
      why.push(`continuedFrom ${p.continuedFrom ?? 'none'}, gold ${g.continuedFrom ?? 'none'}`);
    }
    checks.paragraphs = why.length === 0;
    if (!checks.paragraphs) misses.push(`paragraphs: ${why.join('; ')}`);
  }
}

function mastheadEqual(goldValue: unknown, predValue: unknown): boolean {
  if (goldValue === null || goldValue === undefined) {
    return predValue === null || predValue === undefined || (typeof predValue === 'string' && norm(predValue) === '');
  }
  if (typeof goldValue === 'object') return JSON.stringify(goldValue) === JSON.stringify(predValue ?? null);
  return norm(String(predValue ?? '')) === norm(String(goldValue));
}

/**
 * Scores a segmentation of `text` (the page as read; CR/CRLF are normalised here as the engine does)
 * against its gold annotation. Throws GoldError when a gold anchor is not in the text.
 */
export function evaluatePage(rawText: string, gold: Gold, prediction: Segmentation, source = 'gold'): PageEvaluation {
  const text = normaliseText(rawText);
  const lines = text.split('\n');
  const goldStarts = goldStartLines(lines, gold, source);
  const predItems: Item[] = Array.isArray(prediction.items) ? prediction.items : [];
  const predStarts = predictedStartLines(text, predItems);

  // Boundaries: a gold item is found when a predicted item starts on its line (the first such item).
  const firstPredOnLine = new Map<number, number>();
  predStarts.forEach((line, pi) => {
    if (!firstPredOnLine.has(line)) firstPredOnLine.set(line, pi);
  });
  const rows: GoldItemRow[] = [];
  let matched = 0;
  let kindOk = 0, titleN = 0, titleOk = 0, headlineOk = 0, contributorsN = 0, contributorsOk = 0, paragraphsN = 0, paragraphsOk = 0;
  const sortedPred = [...new Set(predStarts)].sort((a, b) => a - b);
  gold.items.forEach((g, gi) => {
    const line = goldStarts[gi] as number;
    const pi = firstPredOnLine.get(line);
    const row: GoldItemRow = { index: gi, kind: g.kind, anchor: anchorOf(g), line: line + 1, found: pi !== undefined, checks: {}, misses: [] };
    if (pi === undefined) {
      let nearest: number | undefined;
      for (const l of sortedPred) if (nearest === undefined || Math.abs(l - line) < Math.abs(nearest - line)) nearest = l;
      row.misses.push(
        nearest === undefined
          ? 'no predicted item starts on this line (no items predicted)'
          : `no predicted item starts on this line; nearest predicted start is line ${nearest + 1} ${show(clip((lines[nearest] ?? '').trim()))}`,
      );
    } else {
      matched++;
      row.predicted = pi;
      checkItem(g, predItems[pi] as Item, row.checks, row.misses);
      if (row.checks.kind) kindOk++;
      if (row.checks.titles !== undefined) {
        titleN++;
        if (row.checks.titles) titleOk++;
        if (row.checks.headline) headlineOk++;
      }
      if (row.checks.contributors !== undefined) {
        contributorsN++;
        if (row.checks.contributors) contributorsOk++;
      }
      if (row.checks.paragraphs !== undefined) {
        paragraphsN++;
        if (row.checks.paragraphs) paragraphsOk++;
      }
    }
    rows.push(row);
  });

  const matchedPred = new Set(rows.flatMap((r) => (r.predicted === undefined ? [] : [r.predicted])));
  const extraItems: ExtraItemRow[] = [];
  predItems.forEach((p, pi) => {
    if (matchedPred.has(pi)) return;
    const line = predStarts[pi] as number;
    extraItems.push({ index: pi, kind: p.kind, line: line + 1, lineText: clip((lines[line] ?? '').trim(), 40), headline: p.headline });
  });

  const precision = predItems.length ? matched / predItems.length : 0;
  const recall = goldStarts.length ? matched / goldStarts.length : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;

  // Window metrics over non-blank lines: position of each line among the non-blank ones.
  const rank = new Int32Array(lines.length + 1);
  let n = 0;
  for (let l = 0; l < lines.length; l++) {
    rank[l] = n;
    if (/\S/.test(lines[l] as string)) n++;
  }
  rank[lines.length] = n;
  const win = windowMetrics(
    n,
    goldStarts.map((l) => rank[l] as number),
    predStarts.map((l) => rank[Math.min(l, lines.length)] as number),
  );

  // Joins and breaks, over every paragraph of every predicted item.
  const paras = predItems.flatMap((it) => (it.paragraphs ?? []).map(String));
  const inlineParas = paras.map(inline);
  const missedJoins = gold.joins.filter(([a, b]) => !inlineParas.some((p) => p.includes(inline(a) + inline(b))));
  const missedBreaks = gold.breaks.filter(([a, b]) => paras.some((p) => p.includes(a) && p.includes(b)));

  const gm = (gold.masthead ?? {}) as Record<string, unknown>;
  const pm = (prediction.masthead ?? {}) as Record<string, unknown>;
  const mastKeys = Object.keys(gm);
  const missedMasthead = mastKeys
    .filter((k) => !mastheadEqual(gm[k], pm[k]))
    .map((k) => ({ field: k, gold: gm[k], predicted: pm[k] ?? null }));

  const counts: PageCounts = {
    predicted: predItems.length,
    gold: goldStarts.length,
    matched,
    kindOk,
    titleN,
    titleOk,
    headlineOk,
    contributorsN,
    contributorsOk,
    paragraphsN,
    paragraphsOk,
    joinsN: gold.joins.length,
    joinsOk: gold.joins.length - missedJoins.length,
    breaksN: gold.breaks.length,
    breaksOk: gold.breaks.length - missedBreaks.length,
    mastheadN: mastKeys.length,
    mastheadOk: mastKeys.length - missedMasthead.length,
    lines: win.lines,
    k: win.k,
    windows: win.windows,
    pkErrors: win.pkErrors,
    windowDiffErrors: win.windowDiffErrors,
  };
  return {
    metrics: metricsFromCounts(counts, win.pk, win.windowDiff),
    counts,
    items: rows,
    extraItems,
    missedJoins,
    missedBreaks,
    missedMasthead,
  };
}

/** The figures implied by a set of counts (also used to pool counts across pages). */
export function metricsFromCounts(c: PageCounts, pk = c.windows ? c.pkErrors / c.windows : 0, windowDiff = c.windows ? c.windowDiffErrors / c.windows : 0): PageMetrics {
  const boundaryPrecision = c.predicted ? c.matched / c.predicted : 0;
  const boundaryRecall = c.gold ? c.matched / c.gold : 0;
  const boundaryF1 =
    boundaryPrecision + boundaryRecall ? (2 * boundaryPrecision * boundaryRecall) / (boundaryPrecision + boundaryRecall) : 0;
  const fields: Record<FieldKey, number> = {
    kind: ratio(c.kindOk, c.matched),
    titles: ratio(c.titleOk, c.titleN),
    headline: ratio(c.headlineOk, c.titleN),
    contributors: ratio(c.contributorsOk, c.contributorsN),
    paragraphs: ratio(c.paragraphsOk, c.paragraphsN),
  };
  const joins = ratio(c.joinsOk, c.joinsN);
  const breaks = ratio(c.breaksOk, c.breaksN);
  const masthead = ratio(c.mastheadOk, c.mastheadN);
  const score = overallScore({ boundaryF1, boundaryRecall, ...fields, joins, breaks, masthead });
  return { boundaryPrecision, boundaryRecall, boundaryF1, pk, windowDiff, ...fields, joins, breaks, masthead, score };
}

/** The reference scorer's overall figure: field accuracies count only matched items, so weigh them by recall. */
export function overallScore(m: Pick<PageMetrics, 'boundaryF1' | 'boundaryRecall' | FieldKey | 'joins' | 'breaks' | 'masthead'>): number {
  const fieldSum = FIELD_KEYS.reduce((s, k) => s + m[k] * m.boundaryRecall, 0);
  return (m.boundaryF1 + fieldSum + m.joins + m.breaks + m.masthead) / (4 + FIELD_KEYS.length);
}
