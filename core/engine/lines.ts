// Splits a page into lines with their offsets, once, so every later step works on indices.
import type { RulePack } from './rules/rule-pack.ts';

export interface Line {
  /** Index among all lines of the page (blank lines included). */
  index: number;
  /** Offset of the line's first character in the normalised text. */
  start: number;
  /** Offset just past the line's last character (before its newline). */
  end: number;
  text: string;
  /** The text folded by the rule pack (same length), trimmed. Patterns match on this. */
  folded: string;
  /** Offset of the first non-space character, relative to `start`. */
  indent: number;
  blank: boolean;
}

/** The engine's offsets refer to the text with CRLF and lone CR turned into LF. */
export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

const LEADING_SPACE = /^[\s\u3000\u00a0\ufeff]*/;

export function splitLines(text: string, pack: RulePack): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let index = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    const indent = LEADING_SPACE.exec(raw)![0].length;
    const trimmed = raw.slice(indent).trimEnd();
    lines.push({ index, start, end, text: raw, folded: pack.fold(trimmed), indent, blank: trimmed.length === 0 });
    index++;
    start = end + 1;
  }
  return lines;
}
