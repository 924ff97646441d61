// Item spans as editor lines, computed without the editor: one sweep over the text for a whole
// page (a model lookup per item cost ~120 ms on 10,000 items), and the span at a line.
import type { StoredItem } from '../../shared/domain.ts';

/** How many lines the text has (one more than its line breaks): the editor's and go-to-line's range. */
export function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Each item's first and last line (1-based) in one pass over the text: the last line is the line of
 * the character before the next item (or the text's end). Offsets visited never go back, as items
 * are in text order.
 */
export function itemLineSpans(text: string, items: readonly { start: number }[]): [number, number][] {
  let line = 1;
  let nextBreak = text.indexOf('\n');
  const lineOf = (offset: number) => {
    while (nextBreak >= 0 && nextBreak < offset) {
      line++;
      nextBreak = text.indexOf('\n', nextBreak + 1);
    }
    return line;
  };
  return items.map((item, i) => {
    const end = i + 1 < items.length ? items[i + 1]!.start : text.length;
    const startLine = lineOf(item.start);
    return [startLine, Math.max(startLine, lineOf(Math.max(item.start, end - 1)))];
  });
}

/** The first span whose last line is at or after `line` (binary search; spans ascend). */
export function firstSpanEndingAtOrAfter(spans: readonly [number, number][], line: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]![1] < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether every item holds the very flags array it held when the markers were last set. */
export function sameFlagArrays(items: readonly StoredItem[], shown: readonly StoredItem['flags'][]): boolean {
  if (items.length !== shown.length) return false;
  for (let i = 0; i < items.length; i++) if (items[i]!.flags !== shown[i]) return false;
  return true;
}
