// An item's paragraphs stored as references into the page's imported text (issue 15, the lean
// archive; migration 0017). A paragraph is almost always a piece of the page text with the line
// breaks of the OCR taken out, so items.paragraphs_json held a second copy of most of the page.
//
// Stored form (JSON): an array with one element per paragraph, each either
//   - a string: the paragraph itself (what every row held before 0017, and what a paragraph that
//     shares nothing with the page text stays), or
//   - an array of pieces: a number pair (offset into the base text, length in UTF-16 units) for a
//     piece of the base text, or a string for text the base does not hold.
// The base is the page's text AS IMPORTED (baseText below), never the text as edited now: the
// imported text does not change until a re-import, and a re-import rewrites every item of the
// page. An edit of the page text that leaves an item's row alone therefore never changes what the
// row means. The row's checksum (migration 0009) covers the stored form and the page row's covers
// the base, so damage to either is still found before the paragraphs are used.

/** SHA-256 of the empty text: the content hash of a page imported empty. */
const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * The page's text as imported: raw_text once the text has changed (migration 0015's trigger keeps
 * it), else the text itself, except for a page imported empty (its raw_text stays '' when the text
 * is later typed in).
 */
export function baseText(page: { raw_text: string; text: string; content_hash: string }): string {
  if (page.raw_text !== '') return page.raw_text;
  return page.content_hash === EMPTY_HASH ? '' : page.text;
}

/** A reference costs about ten bytes of JSON; a shorter run of text is kept as it is. */
const MIN_PIECE = 4;
/** How far before an item's start (in the current text) its text is looked for in the base. */
const SLACK = 4096;

type Piece = string | number;

/** How many characters of paragraph[i..] the window holds at `at`. */
function runLength(hay: string, at: number, p: string, i: number): number {
  let n = 0;
  while (i + n < p.length && at + n < hay.length && hay.charCodeAt(at + n) === p.charCodeAt(i + n)) n++;
  return n;
}

function encodeParagraph(p: string, hay: string, from: number, cursor: { at: number }): string | Piece[] {
  // Offsets in `hay` (the item's window of the base) are base offsets minus `from`.
  const whole = p.length >= MIN_PIECE ? hay.indexOf(p, cursor.at) : -1;
  if (whole >= 0) {
    cursor.at = whole + p.length;
    return [from + whole, p.length];
  }
  const pieces: Piece[] = [];
  let literal = '';
  let i = 0;
  while (i < p.length) {
    const at = p.length - i >= MIN_PIECE ? hay.indexOf(p.slice(i, i + MIN_PIECE), cursor.at) : -1;
    if (at < 0) {
      literal += p[i];
      i++;
      continue;
    }
    const n = runLength(hay, at, p, i);
    if (literal) pieces.push(literal);
    literal = '';
    pieces.push(from + at, n);
    cursor.at = at + n;
    i += n;
  }
  if (literal) pieces.push(literal);
  return pieces.length === 1 && typeof pieces[0] === 'string' ? pieces[0] : pieces;
}

/** paragraphs_json for an item spanning [start, end) of the current text, against the page's base text. */
export function encodeParagraphs(paragraphs: readonly string[], base: string, start: number, end: number): string {
  if (base === '' || paragraphs.length === 0) return JSON.stringify(paragraphs);
  const from = Math.max(0, Math.min(start, base.length) - SLACK);
  const to = Math.min(base.length, Math.max(end, from) + SLACK);
  const hay = base.slice(from, to);
  const cursor = { at: 0 };
  return JSON.stringify(paragraphs.map((p) => encodeParagraph(p, hay, from, cursor)));
}

/** The paragraphs a stored paragraphs_json means; throws on a reference outside the base (a damaged row or base). */
export function decodeParagraphs(json: string, base: string): string[] {
  const stored = JSON.parse(json) as unknown;
  if (!Array.isArray(stored)) throw new Error('paragraphs_json is not an array');
  return stored.map((p: unknown) => {
    if (typeof p === 'string') return p;
    if (!Array.isArray(p)) throw new Error('paragraphs_json holds a paragraph that is neither text nor pieces');
    let out = '';
    for (let k = 0; k < p.length; k++) {
      const x: unknown = p[k];
      if (typeof x === 'string') {
        out += x;
        continue;
      }
      const len: unknown = p[k + 1];
      if (typeof x !== 'number' || typeof len !== 'number' || x < 0 || len < 0 || x + len > base.length) {
        throw new Error(`paragraphs_json refers to ${String(x)}+${String(len)} outside the page's imported text (${base.length})`);
      }
      out += base.slice(x, x + len);
      k++;
    }
    return out;
  });
}
