// Assigns display lines above a body to kicker, headline, subheadline and series.
// Without type sizes, the roles come from the lines' form and order (see the rule pack).
import type { RulePack } from './rules/rule-pack.ts';
import type { LineRole } from './model/line-roles.ts';
import { TITLE_ROLES } from './model/labels-space.ts';

export interface TitleRoles {
  kicker: string | null;
  headline: string | null;
  subheadline: string | null;
  series: string | null;
}

const join = (lines: string[]): string | null => (lines.length ? lines.join('\n') : null);
const MAX_HALF_COUPLET = 12;
/** Above a question headline, a label may run a little longer. */
const LABEL_SLACK_QUESTION = 2;
const isHalfCouplet = (a: string, b: string): boolean =>
  a.length === b.length && a.length <= MAX_HALF_COUPLET && !/\s/.test(a) && !/\s/.test(b);

/**
 * @param above display lines above the byline, in order
 * @param belowByline display lines between a byline line and the body (OCR often puts a series banner there)
 */
export function assignTitleRoles(above: string[], belowByline: string[], pack: RulePack): TitleRoles {
  const series: string[] = [...belowByline];
  let rest = [...above];

  // A column header ("本地简讯") or a named series banner over the headline is the series.
  if (rest.length > 1 && (pack.isColumnHeader(pack.fold(rest[0]!)) || pack.isSeriesBanner(pack.fold(rest[0]!)))) {
    series.unshift(rest.shift()!);
  }

  // A named series banner below the headline ("喜迎…" / "——系列报道之五").
  for (let i = rest.length - 1; i >= 1; i--) {
    if (pack.isSeriesBanner(pack.fold(rest[i]!)) && !pack.isDashSubtitle(rest[i]!)) {
      const banner = rest.splice(i, rest[i + 1] && pack.isDashSubtitle(rest[i + 1]!) ? 2 : 1);
      series.unshift(...banner);
    }
  }
  // Otherwise a full header (four lines or more) that ends in a line and its "——" line ends in the
  // series banner: "推进…建设" / "——全面贯彻…精神" under headline and subheadline.
  const last = rest.length - 1;
  if (series.length === 0 && rest.length >= 4 && pack.isDashSubtitle(rest[last]!) && !pack.isDashSubtitle(rest[last - 1]!)) {
    series.unshift(...rest.splice(last - 1, 2));
  }

  if (rest.length === 0) {
    return { kicker: null, headline: series.length ? series.shift()! : null, subheadline: null, series: join(series) };
  }
  // A couplet kicker printed over two lines: two short lines of the same length above the headline.
  const [a, b, c] = rest;
  if (a !== undefined && b !== undefined && c !== undefined && !pack.isDashSubtitle(c) && isHalfCouplet(a, b)) {
    return { kicker: `${a}\n${b}`, headline: c, subheadline: join(rest.slice(3)), series: join(series) };
  }
  const first = rest[0]!;
  const second = rest[1];
  const firstIsKicker =
    second !== undefined &&
    !pack.isDashSubtitle(second) &&
    (pack.isKickerLabel(first) ||
      // A couplet over a title-shaped line is its kicker; over a sentence with commas it is the headline.
      (pack.isCouplet(first) && !pack.hasClauseMark(pack.fold(second))) ||
      // A question under a short line is the headline; the line above it a label ("老旧小区改造进行时").
      first.replace(/\s+/g, '').length <= pack.maxLabelLength + (/[？?]”?$/.test(second) ? LABEL_SLACK_QUESTION : 0));
  if (firstIsKicker) {
    return { kicker: first, headline: second, subheadline: join(rest.slice(2)), series: join(series) };
  }
  return { kicker: null, headline: first, subheadline: join(rest.slice(1)), series: join(series) };
}

// ---------------------------------------------------------------------------------------------
// Title roles the line-role model decoded, settled by the form of the lines themselves. The model
// reads each line with its neighbours' features; these are relations between the lines' texts that
// hold on printed Chinese pages whatever the type sizes were.

/** Longest half of a headline printed as two parallel phrases on two lines ("武汉加油" / "中国加油"). */
const MAX_HALF_LINE = 6;
const HALF_LINE = /^[^\s，,。；;：:、！？!?—·-]+$/u;
/** A headline of two phrases on one line, set apart by a space ("织密防控网 防疫保健康"). */
const TWO_PART = /^\S{2,12}[\s\u3000]+\S{2,12}$/u;
/** A line that leads into the line below: ends in a colon ("张宏飞：") or a dash ("记者探访武汉超市——"). */
const LEAD_IN = /(?:[:：]|—|--|－－|[-－]一)$/u;
/** A headline closed by its series tag in brackets ("…（财经眼·政策解读③）"): the headline ends with it. */
const SERIES_TAG = /[（(][^（()）]*(?:·|[①-⑳]|之[一二三四五六七八九十])[^（()）]*[）)]$/u;
/** A line closed by a full stop is a sentence (a deck or summary), never the headline beside a title. */
const SENTENCE = /[。]$/u;

/** Two lines of the same length, each a short phrase without punctuation: one headline in two halves. */
export const areHeadlineHalves = (a: string, b: string, pack: RulePack): boolean =>
  a.length === b.length && a.length >= 2 && a.length <= MAX_HALF_LINE && isHalf(a, pack) && isHalf(b, pack);
