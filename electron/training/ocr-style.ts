// How one real-OCR page is printed, imaged and read. Galley meets OCR text from other engines and
// other scans than the project's one render + `tesseract --psm 3 -l chi_sim`; a varied OCR page
// draws each axis below from the seed and its page id, so the model sees more of what OCR does
// (lower resolution, blur, JPEG artefacts, skew, other fonts and column counts, other layout
// analysis, traditional-character confusions, spacing). The plain style is exactly the render and
// Tesseract call of sessions 4–8, so those pages reproduce byte for byte. Platform-free.
import { hashString, Rng } from './rng.ts';

export interface OcrStyle {
  /** Tesseract page segmentation: 3 automatic layout, 4 one column of text of varying sizes. */
  psm: 3 | 4;
  /** Device pixels per CSS pixel of the screenshot (1: a body character ~20 px high). */
  scale: number;
  /** What happens to the image after layout: nothing, a CSS blur, speckle noise, a low-quality JPEG. */
  image: 'clean' | 'blur' | 'noise' | 'jpeg';
  /** Rotation of the whole page in degrees (a scan fed in slightly askew). */
  skewDeg: number;
  bodyFont: 'serif' | 'sans';
  /** Body text size in CSS pixels. */
  bodyPx: number;
  /** Body columns of a long item: the plain 3–5, or 2–6. */
  columns: '3-5' | '2-6';
  /** Tesseract languages. */
  lang: 'chi_sim' | 'chi_sim+chi_tra';
  /** Tesseract's preserve_interword_spaces=1 (no spaces invented between CJK characters). */
  preserveSpaces: boolean;
}

/** Sessions 4–8: one render at 1:1, psm 3, chi_sim, Noto Serif at 20 px. */
export const PLAIN_OCR_STYLE: Readonly<OcrStyle> = Object.freeze({
  psm: 3,
  scale: 1,
  image: 'clean',
  skewDeg: 0,
  bodyFont: 'serif',
  bodyPx: 20,
  columns: '3-5',
  lang: 'chi_sim',
  preserveSpaces: false,
});

/**
 * A varied style for page `id`, drawn from the seed. Every axis is drawn independently, each with
 * the plain value among its choices, so a varied page differs from a plain one in a few axes at a
 * time and the drop rate of each value can be read from the manifest.
 */
export function drawOcrStyle(seed: number, id: string): OcrStyle {
  const rng = new Rng(hashString(`ocr-style/${seed}/${id}`));
  return {
    // psm 4 reads across neighbouring columns more often: on a trial page it covered 78% of the
    // source (dropped) where psm 3 kept 99%, also at scale 0.65, blurred, noisy, JPEG or rotated 0.9°.
    psm: rng.chance(0.2) ? 4 : 3,
    // 0.65 (13 px body characters) still aligned 218 of 222 lines on that page; lower was not tried.
    scale: rng.pick([1, 0.85, 0.75, 0.65]),
    image: rng.pick(['clean', 'blur', 'noise', 'jpeg'] as const),
    skewDeg: rng.chance(0.4) ? (rng.chance(0.5) ? -1 : 1) * rng.pick([0.3, 0.6, 0.9]) : 0,
    bodyFont: rng.chance(0.35) ? 'sans' : 'serif',
    bodyPx: rng.pick([18, 20, 22]),
    columns: rng.chance(0.5) ? '2-6' : '3-5',
    lang: rng.chance(0.3) ? 'chi_sim+chi_tra' : 'chi_sim',
    preserveSpaces: rng.chance(0.4),
  };
}

/** A short readable name of a style's departures from the plain one ("plain" when there are none). */
export function styleName(s: OcrStyle): string {
  const parts: string[] = [];
  if (s.psm !== 3) parts.push(`psm${s.psm}`);
  if (s.scale !== 1) parts.push(`x${s.scale}`);
  if (s.image !== 'clean') parts.push(s.image);
  if (s.skewDeg !== 0) parts.push(`rot${s.skewDeg}`);
  if (s.bodyFont !== 'serif') parts.push(s.bodyFont);
  if (s.bodyPx !== 20) parts.push(`${s.bodyPx}px`);
  if (s.columns !== '3-5') parts.push(`cols${s.columns}`);
  if (s.lang !== 'chi_sim') parts.push('tra');
  if (s.preserveSpaces) parts.push('spaces');
  return parts.length ? parts.join(' ') : 'plain';
}

/** The values of a style, axis by axis ("psm=4", "scale=0.75", …), for counting drops per value. */
export function styleValues(s: OcrStyle): string[] {
  return [`psm=${s.psm}`, `scale=${s.scale}`, `image=${s.image}`, `skew=${s.skewDeg === 0 ? 0 : Math.abs(s.skewDeg)}`, `font=${s.bodyFont}`, `size=${s.bodyPx}`, `columns=${s.columns}`, `lang=${s.lang}`, `spaces=${s.preserveSpaces ? 'kept' : 'default'}`];
}

/** Id suffix of an OCR page: "-ocr" for the plain style (as before), "-ocr-var" for a varied one. */
export const ocrIdSuffix = (varied: boolean): string => (varied ? '-ocr-var' : '-ocr');
