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

/** Characters from two scripts meet without a space; two Latin words keep one. */
function glue(left: string, right: string): string {
  const a = left.at(-1) ?? '';
  const b = right[0] ?? '';
  if (a === '-' && /[a-z]/.test(b)) return left.slice(0, -1) + right;
  return CJK_OR_FULLWIDTH.test(a) || CJK_OR_FULLWIDTH.test(b) ? left + right : `${left} ${right}`;
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
