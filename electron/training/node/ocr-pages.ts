// Real OCR of built pages: each page is rendered as a multi-column newspaper image (page-units.ts,
// Chromium), read back by Tesseract (chi_sim, automatic layout; text and hOCR kept), and labelled
// by aligning the OCR lines to the page's printed units (ocr-align.ts). Pages whose alignment is too
// poor are dropped and reported. At most two Tesseract processes run at once.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledPage } from '../../../core/engine/model/line-roles.ts';
import { labelOcrPage, type OcrQuality } from '../ocr-align.ts';
import { pageHtml, printedUnits } from '../page-units.ts';
import { PageRenderer } from './render-page.ts';
import { checkTesseract, ocrImage } from './tesseract.ts';

export interface OcrPageResult {
  id: string;
  page: LabelledPage | null;
  reason: string;
  /** The render or Tesseract failed (not an alignment drop). */
  failed: boolean;
  quality: OcrQuality | null;
  /** Wall-clock seconds for render + OCR + alignment. */
  seconds: number;
}

export interface OcrOptions {
  /** Folder for the images, OCR text and hOCR (kept for study). */
  workDir: string;
  workers?: number;
  log?: (line: string) => void;
  /** Called as each page finishes, so a long run keeps what it has. */
  onResult?: (r: OcrPageResult) => void;
}

/**
 * Aligns a page again from the OCR text an earlier run kept in `workDir` (no render, no OCR), so an
 * improved alignment reaches every OCR page; null when there is no such text.
 */
export function realignOcrPage(page: LabelledPage, workDir: string, seconds: number | undefined): OcrPageResult | null {
  const txt = join(workDir, `${page.id}-ocr.txt`);
  if (!existsSync(txt)) return null;
  const text = readFileSync(txt, 'utf8');
  if (!text.trim()) return null;
  const labelled = labelOcrPage(text, printedUnits(page), page);
  return { id: page.id, page: labelled.page, reason: labelled.reason ?? 'kept', failed: false, quality: labelled.quality, seconds: seconds ?? Number.NaN };
}

export async function ocrBuiltPages(pages: readonly LabelledPage[], o: OcrOptions): Promise<OcrPageResult[]> {
  if (!pages.length) return [];
  await checkTesseract();
  mkdirSync(o.workDir, { recursive: true });
  const renderer = await PageRenderer.start();
  const results: OcrPageResult[] = [];
  let next = 0;
  // Renders go one at a time through the one browser; OCR runs in up to `workers` processes.
  let renderQueue: Promise<void> = Promise.resolve();
  const renderOne = (html: string, png: string): Promise<void> => {
    const done = renderQueue.then(() => renderer.render(html, png));
    renderQueue = done.catch(() => {});
    return done;
  };
  const worker = async (): Promise<void> => {
    while (next < pages.length) {
      const page = pages[next++]!;
      const t0 = performance.now();
      const base = join(o.workDir, `${page.id}-ocr`);
      let result: OcrPageResult;
      try {
        const units = printedUnits(page);
        const html = pageHtml(page.id, units);
        writeFileSync(`${base}.html`, html);
        await renderOne(html, `${base}.png`);
        const text = await ocrImage(`${base}.png`, base);
        // The image is large and can be rendered again; the HTML, text and hOCR are kept.
        rmSync(`${base}.png`, { force: true });
        const labelled = labelOcrPage(text, units, page);
        result = { id: page.id, page: labelled.page, reason: labelled.reason ?? 'kept', failed: false, quality: labelled.quality, seconds: (performance.now() - t0) / 1000 };
      } catch (e) {
        result = { id: page.id, page: null, reason: `failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, failed: true, quality: null, seconds: (performance.now() - t0) / 1000 };
      }
      results.push(result);
      o.onResult?.(result);
      const q = result.quality;
      o.log?.(`ocr ${page.id}: ${result.page ? 'kept' : `dropped (${result.reason})`}, ${result.seconds.toFixed(1)} s${q ? `, aligned ${q.alignedLines}/${q.textLines}, coverage ${(q.coverage * 100).toFixed(0)}%, items ${q.itemsFound}/${q.itemsSource}` : ''}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(o.workers ?? 2, 2, pages.length) }, worker));
  } finally {
    await renderer.close();
  }
  return results.sort((a, b) => a.id.localeCompare(b.id));
}
