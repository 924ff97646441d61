// The page's layout as the rules read it: classified text lines, the masthead block, indentation
// mode and continuation flags. Done once per page; both the rule path and the learned model read it.
import type { RulePack } from './rules/rule-pack.ts';
import { normalizeNewlines, splitLines } from './lines.ts';
import { classifyLine, isLooseTitle, type ClassifiedLine } from './line-class.ts';
import { findMastheadEnd } from './masthead-block.ts';
import { continuationFlags } from './continuation.ts';

/** Indented-paragraph pages: at least this many body lines, and this share of them, are indented. */
const INDENT_MIN_LINES = 3;
const INDENT_MIN_SHARE = 0.3;

const HAS_TEXT = /[\p{L}\p{N}]/u;

export interface PageLayout {
  text: string;
  pack: RulePack;
  /** The page's text lines (blank lines and lines without letters or digits left out). */
  lines: ClassifiedLine[];
  mastheadEnd: number;
  indentMode: boolean;
}

/** Whether a line of the page counts as a text line (the model labels exactly these). */
export function isTextLine(folded: string, blank: boolean): boolean {
  return !blank && HAS_TEXT.test(folded);
}

export function layoutPage(input: string, pack: RulePack): PageLayout {
  const text = normalizeNewlines(input);
  // Blank lines and OCR noise (a lone "|" or "■") carry no text: items span them but never start at them.
  const lines = splitLines(text, pack)
    .filter((l) => isTextLine(l.folded, l.blank))
    .map((l) => classifyLine(l, pack));
  const mastheadEnd = findMastheadEnd(lines, pack);
  const body = lines.slice(mastheadEnd + 1).filter((l) => l.role === 'body');
  const indented = body.filter((l) => l.indent > 0).length;
  const indentMode = indented >= INDENT_MIN_LINES && indented / body.length >= INDENT_MIN_SHARE;
  promoteSubtitles(lines, pack);
  continuationFlags(lines, indentMode, pack).forEach((flag, i) => (lines[i]!.continuesPrevious = flag));
  return { text, pack, lines, mastheadEnd, indentMode };
}

/**
 * A long factual line with commas right under a headline, followed by a typical lead opening
 * ("7月8日，…", "“…"), is the subtitle, not the first paragraph: it joins the header.
 */
function promoteSubtitles(lines: ClassifiedLine[], pack: RulePack): void {
  for (let i = 1; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    if (lines[i - 1]!.role === 'title' && isLooseTitle(line) && lines[i + 1]!.role === 'body' && pack.isLeadOpening(lines[i + 1]!.folded)) {
      line.role = 'title';
      line.closes = true;
    }
  }
}
