// Gives real-OCR text its line roles and gold by aligning every OCR line to the printed units of
// the page it was read from. Platform-free.
//
// Alignment: text on both sides is normalised (NFKC, so full-width and ASCII punctuation agree;
// whitespace removed; traditional characters folded to simplified, so a page read with chi_tra
// aligns to its simplified source while its text keeps what Tesseract read). Every character bigram of an OCR line votes for the places (unit, offset)
// where it occurs in the units; votes agree when they imply the same start offset (±1, for a
// dropped or doubled character). The best place wins if enough of the line's bigrams voted for it.
// Units near the last aligned one are searched first (reading order), the whole page second with a
// stricter bar. A line that opens a paragraph (offset 0–1) takes the unit's role ('body-start',
// 'caption', 'crosshead'); later lines of the paragraph are 'body'; every line of a title, byline,
// credit, jump or furniture unit takes its role (a headline split over two lines stays headline).
// Lines that match nothing are 'other'; lines read out of item order are 'other' and counted.
import type { ContributorRole } from '../../shared/segmentation.ts';
import { goldStartLines, type Gold, type GoldItem, type GoldMasthead } from '../../core/eval/gold.ts';
import type { LabelledPage, LineRole } from '../../core/engine/model/line-roles.ts';
import type { PrintedUnit } from './page-units.ts';
import { foldChinese } from '../../core/search/fold.ts';

export interface AlignOptions {
  /** Share of a line's bigrams that must agree on one place (near the reading position / anywhere). */
  minScore?: number;
  minScoreGlobal?: number;
  /** Units searched before and after the last aligned unit. */
  back?: number;
  ahead?: number;
}

export interface LineAlignment {
  unit: number | null;
  offset: number;
  score: number;
}

export interface OcrQuality {
  textLines: number;
  alignedLines: number;
  /** Lines aligned to an item before the current one (read out of order). */
  misordered: number;
  /** Share of the units' characters that some aligned line covers (approximate). */
  coverage: number;
  itemsFound: number;
  itemsSource: number;
}

const HAS_TEXT = /[\p{L}\p{N}]/u;
const PARAGRAPH_ROLES = new Set<LineRole>(['body-start', 'caption', 'crosshead']);
const TITLE_ROLES = new Set<LineRole>(['kicker', 'headline', 'subheadline', 'series']);
const JOIN_SIDE = 6;

export const normalise = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

/**
 * The form lines and units are aligned in: normalised and folded to simplified characters. Gold
 * contributors and masthead facts are still matched as printed (normalise only): the gold names
 * what the page shows.
 */
export const alignForm = (s: string): string => foldChinese(normalise(s));

/** Where each OCR line comes from (null: nowhere). */
export function alignLines(ocrLines: readonly string[], units: readonly PrintedUnit[], o: AlignOptions = {}): LineAlignment[] {
  const minScore = o.minScore ?? 0.34;
  const minGlobal = o.minScoreGlobal ?? 0.6;
  const back = o.back ?? 3;
  const ahead = o.ahead ?? 15;
  const texts = units.map((u) => alignForm(u.text));
  const index = new Map<string, { unit: number; pos: number }[]>();
  texts.forEach((t, unit) => {
    for (let pos = 0; pos + 1 < t.length; pos++) {
      const key = t.slice(pos, pos + 2);
      const list = index.get(key);
      if (list) list.push({ unit, pos });
      else index.set(key, [{ unit, pos }]);
    }
  });
  let cur = 0;
  return ocrLines.map((raw) => {
    const line = alignForm(raw);
    if (line.length < 2 || !HAS_TEXT.test(line)) return { unit: null, offset: 0, score: 0 };
    const near = bestPlace(line, index, (u) => u >= cur - back && u <= cur + ahead);
    const place = near && near.score >= minScore ? near : bestPlace(line, index, () => true);
    if (!place || place.score < (place === near ? minScore : minGlobal)) return { unit: null, offset: 0, score: place?.score ?? 0 };
    // A match found only by the page-wide search moves the reading position only when it is
    // strong: one spurious jump ahead would otherwise pull every later search away.
    if (place === near || (place.score >= 0.8 && line.length >= 6)) cur = Math.max(cur, place.unit);
    return place;
  });
}

function bestPlace(line: string, index: Map<string, { unit: number; pos: number }[]>, inWindow: (unit: number) => boolean): (LineAlignment & { unit: number }) | null {
  const votes = new Map<number, number>();
  const STRIDE = 1 << 20;
  for (let i = 0; i + 1 < line.length; i++) {
    for (const hit of index.get(line.slice(i, i + 2)) ?? []) {
      if (!inWindow(hit.unit)) continue;
      const key = hit.unit * STRIDE + (hit.pos - i + STRIDE / 2);
      votes.set(key, (votes.get(key) ?? 0) + 1);
    }
  }
  let best: { key: number; n: number } | null = null;
  for (const [key, n] of votes) {
    const total = n + (votes.get(key - 1) ?? 0) + (votes.get(key + 1) ?? 0);
    if (!best || total > best.n || (total === best.n && key < best.key)) best = { key, n: total };
  }
  if (!best) return null;
  const unit = Math.floor(best.key / STRIDE);
  const offset = Math.max(0, (best.key % STRIDE) - STRIDE / 2);
  return { unit, offset, score: Math.min(1, best.n / (line.length - 1)) };
}

