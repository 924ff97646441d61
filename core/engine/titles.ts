// Assigns display lines above a body to kicker, headline, subheadline and series.
// Without type sizes, the roles come from the lines' form and order (see the rule pack).
import type { RulePack } from './rules/rule-pack.ts';

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
