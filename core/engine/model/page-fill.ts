// How a page sets its running text, for the paragraph-fill features (features.ts, `x:fill`, `x:pb`):
// a wrapped column fills every line but a paragraph's last, so on a tightly set page a line one
// character short ends its paragraph whatever its last mark, while on a ragged page (line lengths
// varying by a few characters) it need not; a blank line above opens a paragraph only on a page
// that does not put one under every line; on a page of one paragraph per line, a line that stops
// short of a sentence's end breaks its paragraph only where the page breaks some.
import type { ClassifiedLine } from '../line-class.ts';

/** Lines on each side read for the local column width. */
export const LOCAL = 6;

/** The most common length (the longer on a tie) of the running-text lines within ±LOCAL of line i, gaps aside. */
export function modalWidth(lines: readonly ClassifiedLine[], lengths: readonly number[], gap: readonly boolean[], i: number): number {
  // At most 2·LOCAL+1 candidates: counting pairs is cheaper than a Map per line (this runs for every line).
  const from = Math.max(0, i - LOCAL);
  const to = Math.min(lines.length - 1, i + LOCAL);
  let best = 0;
  let bestCount = 0;
  for (let j = from; j <= to; j++) {
    if (lines[j]!.role !== 'body' || gap[j]) continue;
    const len = lengths[j]!;
    let c = 0;
    for (let k = from; k <= to; k++) if (lengths[k] === len && lines[k]!.role === 'body' && !gap[k]) c++;
    if (c > bestCount || (c === bestCount && len > best)) [best, bestCount] = [len, c];
  }
  return Math.max(1, best);
}

export interface PageFill {
  /** T: most lines near the column width have exactly its width; M; R: ragged; N: no column (one paragraph per line, or too few lines). */
  tight: 'T' | 'M' | 'R' | 'N';
  /** Blank lines between running lines: none, under nearly every one, or some (between blocks). */
  blanks: 'none' | 'every' | 'some';
  /** Long lines (> 40 characters) ending without closing punctuation: 0 none, 1 up to a tenth, 2 more, 9 too few long lines. */
  broken: 0 | 1 | 2 | 9;
}

/** Share of the lines within ±2 of the modal width that have it exactly, from which a column is tight. */
const TIGHT = 0.7;
const MIDDLE = 0.45;

export function pageFill(lines: readonly ClassifiedLine[], lengths: readonly number[], gap: readonly boolean[], col: { modal: number; modalCount: number }): PageFill {
  let long = 0;
  let open = 0;
  let near = 0;
  let exact = 0;
  let pairs = 0;
  let spaced = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.role !== 'body' || gap[i]) continue;
    if (lengths[i]! > 40) {
      long++;
      if (!line.closes) open++;
    }
    const d = lengths[i]! - col.modal;
    if (d >= -2 && d <= 2) {
      near++;
      if (d === 0) exact++;
    }
    const next = lines[i + 1];
    if (next && next.role === 'body') {
      pairs++;
      if (next.index > line.index + 1) spaced++;
    }
  }
  const share = near ? exact / near : 0;
  const tight = col.modalCount < 5 || col.modal > 40 ? 'N' : share >= TIGHT ? 'T' : share >= MIDDLE ? 'M' : 'R';
  const blanks = spaced === 0 ? 'none' : spaced >= pairs * 0.8 ? 'every' : 'some';
  const broken = long < 5 ? 9 : open === 0 ? 0 : open <= long * 0.1 ? 1 : 2;
  return { tight, blanks, broken };
}

/** Each line's length with the spaces inside it (a column's width counts them), trimmed at both ends. */
export const spacedLengths = (lines: readonly ClassifiedLine[]): number[] => lines.map((l) => l.folded.trim().length);