export interface OcrLabelResult {
  page: LabelledPage | null;
  quality: OcrQuality;
  /** Why the page was dropped (null: kept). */
  reason: string | null;
}

export interface DropRules {
  minAligned: number;
  minCoverage: number;
  maxMisordered: number;
}
export const DEFAULT_DROP: DropRules = { minAligned: 0.8, minCoverage: 0.8, maxMisordered: 0.05 };

/** The OCR page's roles and gold from the source page's units and gold. */
export function labelOcrPage(ocrText: string, units: readonly PrintedUnit[], source: Pick<LabelledPage, 'id' | 'month' | 'gold'>, drop: DropRules = DEFAULT_DROP): OcrLabelResult {
  const text = `${ocrText.replace(/\r\n?/g, '\n').replace(/\f/g, '').replace(/\n+$/, '')}\n`;
  const lines = text.split('\n');
  const aligned = alignLines(lines, units);
  const roles: (LineRole | null)[] = lines.map((l) => (HAS_TEXT.test(l) ? 'other' : null));
  const itemOfLine: (number | null)[] = lines.map(() => null);
  const opened = new Set<number>();
  const covered = units.map(() => 0);
  let currentItem = -1;
  let misordered = 0;
  const itemStart = new Map<number, number>();
  // Lines in item order: the longest run of aligned lines whose items never go back. The others
  // were read out of order (or matched wrongly) and count as misordered.
  const inOrder = longestInOrder(aligned.map((a, i) => (a.unit === null || roles[i] === null ? null : units[a.unit]!.item)));
  aligned.forEach((a, i) => {
    if (a.unit === null || roles[i] === null) return;
    const unit = units[a.unit]!;
    if (!inOrder.has(i)) {
      misordered++;
      return;
    }
    if (unit.item > currentItem) {
      currentItem = unit.item;
      itemStart.set(unit.item, i);
    }
    itemOfLine[i] = unit.item;
    covered[a.unit] = Math.max(covered[a.unit]!, Math.min(alignForm(unit.text).length, a.offset + alignForm(lines[i]!).length));
    if (PARAGRAPH_ROLES.has(unit.role)) {
      roles[i] = a.offset <= 1 && !opened.has(a.unit) ? unit.role : 'body';
      opened.add(a.unit);
    } else roles[i] = unit.role;
  });
  // A nameplate set in display type is what OCR misreads most ("洛误日报" for 洛溪日报), so its lines
  // align to nothing; unaligned lines above the masthead's first aligned line are still the masthead.
  const mastStart = source.gold.items[0]?.kind === 'masthead' ? itemStart.get(0) : undefined;
  if (mastStart !== undefined) {
    for (let i = mastStart - 1; i >= 0 && (roles[i] === null || aligned[i]!.unit === null); i--) {
      if (roles[i] === null) continue;
      roles[i] = 'masthead';
      itemStart.set(0, i);
    }
  }
  const textLines = roles.filter((r) => r !== null).length;
  const alignedLines = itemOfLine.filter((x) => x !== null).length;
  const total = units.reduce((n, u) => n + alignForm(u.text).length, 0);
  const quality: OcrQuality = {
    textLines,
    alignedLines,
    misordered,
    coverage: total ? covered.reduce((a, b) => a + b, 0) / total : 0,
    itemsFound: itemStart.size,
    itemsSource: source.gold.items.length,
  };
  const fail = (reason: string): OcrLabelResult => ({ page: null, quality, reason });
  if (!textLines || alignedLines / textLines < drop.minAligned) return fail(`aligned ${alignedLines}/${textLines} lines`);
  if (quality.coverage < drop.minCoverage) return fail(`covered ${(quality.coverage * 100).toFixed(0)}% of the source text`);
  if (misordered / textLines > drop.maxMisordered) return fail(`${misordered} lines read out of item order`);

  const items = [...itemStart.entries()].sort((a, b) => a[1] - b[1]);
  const starts = items.map(([, line]) => line);
  const goldItems = items.map(([k, line], n) => goldItemFor(k, line, starts[n + 1] ?? lines.length));
  const gold: Gold = {
    schema: 'galley.gold/1',
    text: `pages/${source.id}-ocr.txt`,
    ...(source.gold.page ? { page: source.gold.page } : {}),
    notes: `Tesseract OCR of a rendered image of ${source.id}; gold and roles by alignment to the source page.`,
    masthead: mastheadSeen(source.gold.masthead ?? {}, text),
    items: goldItems,
    joins: joinsOf(),
    breaks: [],
  };
  // Anchors must find the start lines; lengthen to the whole line where a shorter anchor lands early.
  for (let n = 0; n < gold.items.length; n++) {
    let found: number[] | null = null;
    try {
      found = goldStartLines(lines, gold);
    } catch {
      found = null;
    }
    if (found && found.join() === starts.join()) break;
    const bad = found ? found.findIndex((l, k) => l !== starts[k]) : n;
    gold.items[bad]!.start = lines[starts[bad]!]!.trim();
  }
  try {
    if (goldStartLines(lines, gold).join() !== starts.join()) return fail('an item anchor cannot be made unique');
  } catch {
    return fail('an item anchor cannot be made unique');
  }
  const page: LabelledPage = { id: `${source.id}-ocr`, source: 'people-daily-ocr', ...(source.month ? { month: source.month } : {}), text, roles, itemStarts: starts, gold };
  return { page, quality, reason: null };

  function goldItemFor(k: number, first: number, end: number): GoldItem {
    const src = source.gold.items[k]!;
    const start = lines[first]!.trim().slice(0, 24);
    if (src.kind === 'masthead' || src.kind === 'advertisement' || src.kind === 'notice') return { kind: src.kind, start };
    const span = lines.slice(first, end).map((l, j) => ({ text: l.trim(), role: roles[first + j], unit: aligned[first + j]!.unit }));
    const titles = span.filter((l) => l.role != null && TITLE_ROLES.has(l.role) && itemOfLine[first + span.indexOf(l)] === k);
    const headlineLines = titles.filter((l) => l.role === 'headline').map((l) => l.text);
    const item: GoldItem = {
      kind: src.kind,
      start,
      titleLines: titles.map((l) => l.text),
      headline: headlineLines.length > 1 ? [...headlineLines, headlineLines.join('')] : headlineLines,
      paragraphs: span.filter((l) => l.role != null && PARAGRAPH_ROLES.has(l.role)).length,
    };
    const spanText = normalise(span.map((l) => l.text).join(''));
    if (src.contributors && src.contributors.every((c: { name: string; role: ContributorRole }) => spanText.includes(normalise(c.name)))) item.contributors = src.contributors;
    if (src.continuedOn && span.some((l) => l.role === 'jump')) item.continuedOn = src.continuedOn;
    if (src.continuedFrom && span.some((l) => l.role === 'jump')) item.continuedFrom = src.continuedFrom;
    return item;
  }

  function joinsOf(): [string, string][] {
    const out: [string, string][] = [];
    let prev = -1;
    lines.forEach((l, i) => {
      if (roles[i] === null) return;
      if (prev >= 0 && roles[i] === 'body' && aligned[i]!.unit !== null && aligned[i]!.unit === aligned[prev]!.unit && PARAGRAPH_ROLES.has(units[aligned[i]!.unit!]!.role)) {
        const a = lines[prev]!.trim().slice(-JOIN_SIDE);
        const b = l.trim().slice(0, JOIN_SIDE);
        if (a && b) out.push([a, b]);
      }
      prev = i;
    });
    return out;
  }
}

