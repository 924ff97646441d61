// Builds page text the way every OCR format is stored: one text line per OCR line, a blank line
// between blocks (the block starts are the engine's boundary hints), and each line's box on the
// scan kept beside the text so the workspace can show where a line sits on the image.
import { ImportFileError } from './errors.ts';

/** A box on the scan: left, top, right, bottom in the page's own coordinate units. */
export type Box = [number, number, number, number];

/** Where one text line of the page sits on the scan. `line` is the 0-based line number in the page text. */
export interface LineRegion {
  line: number;
  box: Box;
  /** The line's text, so the workspace can find the line again after an editor changed the page. */
  text?: string;
}

/** The coordinate space of a page's regions (ALTO Page@WIDTH/HEIGHT, hOCR page bbox, PAGE imageWidth/Height). */
export interface PageRegions {
  width: number;
  height: number;
  lines: LineRegion[];
}

export interface ParsedPage {
  text: string;
  blockBoundaries: number[];
  /** Page number the file states (ALTO PRINTED_IMG_NR / PHYSICAL_IMG_NR, hOCR ppageno of a multi-page file). */
  pageNumberHint: number | null;
  /** Line boxes, when the format carries coordinates. */
  regions?: PageRegions | null;
  /** The image the OCR was made from, as the file names it (ALTO fileName, hOCR image, PAGE imageFilename). */
  imageName?: string | null;
  /** Offset in `text` of each element ID that was asked for (METS article areas refer to ALTO word IDs). */
  idOffsets?: Map<string, number>;
}

interface Line {
  text: string;
  box: Box | null;
  ids: [string, number][];
}

export class PageBuilder {
  private blocks: Line[][] = [];
  private current: Line[] | null = null;
  width = 0;
  height = 0;
  pageNumberHint: number | null = null;
  imageName: string | null = null;

  constructor(private readonly keepIds = false) {}

  startBlock(): void {
    if (this.current && this.current.length > 0) this.blocks.push(this.current);
    this.current = [];
  }

  endBlock(): void {
    if (this.current && this.current.length > 0) this.blocks.push(this.current);
    this.current = null;
  }

  /** Adds one OCR line. `ids` are (element ID, offset within the line) pairs, kept only when asked for. */
  addLine(text: string, box: Box | null, ids: [string, number][] = []): void {
    // A line break or a no-break space inside a line is layout, not text.
    const clean = text.replace(/[\r\n\t\u00a0]+/g, ' ');
    const lead = clean.length - clean.trimStart().length;
    const t = clean.trim();
    if (!t) return;
    const shifted = this.keepIds ? ids.map(([id, at]): [string, number] => [id, Math.max(0, at - lead)]) : [];
    if (!this.current) {
      // A line outside any block is a block of its own (hOCR lines outside ocr_par).
      this.blocks.push([{ text: t, box, ids: shifted }]);
      return;
    }
    this.current.push({ text: t, box, ids: shifted });
  }

  /** Whether any line was added: a picture-only page of a multi-page hOCR file has none. */
  hasText(): boolean {
    return this.blocks.length > 0 || (this.current?.length ?? 0) > 0;
  }

  build(name: string): ParsedPage {
    this.endBlock();
    if (this.blocks.length === 0) throw new ImportFileError('no-text', name, 'the page holds no text');
    const boundaries: number[] = [];
    const regionLines: LineRegion[] = [];
    const idOffsets = this.keepIds ? new Map<string, number>() : undefined;
    const parts: string[] = [];
    let offset = 0;
    let lineNo = 0;
    for (const block of this.blocks) {
      if (parts.length > 0) {
        parts.push('\n');
        offset += 1;
        lineNo += 1;
      }
      boundaries.push(offset);
      for (const l of block) {
        if (l.box) regionLines.push({ line: lineNo, box: l.box, text: l.text });
        if (idOffsets) for (const [id, at] of l.ids) idOffsets.set(id, offset + at);
        parts.push(l.text, '\n');
        offset += l.text.length + 1;
        lineNo += 1;
      }
    }
    const regions = regionLines.length > 0 && this.width > 0 && this.height > 0 ? { width: this.width, height: this.height, lines: regionLines } : null;
    return {
      text: parts.join(''),
      blockBoundaries: boundaries,
      pageNumberHint: this.pageNumberHint,
      regions,
      imageName: this.imageName,
      ...(idOffsets ? { idOffsets } : {}),
    };
  }
}

const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/**
 * Joins OCR words into a line when the file does not say where spaces are: a space between two
 * words only when neither side is CJK (Chinese OCR emits one "word" per character or phrase).
 * Returns the line and where each word starts in it.
 */
export function joinWordsAt(words: string[]): { text: string; starts: number[] } {
  let out = '';
  const starts: number[] = [];
  for (const w of words) {
    const word = w.trim();
    starts.push(out.length + (out && !WIDE.test(out[out.length - 1]!) && word && !WIDE.test(word[0]!) ? 1 : 0));
    if (!word) continue;
    if (out && !WIDE.test(out[out.length - 1]!) && !WIDE.test(word[0]!)) out += ' ';
    out += word;
  }
  return { text: out, starts };
}

export const positiveInt = (v: string | undefined): number | null => {
  if (!v || !/^\s*\d{1,4}\s*$/.test(v)) return null;
  const n = Number(v);
  return n > 0 ? n : null;
};

/** A finite, non-negative number from an attribute (ALTO allows floats), else null. */
export const coord = (v: string | undefined): number | null => {
  if (v === undefined || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
};
