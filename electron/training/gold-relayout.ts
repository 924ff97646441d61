// Lays a hand-annotated page (galley.gold/1 and its text) out again in the column layouts OCR engines
// produce: running text wrapped at a column width, blank lines under every line, under each block
// or nowhere, paragraphs indented or flush. The gold is carried over unchanged but for the joins
// the wrapping made. Platform-free, a pure function of the page.
//
// Why: the annotated pages are the only material from papers other than 人民日报, and each comes in
// the one layout it was written or OCR'd in. A paper's conventions (本报讯 (记者 …) bylines, ■ photo
// credits, briefs under a column banner) then exist for the model only in that layout, and a held-out
// paper's page scored 0.85 in its own layout and 0.79 wrapped at 14 characters. Trained in a few more
// layouts, the same conventions hold in any of them (docs/training.md, session 15).
//
// What changes: a body line (longer than BODY_LINE_MIN and not one of the gold's title lines) is cut
// into lines of `width` characters, never inside a Latin word or a number, never with closing
// punctuation opening a line (it hangs on the line above, as CJK typesetting does), and never
// inside an item's start anchor. Title, masthead, byline and advertisement lines stay whole, as a
// headline set across columns does. Item starts, titles, paragraphs (each still opens on its own
// line), contributors, jumps, breaks and masthead facts keep their meaning.
import type { Gold } from '../../core/eval/gold.ts';

export interface ColumnLayout {
  /** Characters per wrapped line; null keeps each line whole. */
  width: number | null;
  /** Blank lines: none, under every line, or under each line of the original page (a block). */
  blankLines: 'none' | 'every' | 'block';
  /** Indent each paragraph's first line with two ideographic spaces (where the page does not). */
  indent: boolean;
}

export interface NamedLayout {
  name: string;
  layout: ColumnLayout;
}

/** Lines longer than this (trimmed) are running text; shorter ones are display, furniture or ads. */
const BODY_LINE_MIN = 40;
/** A joined pair names this much of the line above's end and the line below's start. */
const JOIN_SIDE = 6;
const CLOSING_PUNCTUATION = new Set([...',.;:!?)，。；：！？）、”’》」』']);
const LATIN_OR_DIGIT = /[A-Za-z0-9]/;
const LEADING_SPACE = /^[ \t\u3000]*/;
const INDENT = '\u3000\u3000';

/** The layouts annotated pages also train in (widths apart from the evaluation layouts'). */
export const TRAINING_LAYOUTS: readonly NamedLayout[] = [
  { name: 'w12-dense-indent', layout: { width: 12, blankLines: 'none', indent: true } },
  { name: 'w17-dense', layout: { width: 17, blankLines: 'none', indent: false } },
  { name: 'w24-block', layout: { width: 24, blankLines: 'block', indent: false } },
  { name: 'w30-every', layout: { width: 30, blankLines: 'every', indent: false } },
];

/** The layouts a held-out annotated page is also scored in (galley eval --splits). */
export const EVALUATION_LAYOUTS: readonly NamedLayout[] = [
  { name: 'dense', layout: { width: null, blankLines: 'none', indent: false } },
  { name: 'w14-dense', layout: { width: 14, blankLines: 'none', indent: false } },
  { name: 'w20-block', layout: { width: 20, blankLines: 'block', indent: false } },
  { name: 'w20-dense-indent', layout: { width: 20, blankLines: 'none', indent: true } },
  { name: 'w28-every', layout: { width: 28, blankLines: 'every', indent: false } },
];

/** The id of a page laid out again: "<id>--<layout name>". */
export const relaidId = (id: string, layoutName: string): string => `${id}--${layoutName}`;

const LAYOUT_NAMES = new Set([...TRAINING_LAYOUTS, ...EVALUATION_LAYOUTS].map((l) => l.name));

