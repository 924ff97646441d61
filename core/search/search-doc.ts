// What of an item is searchable, and the snippet maker shared by both search paths.
import { foldForSearch } from './fold.ts';

export interface SearchDocSource {
  kicker: string | null;
  headline: string | null;
  subheadline: string | null;
  series: string | null;
  byline: string | null;
  paragraphs: string[];
  contributors: { name: string }[];
  tags: string[];
}

export interface SearchDocText {
  headline: string;
  body: string;
  people: string;
  tags: string;
}

/** The searchable text of an item as written (not folded). */
export function searchDocText(src: SearchDocSource): SearchDocText {
  const headline = [src.kicker, src.headline, src.subheadline, src.series].filter((s): s is string => !!s).join('\n');
  const people = [...src.contributors.map((c) => c.name), src.byline ?? ''].filter(Boolean).join('\n');
  return { headline, body: src.paragraphs.join('\n'), people, tags: src.tags.join('\n') };
}

/** The row stored in search_docs: the searchable text folded to simplified, lower case. */
export function buildSearchDoc(src: SearchDocSource): SearchDocText {
  const t = searchDocText(src);
  return {
    headline: foldForSearch(t.headline),
    body: foldForSearch(t.body),
    people: foldForSearch(t.people),
    tags: foldForSearch(t.tags),
  };
}

/**
 * Two spaces end every search_docs column (migration 0004): then every occurrence of a one- or
 * two-character term starts an indexed trigram.
 */
export const SEARCH_PAD = '  ';

/** A search_docs row as stored: folded and padded. */
export function storedSearchDoc(src: SearchDocSource): SearchDocText {
  const d = buildSearchDoc(src);
  return { headline: d.headline + SEARCH_PAD, body: d.body + SEARCH_PAD, people: d.people + SEARCH_PAD, tags: d.tags + SEARCH_PAD };
}

export function unpad(stored: string): string {
  return stored.endsWith(SEARCH_PAD) ? stored.slice(0, -SEARCH_PAD.length) : stored;
}

/**
 * A short excerpt around the first match of any term, matches wrapped in [[ and ]].
 * `folded` is foldForSearch(original); when folding kept the length (the usual case) the excerpt
 * shows the original characters, otherwise the folded ones.
 */
export function makeSnippet(original: string, folded: string, terms: string[], radius = 24): string {
  const shown = original.length === folded.length ? original : folded;
  const live = terms.filter((t) => t.length > 0);
  let first = -1;
  for (const t of live) {
    const at = folded.indexOf(t);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  if (first < 0) return shown.slice(0, radius * 2).replace(/\s+/g, ' ');
  const from = Math.max(0, first - radius);
  const to = Math.min(shown.length, first + radius * 2);
  // Mark every term occurrence inside the window (longest first, no overlaps).
  const marks: [number, number][] = [];
  for (const t of [...live].sort((a, b) => b.length - a.length)) {
    let at = folded.indexOf(t, from);
    while (at >= 0 && at + t.length <= to) {
      const end = at + t.length;
      if (!marks.some(([s, e]) => at < e && end > s)) marks.push([at, end]);
      at = folded.indexOf(t, at + t.length);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  let out = from > 0 ? '…' : '';
  let pos = from;
  for (const [s, e] of marks) {
    out += shown.slice(pos, s) + '[[' + shown.slice(s, e) + ']]';
    pos = e;
  }
  out += shown.slice(pos, to) + (to < shown.length ? '…' : '');
  return out.replace(/\s+/g, ' ');
}
