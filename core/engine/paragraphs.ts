// Re-joins lines that OCR broke inside a paragraph and keeps real paragraph breaks.

export interface BodyPiece {
  /** The line's text with bylines, credits and jump notes already cut away. */
  text: string;
  /** Offsets of `text` in the page. */
  start: number;
  end: number;
  /** Whether this piece opens a new paragraph (decided from indentation or the previous line's end). */
  opensParagraph: boolean;
}

export interface Paragraph {
  text: string;
  start: number;
  end: number;
}

const CJK_OR_FULLWIDTH = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’…—]/;

const DIGIT = /[0-9]/;
const LATIN_LETTER = /[A-Za-z]/;
const ALNUM_RUN_END = /[A-Za-z0-9.,%]+$/;
const ALNUM_RUN_START = /^[A-Za-z0-9.,%]+/;

/**
 * Whether a break between two Latin-or-digit characters falls inside one token of CJK running text:
 * Chinese columns wrap at any character, so "10月" comes out of OCR as "1" / "0月" and "5G网络" as
 * "5" / "G网络". A digit on either side is one token when the text beside the token is Han on either
 * line; two letters only when it is Han on both lines (an English phrase inside Chinese keeps its space).
 */
function breaksOneToken(left: string, right: string): boolean {
  const before = left.slice(0, left.length - (ALNUM_RUN_END.exec(left)?.[0].length ?? 0)).at(-1) ?? '';
  const after = right.slice(ALNUM_RUN_START.exec(right)?.[0].length ?? 0)[0] ?? '';
  const hanBefore = CJK_OR_FULLWIDTH.test(before);
  const hanAfter = CJK_OR_FULLWIDTH.test(after);
  const a = left.at(-1) ?? '';
  const b = right[0] ?? '';
  if (DIGIT.test(a) || DIGIT.test(b)) return hanBefore || hanAfter;
  return LATIN_LETTER.test(a) && LATIN_LETTER.test(b) && hanBefore && hanAfter;
}

/** Characters from two scripts meet without a space, as does a token CJK text wrapped; two Latin words keep one. */
function glue(left: string, right: string): string {
  const a = left.at(-1) ?? '';
  const b = right[0] ?? '';
  if (a === '-' && /[a-z]/.test(b)) return left.slice(0, -1) + right;
  if (CJK_OR_FULLWIDTH.test(a) || CJK_OR_FULLWIDTH.test(b) || breaksOneToken(left, right)) return left + right;
  return `${left} ${right}`;
}

export function joinParagraphs(pieces: BodyPiece[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const piece of pieces) {
    if (!piece.text) continue;
    const last = paragraphs.at(-1);
    if (last && !piece.opensParagraph) {
      last.text = glue(last.text, piece.text);
      last.end = piece.end;
    } else {
      paragraphs.push({ text: piece.text, start: piece.start, end: piece.end });
    }
  }
  return paragraphs;
}