/** The layout an annotated page was laid out again in, from its id ("<id>--<layout>"); null for a page's own. */
export function relaidLayoutName(id: string): string | null {
  const at = id.lastIndexOf('--');
  const name = at < 0 ? '' : id.slice(at + 2);
  return LAYOUT_NAMES.has(name) ? name : null;
}

/** True for ids of annotated pages laid out again. */
export const isRelaidId = (id: string): boolean => relaidLayoutName(id) !== null;

/** Cuts `line` (without its indent) into wrapped lines; the first is at least `firstMin` long. */
function wrap(line: string, width: number, firstMin: number): string[] {
  const chars = Array.from(line);
  const out: string[] = [];
  let i = 0;
  while (i < chars.length) {
    let j = Math.min(chars.length, i + (out.length ? width : Math.max(width, firstMin)));
    while (j > 0 && j < chars.length && LATIN_OR_DIGIT.test(chars[j - 1]!) && LATIN_OR_DIGIT.test(chars[j]!)) j++;
    while (j < chars.length && CLOSING_PUNCTUATION.has(chars[j]!)) j++;
    out.push(chars.slice(i, j).join(''));
    i = j;
  }
  return out;
}

/**
 * A gold join or break names the end of the line above and the start of the line below. Where `body`
 * was wrapped into `parts`, the pair now meets its last piece (above) or its first piece (below):
 * each side is cut to what that piece holds, in place.
 */
function reanchor(pairs: [string, string][], body: string, parts: readonly string[]): void {
  const first = parts[0]!.trim();
  const last = parts.at(-1)!.trim();
  for (const pair of pairs) {
    const [above, below] = pair;
    if (body.trimEnd().endsWith(above) && !last.endsWith(above)) pair[0] = last.slice(-Math.min(above.length, last.length));
    if (body.trimStart().startsWith(below) && !first.startsWith(below)) pair[1] = first.slice(0, Math.min(below.length, first.length));
  }
}

/** `text` (the page) and `gold` laid out in `layout`; the gold's joins gain the wrapped lines' joins. */
export function relayoutAnnotated(text: string, gold: Gold, layout: ColumnLayout): { text: string; gold: Gold } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const titles = new Set(gold.items.flatMap((item) => item.titleLines ?? []).map((t) => t.trim()));
  const anchors = gold.items.map((item) => item.start.replace(/\n$/, ''));
  const continuations = gold.joins.map(([, below]) => below);
  const joins: [string, string][] = [];
  const joinPairs = gold.joins.map(([above, below]): [string, string] => [above, below]);
  const breakPairs = gold.breaks.map(([above, below]): [string, string] => [above, below]);
  const out: string[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    const lead = LEADING_SPACE.exec(line)![0];
    const body = line.slice(lead.length);
    const running = body.trim().length > BODY_LINE_MIN && !titles.has(body.trim());
    let parts = [body];
    if (running && layout.width !== null) {
      const anchorLength = Math.max(0, ...anchors.filter((a) => body.startsWith(a)).map((a) => Array.from(a).length));
      parts = wrap(body, layout.width, anchorLength);
      for (let k = 1; k < parts.length; k++) {
        joins.push([parts[k - 1]!.trim().slice(-JOIN_SIDE), parts[k]!.trim().slice(0, JOIN_SIDE)]);
      }
      reanchor(joinPairs, body, parts);
      reanchor(breakPairs, body, parts);
    }
    // A line that continues a paragraph across a column (a gold join) is not a paragraph's first line.
    const indent = layout.indent && running && !lead && !continuations.some((c) => body.startsWith(c)) ? INDENT : lead;
    parts[0] = indent + parts[0]!;
    parts.forEach((part, k) => {
      out.push(part);
      if (layout.blankLines === 'every' || (layout.blankLines === 'block' && k === parts.length - 1)) out.push('');
    });
  }
  return { text: `${out.join('\n')}\n`, gold: { ...gold, joins: [...joinPairs, ...joins], breaks: breakPairs } };
}
