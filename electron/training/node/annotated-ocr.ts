// Real OCR of the hand-annotated pages: every page of an annotated folder (resources/) is rendered
// as a page image and read back by Tesseract, once in the plain style and once in a style drawn
// from the seed and the page (ocr-style.ts), and its gold is carried over by aligning what
// Tesseract read to the page's printed units (ocr-align.ts). The pages are written as an annotated
// folder (OUT/pages, OUT/gold): other papers than 人民日报, read by a real OCR engine, which
// `galley eval --splits` scores each held-out source on (never trained on).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annotatedPages } from '../../eval/labelled-pages.ts';
import { drawOcrStyle } from '../ocr-style.ts';
import { ocrBuiltPages, type OcrJob, type OcrPageResult } from './ocr-pages.ts';
import { writeAtomic } from './corpus-files.ts';

export interface AnnotatedOcrOptions {
  /** The annotated folder read (gold/ and pages/). */
  annotated: string;
  /** The folder written: OUT/pages/{id}.txt and OUT/gold/{id}.json, ids "<page>-ocr" and "<page>-ocr-var". */
  out: string;
  seed: number;
  /** Tesseract processes at once, 1 or 2. */
  jobs?: number;
  log?: (line: string) => void;
}

export interface AnnotatedOcrCounts {
  attempted: number;
  kept: string[];
  /** Pages whose OCR aligned too poorly to carry the gold over, or whose render or OCR failed. */
  dropped: { id: string; reason: string }[];
}

export async function ocrAnnotatedPages(o: AnnotatedOcrOptions): Promise<AnnotatedOcrCounts> {
  const pages = annotatedPages(o.annotated);
  const jobs: OcrJob[] = pages.flatMap((page) => [
    { page, style: null },
    { page, style: drawOcrStyle(o.seed, page.id) },
  ]);
  // Tesseract's work (HTML, text, hOCR) goes to a folder of its own, and the output folder is only
  // replaced once every page has been read: a run that fails (Tesseract missing, a crash) leaves the
  // pages of the last run as they were.
  const work = mkdtempSync(join(tmpdir(), 'galley-annotated-ocr-'));
  let results: OcrPageResult[];
  try {
    results = await ocrBuiltPages(jobs, { workDir: work, workers: o.jobs ?? 2, ...(o.log ? { log: o.log } : {}) });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  // A fresh folder: a page this run drops must not keep an older run's reading.
  for (const sub of ['pages', 'gold']) {
    rmSync(join(o.out, sub), { recursive: true, force: true });
    mkdirSync(join(o.out, sub), { recursive: true });
  }
  const counts: AnnotatedOcrCounts = { attempted: results.length, kept: [], dropped: [] };
  for (const r of results) {
    if (!r.page) {
      counts.dropped.push({ id: r.ocrId, reason: r.reason });
      continue;
    }
    const gold = { ...r.page.gold, text: `pages/${r.ocrId}.txt`, notes: `Tesseract OCR (${r.style}) of a rendered image of the annotated page ${r.id}; gold by alignment to that page's gold.` };
    writeAtomic(join(o.out, 'pages', `${r.ocrId}.txt`), r.page.text);
    writeAtomic(join(o.out, 'gold', `${r.ocrId}.json`), `${JSON.stringify(gold, null, 1)}\n`);
    counts.kept.push(r.ocrId);
  }
  return counts;
}
