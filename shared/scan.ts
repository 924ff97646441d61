// The scan beside the text: a page's image and the boxes of its lines on that image, as the
// workspace receives them (channel 'page.scan'). Boxes are [left, top, right, bottom] in the
// coordinate space width × height (the OCR file's own: pixels, or ALTO's mm10/inch1200), which
// the workspace scales to the image it shows.
import { z } from 'zod';

export const SCAN_IMAGE_MIMES = ['image/png', 'image/jpeg', 'image/tiff', 'image/webp', 'image/gif'] as const;

export const scanLineSchema = z.object({
  /** 0-based line number in the page text as imported. */
  line: z.number().int().nonnegative(),
  box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /** The line's text at import, to find the line again after edits moved it. */
  text: z.string().optional(),
});
export type ScanLine = z.infer<typeof scanLineSchema>;

export const pageScanSchema = z.object({
  /** The image as base64 (null: the page has regions but no image). */
  image: z.object({ mime: z.enum(SCAN_IMAGE_MIMES), data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/), sha256: z.string().length(64) }).nullable(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
  lines: z.array(scanLineSchema),
  /** Where the regions came from: alto, hocr, page-xml, ocr. */
  source: z.string(),
});
export type PageScan = z.infer<typeof pageScanSchema>;

/**
 * The index (0-based) of the page text line that a region stands for, given the current text's
 * lines: its own line when the text there is unchanged, else the nearest line with the same text
 * (an editor added or removed lines above it), else its own line number.
 */
export function currentLineOf(region: ScanLine, lines: readonly string[]): number {
  const want = region.text?.trim();
  if (!want || lines[region.line]?.trim() === want) return region.line;
  for (let d = 1; d <= 200; d++) {
    if (lines[region.line - d]?.trim() === want) return region.line - d;
    if (lines[region.line + d]?.trim() === want) return region.line + d;
  }
  return region.line;
}