/** Indexes of a longest non-decreasing subsequence of the non-null values (patience sorting). */
export function longestInOrder(values: readonly (number | null)[]): Set<number> {
  const tails: number[] = []; // index into values of the smallest tail of each length
  const prev = new Map<number, number>();
  values.forEach((v, i) => {
    if (v === null) return;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! <= v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev.set(i, tails[lo - 1]!);
    tails[lo] = i;
  });
  const out = new Set<number>();
  let at = tails.at(-1);
  while (at !== undefined) {
    out.add(at);
    at = prev.get(at);
  }
  return out;
}

/** Masthead facts of the source that the OCR text still shows as printed. */
function mastheadSeen(m: GoldMasthead, text: string): GoldMasthead {
  const flat = normalise(text);
  const out: GoldMasthead = {};
  const seen = (s: string): boolean => flat.includes(normalise(s));
  if (m.title && seen(m.title)) out.title = m.title;
  if (m.titleLatin && seen(m.titleLatin)) out.titleLatin = m.titleLatin;
  if (m.date) {
    const [y, mo, d] = m.date.split('-').map(Number);
    if (seen(`${y}年${mo}月${d}日`)) out.date = m.date;
  }
  if (m.issueNumber != null && seen(`第${m.issueNumber}号`)) out.issueNumber = m.issueNumber;
  if (m.pageCount != null && (seen(`今日${m.pageCount}版`) || seen(`${m.pageCount}版`))) out.pageCount = m.pageCount;
  if (m.serial && seen(m.serial)) out.serial = m.serial;
  return out;
}
