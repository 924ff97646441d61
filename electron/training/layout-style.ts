// The layout habits of one built page, drawn from the seed: how the "OCR" text of the page is laid
// out. Each field is one axis of variety the issue asks for. Platform-free.
import type { Rng } from './rng.ts';

export interface LayoutStyle {
  /** Blank lines: none at all, one between every two lines, or one between blocks (paragraphs, titles). */
  blanks: 'none' | 'every' | 'blocks';
  /** Paragraph indent: none, two ideographic spaces, or two ASCII spaces. */
  indent: '' | '\u3000\u3000' | '  ';
  /** Column width the body is wrapped at (8–30 characters), or null: one paragraph per line. */
  wrap: number | null;
  /** Wrapped line lengths vary by up to ±2 characters (OCR does not see an exact column). */
  ragged: boolean;
  /** One-line-per-paragraph pages: the share of paragraphs OCR broke in mid-sentence. */
  midBreaks: number;
  /** ASCII punctuation (, : ; ( ) ! ?) instead of full-width. */
  ascii: boolean;
  /** Which printed form of the masthead / running head (index into the forms), or -1 for none. */
  furnitureForm: number;
  /** Share of articles without a dateline that get an own-line byline. */
  bylineRate: number;
  /** Share of articles that get an invented closing credit instead. */
  endCreditRate: number;
  /** A column label from the crawl ("（今日谈）") is printed as a banner line (else left out). */
  labelBanner: boolean;
  /** A page-1 jump note is appended to the last body line instead of standing on its own line. */
  inlineJump: boolean;
  /** An invented notice and an invented ad close the page. */
  notice: boolean;
  advertisement: boolean;
}

export function drawStyle(rng: Rng, furnitureForms: number, front: boolean): LayoutStyle {
  const wrapped = rng.chance(0.6);
  return {
    blanks: rng.pick(['none', 'every', 'blocks'] as const),
    indent: rng.pick(['', '\u3000\u3000', '  '] as const),
    wrap: wrapped ? rng.int(8, 30) : null,
    ragged: wrapped && rng.chance(0.4),
    midBreaks: wrapped ? 0 : rng.pick([0, 0.1, 0.3]),
    ascii: rng.chance(0.35),
    // Inner pages print a running head most of the time; front pages always their nameplate.
    furnitureForm: front || rng.chance(0.85) ? rng.int(0, furnitureForms - 1) : -1,
    bylineRate: rng.pick([0.3, 0.6, 0.9]),
    endCreditRate: rng.pick([0, 0.1, 0.2]),
    labelBanner: rng.chance(0.7),
    inlineJump: rng.chance(0.25),
    notice: rng.chance(0.15),
    advertisement: rng.chance(0.2),
  };
}

/**
 * Habits of text that went through OCR or a reflow, drawn from a generator of their own (seeded by
 * the page id) so that every draw of drawStyle, and so every page built before, stays as it was.
 */
export interface OcrHabits {
  /**
   * A wrapped page without indent characters whose paragraphs still open two characters short:
   * Tesseract drops a paragraph's indent but not the room it took (real OCR pages read so). Without
   * it a paragraph that ends on a full line and the next one cannot be told apart by any means.
   */
  lostIndent: boolean;
  /** Share of block boundaries where a stray line of OCR debris ("|", "图", "四" from rules and photo boxes) stands, role other. */
  debris: number;
  /** A two-part headline ("坚持守正创新 推进深度融合") is printed as two lines, as pages set it. */
  splitHeadlines: boolean;
}

/** Share of wrapped pages without indent characters that keep the indent's room. */
const LOST_INDENT_SHARE = 0.75;

/** Variant 1 pages (the ones rendered for real OCR) get no debris and no split headlines, so their printed units stay as they were. */
export function drawHabits(rng: Rng, style: LayoutStyle, variant: number): OcrHabits {
  const lostIndent = style.wrap !== null && style.indent === '' && rng.chance(LOST_INDENT_SHARE);
  const debris = variant >= 2 && rng.chance(0.3) ? 0.05 : 0;
  const splitHeadlines = variant >= 2 && rng.chance(0.5);
  return { lostIndent, debris, splitHeadlines };
}
