// Decides, for every body or title line, whether it continues the paragraph of the line above
// (a line broken by OCR or wrapped by the column) or opens a new one.
//
// Evidence, strongest first: indentation on pages that indent paragraphs; a full-width line in a
// run of wrapped lines (a column wraps wherever the width runs out, even after a full stop);
// otherwise the previous line's last character (no closing punctuation: the sentence goes on).
import type { ClassifiedLine } from './line-class.ts';
import type { RulePack } from './rules/rule-pack.ts';

/** Runs shorter than this say nothing about the column's width. */
const MIN_RUN = 3;
/** A line this close to its run's width (in characters) filled the column. */
const WIDTH_SLACK = 1;
/** Newspaper columns wrap at a few dozen characters; longer lines are whole paragraphs. */
const MAX_COLUMN_WIDTH = 40;
/** In a wrapped run most lines (all but paragraph ends) have the column's width. */
const MIN_UNIFORM_SHARE = 0.6;

const isText = (l: ClassifiedLine | undefined): l is ClassifiedLine => l !== undefined && (l.role === 'body' || l.role === 'title');
const width = (l: ClassifiedLine): number => l.text.trimEnd().length;

/**
 * Typical width of the run of adjacent text lines each line sits in; null outside such runs and
 * in runs that are not a wrapped column (one paragraph per line, or ragged lines).
 */
function runWidths(lines: ClassifiedLine[]): (number | null)[] {
  const widths: (number | null)[] = lines.map(() => null);
  let runStart = 0;
  for (let i = 1; i <= lines.length; i++) {
    const adjacent = i < lines.length && isText(lines[i]) && isText(lines[i - 1]) && lines[i]!.index === lines[i - 1]!.index + 1;
    if (adjacent) continue;
    const run = lines.slice(runStart, i);
    if (run.length >= MIN_RUN) {
      // The run's last line is usually short (the paragraph ends there): leave it out of the median.
      const sorted = run.slice(0, -1).map(width).sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      const uniform = sorted.filter((w) => Math.abs(w - median) <= 2).length / sorted.length;
      if (median <= MAX_COLUMN_WIDTH && uniform >= MIN_UNIFORM_SHARE) {
        for (let k = runStart; k < i; k++) widths[k] = median;
      }
    }
    runStart = i;
  }
  return widths;
}

export function continuationFlags(lines: ClassifiedLine[], indentMode: boolean, pack: RulePack): boolean[] {
  const widths = runWidths(lines);
  const flags: boolean[] = [];
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    flags.push(isText(line) && isText(prev) && continues(line, prev, i));
  });
  return flags;

  function continues(line: ClassifiedLine, prev: ClassifiedLine, i: number): boolean {
    // A display line standing on its own between paragraphs (a subheading, "■探访", "一、…")
    // never runs on into the text under it.
    if (prev.role === 'title' && (pack.isEnumeration(prev.folded) || (i >= 2 && !flags[i - 1] && lines[i - 2]!.role === 'body'))) return false;
    // Rows of a table stand on their own lines.
    if (pack.isTableLine(line.folded) || pack.isTableLine(prev.folded)) return false;
    // Pages that indent paragraphs say it outright; an unindented display line then follows punctuation.
    if (indentMode) return line.role === 'body' ? line.indent === 0 : !prev.closes;
    const prevWidth = widths[i - 1];
    if (line.index === prev.index + 1 && prevWidth != null && width(prev) >= prevWidth - WIDTH_SLACK) return true;
    return !prev.closes;
  }
}
