// Finds the masthead (front page) or running head (inner page) at the top of a page: the run of
// lines from the first one through the last line that carries a masthead signal, where the gaps
// between signals are short display lines (never running text).
import type { RulePack } from './rules/rule-pack.ts';
import type { ClassifiedLine } from './line-class.ts';

/** How many lines without a signal may sit between two signal lines (e.g. "出版", a page name). */
const MAX_GAP = 2;
/** A masthead never reaches further down than this many non-blank lines. */
const MAX_LINES = 30;
/** Total signal strength a block needs: e.g. a date plus a page number, or a title plus a date. */
const MIN_SCORE = 3;
/**
 * Short display lines above the first signal: the nameplate is set in the largest type on the page and
 * is what OCR misreads most ("港湾时字" for 港湾时报, "洛误日报"), often under a speck ("四", "當").
 */
const MAX_LEAD = 3;
const LEAD_CHARS = 8;
/** A line this rich in masthead signals is masthead however long it is (date, issue and page count on one line). */
const STRONG_SIGNAL = 4;

/** Index (into `lines`) of the masthead's last line, or -1 when the page has none. */
export function findMastheadEnd(lines: ClassifiedLine[], pack: RulePack): number {
  let score = 0;
  let lastSignal = -1;
  let gap = 0;
  for (let i = 0; i < lines.length && i < MAX_LINES; i++) {
    const line = lines[i]!;
    const signal = pack.mastheadSignal(line.folded, i);
    // Running text ends the masthead, unless the line is a masthead printed on one long line.
    if (line.role === 'body' && signal < STRONG_SIGNAL && (line.leadingByline || line.text.trim().length > pack.maxTitleLength || pack.hasClauseMark(line.folded))) break;
    if (signal === 0 && lastSignal < 0 && i < MAX_LEAD && line.role === 'title' && line.folded.replace(/\s+/g, '').length <= LEAD_CHARS) continue;
    if (signal > 0) {
      score += signal;
      lastSignal = i;
      gap = 0;
    } else if (++gap > MAX_GAP || line.role !== 'title') {
      break;
    }
  }
  return score >= MIN_SCORE ? lastSignal : -1;
}
