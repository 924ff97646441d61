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
