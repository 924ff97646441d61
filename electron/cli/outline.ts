// Human-readable outline of a segmentation, for `galley segment FILE` without --json.
// Plain text (no colour) so it reads the same in a terminal, a pipe or a bug report.
import type { Flag, Item, Masthead, Segmentation } from '../../shared/segmentation.ts';

export interface OutlineSource {
  /** File name as given on the command line. */
  file: string;
  encoding: string;
  bytes: number;
  /** The LF-normalised text the offsets refer to. */
  text: string;
}

/** Characters of each paragraph shown in the outline. */
const PREVIEW_CHARS = 30;
const LABEL_WIDTH = 13;

export function formatOutline(seg: Segmentation, source: OutlineSource): string {
  const lines = new LineIndex(source.text);
  const out: string[] = [];
  out.push(
    `${source.file}: ${source.encoding}, ${count(source.bytes, 'byte')}, ${count(lines.count, 'line')}, ` +
      count(seg.items.length, 'item'),
  );
  out.push('');
  out.push(...formatMasthead(seg.masthead));
  seg.items.forEach((item, index) => {
    out.push('');
    out.push(...formatItem(item, index + 1, seg.items.length, lines));
  });
  return out.join('\n') + '\n';
}

function count(n: number, noun: string): string {
  // Not toLocaleString: setting up ICU's number formatting costs more than segmenting the page.
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} ${noun}${n === 1 ? '' : 's'}`;
}

function field(label: string, value: string, indent: string): string {
  return `${indent}${label.padEnd(LABEL_WIDTH)}${value}`;
}

function formatMasthead(m: Masthead | null): string[] {
  if (!m) return ['Masthead: none found'];
  const out = ['Masthead'];
  const add = (label: string, value: string | null): void => {
    if (value) out.push(field(label, value, '  '));
  };
  add('title', joinPresent([m.title, m.titleLatin && `(${m.titleLatin})`]));
  add('date', joinPresent([m.date, m.weekday, m.lunarDate]));
  add('issue', m.issueNumber === null ? null : `No. ${m.issueNumber}`);
  add('pages', m.pageCount === null ? null : String(m.pageCount));
  add('serial', m.serial);
  add('publisher', m.publisher);
  for (const hotline of m.hotlines) add('hotline', `${hotline.label} ${hotline.number}`);
  if (out.length === 1) out.push('  (no facts recognised)');
  return out;
}

function formatItem(item: Item, n: number, total: number, lines: LineIndex): string[] {
  const number = String(n).padStart(String(total).length);
  const out = [`${number}. ${item.kind}  ${lines.rangeLabel(item.start, item.end)}`];
  const indent = ' '.repeat(number.length + 2);
  const add = (label: string, value: string | null): void => {
    if (value) out.push(field(label, value, indent));
  };
  add('kicker', item.kicker);
  add('headline', item.headline);
  add('subheadline', item.subheadline);
  add('series', item.series);
  add('byline', item.byline);
  add('contributors', item.contributors.map((c) => `${c.name} (${c.role})`).join(', ') || null);
  out.push(field('paragraphs', String(item.paragraphs.length), indent));
  const width = String(item.paragraphs.length).length;
  item.paragraphs.forEach((p, i) => {
    out.push(`${indent}  ${String(i + 1).padStart(width)}  ${preview(p)}`);
  });
  add('continued', joinPresent([
    item.continuedFrom === null ? null : `from page ${item.continuedFrom}`,
    item.continuedOn === null ? null : `on page ${item.continuedOn}`,
  ], '; '));
  for (const flag of item.flags) add('flag', formatFlag(flag, lines));
  return out;
}

function formatFlag(flag: Flag, lines: LineIndex): string {
  return `${flag.code} (${lines.rangeLabel(flag.start, flag.end)}): ${flag.message}`;
}

/** First PREVIEW_CHARS characters (code points, so no split surrogate), on one line. */
export function preview(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= PREVIEW_CHARS ? chars.join('') : `${chars.slice(0, PREVIEW_CHARS).join('')}…`;
}

function joinPresent(parts: (string | null | undefined | false)[], separator = ' '): string | null {
  const present = parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
  return present.length > 0 ? present.join(separator) : null;
}

/** Maps UTF-16 offsets to 1-based line numbers. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    // A trailing newline does not start another line.
    if (text.endsWith('\n')) this.starts.pop();
  }

  get count(): number {
    return this.starts.length;
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Offsets are [start, end): the last line is the one holding end - 1. */
  rangeLabel(start: number, end: number): string {
    const first = this.lineOf(start);
    const last = this.lineOf(Math.max(start, end - 1));
    return first === last ? `line ${first}` : `lines ${first}-${last}`;
  }
}