/** A short phrase that may be half a headline: not punctuated, and not a column, series or issuer's name. */
const isHalf = (line: string, pack: RulePack): boolean => {
  const s = pack.fold(line);
  return HALF_LINE.test(s) && !pack.isColumnHeader(s) && !pack.isSeriesBanner(s) && !pack.isEditorialLabel(s) && !pack.isSignature(s);
};

/**
 * A line that introduces the line below it, a kicker and never part of the headline: it ends in a colon
 * or a dash, or the pack reads it as an occasion or a place name.
 */
export const isLeadIn = (line: string, pack: RulePack): boolean => {
  const s = pack.fold(line).trim();
  return LEAD_IN.test(s) || pack.isOccasionLeadIn(s) || pack.isPlaceName(s);
};

/**
 * One line holding a whole headline: two parts set apart by a space, or a headline closed by its series
 * tag. No line above or below it continues that headline.
 */
export const isWholeHeadline = (line: string): boolean => TWO_PART.test(line.trim()) || SERIES_TAG.test(line.trim());

/**
 * The item's titles from the roles the model decoded for its title lines (in page order; the lines from
 * `aboveByline` on stand between a byline line and the body), with the headline settled by the lines' form:
 * - a line that leads into the next ("张宏飞：", "…——", the pack's occasions and place names) is a kicker,
 *   and the line below it the headline;
 * - an attendance line (the pack's) read as the headline under a kicker-read line is the subheadline;
 * - two short lines of the same length next to the headline are its two halves, both the headline;
 * - a line closed by a full stop beside other headline lines is the deck below (or the lead-in above);
 * - a line holding a two-part headline, or a headline closed by its series tag, is the whole headline:
 *   a headline line above it is a kicker, one below it a subheadline; likewise around two halves.
 */
export function titlesFromRoles(titles: readonly string[], decoded: readonly LineRole[], pack: RulePack, aboveByline = titles.length): TitleRoles {
  const lines = titles.map((t) => t.trim());
  const roles = [...decoded];
  const n = lines.length;
  const isTitle = (k: number): boolean => k >= 0 && k < n && TITLE_ROLES.has(roles[k]!);
  /** Line k + 1 is printed right under line k (a byline between them parts them). */
  const touching = (k: number): boolean => k + 1 < n && k + 1 !== aboveByline;

  for (let k = 0; k + 1 < n; k++) {
    if (!touching(k) || !isLeadIn(lines[k]!, pack) || !isTitle(k + 1) || isLeadIn(lines[k + 1]!, pack)) continue;
    if (roles[k] === 'headline') {
      roles[k] = 'kicker';
      if (!roles.includes('headline')) roles[k + 1] = 'headline';
    }
    // The headline is the line it leads into: a line read as headline above it is a banner over both.
    if (roles[k + 1] === 'headline') for (let j = 0; j < k; j++) if (roles[j] === 'headline') roles[j] = 'kicker';
  }
  // Who attended goes under the headline: an attendance line read as the headline under a kicker-read
  // line makes that line the headline.
  for (let k = 1; k < n; k++) {
    if (roles[k] !== 'headline' || !pack.isAttendanceLine(pack.fold(lines[k]!).trim())) continue;
    if (roles.filter((r) => r === 'headline').length !== 1 || roles[k - 1] !== 'kicker' || !touching(k - 1)) continue;
    roles[k - 1] = 'headline';
    roles[k] = 'subheadline';
  }
  // A sentence beside other headline lines is the deck below the headline or the lead-in above it.
  const first = roles.indexOf('headline');
  for (let k = 0; k < n; k++) {
    if (roles[k] !== 'headline' || !SENTENCE.test(lines[k]!) || roles.filter((r) => r === 'headline').length < 2) continue;
    roles[k] = k > first ? 'subheadline' : 'kicker';
  }
  for (let k = 0; k + 1 < n; k++) {
    const [a, b] = [roles[k], roles[k + 1]];
    if (!touching(k) || (a === 'headline') === (b === 'headline') || !isTitle(k) || !isTitle(k + 1)) continue;
    if (!areHeadlineHalves(lines[k]!, lines[k + 1]!, pack)) continue;
    if (roles.filter((r) => r === 'headline').length !== 1) continue;
    roles[k] = roles[k + 1] = 'headline';
    k++;
  }
  // The headline core: a whole headline line, or two halves, among several lines read as the headline.
  const heads = roles.flatMap((r, k) => (r === 'headline' ? [k] : []));
  if (heads.length > 1) {
    let core: [number, number] | null = null;
    for (const k of heads) if (isWholeHeadline(lines[k]!)) core ??= [k, k];
    for (const k of heads) if (!core && touching(k) && roles[k + 1] === 'headline' && areHeadlineHalves(lines[k]!, lines[k + 1]!, pack)) core = [k, k + 1];
    if (core) for (const k of heads) if (k < core[0]) roles[k] = 'kicker'; else if (k > core[1]) roles[k] = 'subheadline';
  }
  const pick = (role: LineRole): string | null => join(lines.filter((_, k) => roles[k] === role));
  return { kicker: pick('kicker'), headline: pick('headline'), subheadline: pick('subheadline'), series: pick('series') };
}
