// Real OCR of built pages: each page is rendered as a multi-column newspaper image (page-units.ts,
// Chromium), read back by Tesseract (text and hOCR kept), and labelled by aligning the OCR lines to
// the page's printed units (ocr-align.ts), in the plain style of sessions 4–8 (chi_sim, automatic
// layout, 1:1) or a varied one (ocr-style.ts). Pages whose alignment is too poor are dropped and
// reported. At most two Tesseract processes run at once.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledPage } from '../../../core/engine/model/line-roles.ts';
import { labelOcrPage, type OcrQuality } from '../ocr-align.ts';
import { ocrIdSuffix, PLAIN_OCR_STYLE, styleName, styleValues, type OcrStyle } from '../ocr-style.ts';
import { pageHtml, printedUnits } from '../page-units.ts';
import { PageRenderer } from './render-page.ts';
import { checkTesseract, ocrImage } from './tesseract.ts';

/** A built page to OCR, in the plain style (null) or a varied one. */
export interface OcrJob {
  page: LabelledPage;
  style: OcrStyle | null;
}

/** The OCR page's id: the built page's id + "-ocr" (plain) or "-ocr-var" (varied). */
export const ocrPageId = (job: OcrJob): string => `${job.page.id}${ocrIdSuffix(job.style !== null)}`;

/** JPEG quality of a style's lossy image: low enough for visible blocks around the strokes. */
const JPEG_QUALITY = 35;

export interface OcrPageResult {
  /** The built page's id. */
  id: string;
  /** The OCR page's id (kept or not). */
  ocrId: string;
  /** The style's name ("plain", or its departures from plain: "psm4 x0.75 jpeg"). */
  style: string;
  /** The style's values axis by axis (ocr-style.ts styleValues), for drop rates per value. */
  values: string[];
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
  /** performance.now() after which no new page is started (a time budget on a shared machine). */
  deadline?: number;
}

/**
 * Aligns a page again from the OCR text an earlier run kept in `workDir` (no render, no OCR), so an
 * improved alignment reaches every OCR page; null when there is no such text.
 */
export function realignOcrPage(job: OcrJob, workDir: string, seconds: number | undefined): OcrPageResult | null {
  const ocrId = ocrPageId(job);
  const txt = join(workDir, `${ocrId}.txt`);
  if (!existsSync(txt)) return null;
  const text = readFileSync(txt, 'utf8');
  if (!text.trim()) return null;
  return labelled(job, text, seconds ?? Number.NaN);
}

function labelled(job: OcrJob, text: string, seconds: number): OcrPageResult {
  const style = job.style ?? PLAIN_OCR_STYLE;
  const l = labelOcrPage(text, printedUnits(job.page), job.page);
  const ocrId = ocrPageId(job);
  return {
    id: job.page.id,
    ocrId,
    style: styleName(style),
    values: styleValues(style),
    page: l.page && { ...l.page, id: ocrId },
    reason: l.reason ?? 'kept',
    failed: false,
    quality: l.quality,
    seconds,
  };
}

export async function ocrBuiltPages(jobs: readonly OcrJob[], o: OcrOptions): Promise<OcrPageResult[]> {
  if (!jobs.length) return [];
  await checkTesseract(jobs.some((j) => j.style?.lang.includes('chi_tra')) ? ['chi_sim', 'chi_tra'] : ['chi_sim']);
  mkdirSync(o.workDir, { recursive: true });
  const renderer = await PageRenderer.start();
  const results: OcrPageResult[] = [];
  let next = 0;
  // Renders go one at a time through the one browser; OCR runs in up to `workers` processes.
  let renderQueue: Promise<void> = Promise.resolve();
  const renderOne = (html: string, image: string, style: OcrStyle): Promise<void> => {
    const done = renderQueue.then(() => renderer.render(html, image, { scale: style.scale, ...(style.image === 'jpeg' ? { jpegQuality: JPEG_QUALITY } : {}) }));
    renderQueue = done.catch(() => {});
    return done;
  };
  const worker = async (): Promise<void> => {
    while (next < jobs.length && (o.deadline === undefined || performance.now() < o.deadline)) {
      const job = jobs[next++]!;
      const style = job.style ?? PLAIN_OCR_STYLE;
      const t0 = performance.now();
      const base = join(o.workDir, ocrPageId(job));
      const image = `${base}.${style.image === 'jpeg' ? 'jpg' : 'png'}`;
      let result: OcrPageResult;
      try {
        const html = pageHtml(job.page.id, printedUnits(job.page), style);
        writeFileSync(`${base}.html`, html);
        await renderOne(html, image, style);
        const text = await ocrImage(image, base, style);
        // The image is large and can be rendered again; the HTML, text and hOCR are kept.
        rmSync(image, { force: true });
        result = labelled(job, text, (performance.now() - t0) / 1000);
      } catch (e) {
        const why = `failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
        result = { id: job.page.id, ocrId: ocrPageId(job), style: styleName(style), values: styleValues(style), page: null, reason: why, failed: true, quality: null, seconds: (performance.now() - t0) / 1000 };
      }
      results.push(result);
      o.onResult?.(result);
      const q = result.quality;
      o.log?.(`ocr ${result.ocrId} [${result.style}]: ${result.page ? 'kept' : `dropped (${result.reason})`}, ${result.seconds.toFixed(1)} s${q ? `, aligned ${q.alignedLines}/${q.textLines}, coverage ${(q.coverage * 100).toFixed(0)}%, items ${q.itemsFound}/${q.itemsSource}` : ''}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(o.workers ?? 2, 2, jobs.length) }, worker));
  } finally {
    await renderer.close();
  }
  return results.sort((a, b) => a.ocrId.localeCompare(b.ocrId));
}
