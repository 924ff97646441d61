// Local OCR of scans: Tesseract (hOCR out) in a child process, and poppler's pdftoppm to turn PDF
// pages into images first. The work runs in those processes, never on the app's main thread; the
// caller gets progress per page and cancels with an AbortSignal (the child is killed). A missing
// program or language is one line naming the Debian package to install. JPEG 2000 is decoded to
// PNG first (jp2.ts).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportFileError } from '../../core/import/errors.ts';
import { extensionOf } from './formats.ts';
import { decodeJpeg2000, isJpeg2000 } from './jp2.ts';
import { missingProgramLine } from '../../shared/i18n-scan.ts';
import { missingProgram, run } from './run-program.ts';
import { tiffToPng } from './tiff-to-png.ts';

export interface OcrImage {
  bytes: Buffer;
  mime: string;
}

export interface OcrPage {
  hocr: string;
  image: OcrImage;
}

export interface OcrOptions {
  /** Tesseract languages, e.g. "chi_sim" (default), "chi_tra", "chi_sim+chi_tra", "eng". */
  languages?: string;
  signal?: AbortSignal;
  onProgress?: (p: { page: number; pages: number; stage: 'render' | 'ocr' | 'done' }) => void;
  /** PDF rendering resolution (dots per inch). */
  dpi?: number;
  /** Program names (tests point these at missing programs). */
  programs?: { tesseract?: string; pdftoppm?: string; opj_decompress?: string };
}

const PACKAGE_OF_LANG: Record<string, string> = { chi_sim: 'tesseract-ocr-chi-sim', chi_tra: 'tesseract-ocr-chi-tra', eng: 'tesseract-ocr-eng' };

export const MIME_OF_EXT: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  // Decoded to PNG before anything else reads them (jp2.ts).
  '.jp2': 'image/jp2',
  '.jpx': 'image/jpx',
};

/** Checks that Tesseract and the wanted languages are there; throws one line naming the package. */
export async function checkTesseract(display: string, languages: string, options: OcrOptions = {}): Promise<void> {
  const cmd = options.programs?.tesseract ?? 'tesseract';
  const r = await run(cmd, ['--list-langs'], display, missingProgram('missingOcr', 'tesseract-ocr'), options.signal);
  const have = new Set((r.stdout.toString() + r.stderr).split(/\s+/));
  for (const lang of languages.split('+')) {
    if (!have.has(lang)) {
      const pkg = PACKAGE_OF_LANG[lang] ?? `tesseract-ocr-${lang.replace(/_/g, '-')}`;
      throw new ImportFileError('ocr', display, missingProgramLine('missingOcrLanguage', lang, pkg), { key: 'missingOcrLanguage', program: lang, package: pkg });
    }
  }
}

async function tesseractHocr(imagePath: string, display: string, languages: string, options: OcrOptions): Promise<string> {
  const cmd = options.programs?.tesseract ?? 'tesseract';
  const r = await run(cmd, [imagePath, 'stdout', '-l', languages, 'hocr'], display, missingProgram('missingOcr', 'tesseract-ocr'), options.signal);
  if (r.code !== 0) throw new ImportFileError('ocr', display, `tesseract failed (exit ${r.code}): ${r.stderr.trim().split('\n').pop() ?? ''}`);
  return r.stdout.toString('utf8');
}

/**
 * OCRs one scan (PNG, JPEG, TIFF, JPEG 2000, or a PDF of one or more pages) into hOCR per page, each with the
 * image that is kept beside the page (a PDF page is kept as the PNG it was rendered to).
 */
export async function ocrScan(path: string, display: string, options: OcrOptions = {}): Promise<OcrPage[]> {
  // chi_sim alone reads simplified pages best (chi_sim+chi_tra turns some of them traditional);
  // GALLEY_OCR_LANGUAGES picks others, e.g. chi_tra for Hong Kong and Taiwan papers.
  const languages = options.languages ?? process.env.GALLEY_OCR_LANGUAGES ?? 'chi_sim';
  await checkTesseract(display, languages, options);
  const ext = extensionOf(path);
  if (isJpeg2000(ext)) {
    options.onProgress?.({ page: 0, pages: 1, stage: 'render' });
    const png = await decodeJpeg2000(path, display, { ...(options.signal ? { signal: options.signal } : {}), ...(options.programs?.opj_decompress ? { program: options.programs.opj_decompress } : {}) });
    const dir = await mkdtemp(join(tmpdir(), 'galley-ocr-'));
    try {
      const p = join(dir, 'page.png');
      await writeFile(p, png);
      options.onProgress?.({ page: 1, pages: 1, stage: 'ocr' });
      const hocr = await tesseractHocr(p, display, languages, options);
      options.onProgress?.({ page: 1, pages: 1, stage: 'done' });
      return [{ hocr, image: { bytes: png, mime: 'image/png' } }];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  if (ext !== '.pdf') {
    options.onProgress?.({ page: 1, pages: 1, stage: 'ocr' });
    const hocr = await tesseractHocr(path, display, languages, options);
    options.onProgress?.({ page: 1, pages: 1, stage: 'done' });
    const bytes = await readFile(path);
    // Chromium cannot show TIFF: the page keeps a PNG of it (tiff-to-png.ts).
    const image = MIME_OF_EXT[ext] === 'image/tiff' ? { bytes: tiffToPng(bytes, display), mime: 'image/png' } : { bytes, mime: MIME_OF_EXT[ext] ?? 'application/octet-stream' };
    return [{ hocr, image }];
  }
  const dir = await mkdtemp(join(tmpdir(), 'galley-ocr-'));
  try {
    options.onProgress?.({ page: 0, pages: 0, stage: 'render' });
    const cmd = options.programs?.pdftoppm ?? 'pdftoppm';
    const r = await run(cmd, ['-r', String(options.dpi ?? 200), '-png', path, join(dir, 'p')], display, missingProgram('missingOcr', 'poppler-utils'), options.signal);
    if (r.code !== 0) throw new ImportFileError('ocr', display, `pdftoppm could not read the PDF (exit ${r.code}): ${r.stderr.trim().split('\n').pop() ?? ''}`);
    // pdftoppm pads page numbers to the page count's width (p-1.png or p-01.png …).
    const images = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (images.length === 0) throw new ImportFileError('ocr', display, 'the PDF has no pages');
    const out: OcrPage[] = [];
    for (const [i, f] of images.entries()) {
      options.onProgress?.({ page: i + 1, pages: images.length, stage: 'ocr' });
      const p = join(dir, f);
      out.push({ hocr: await tesseractHocr(p, display, languages, options), image: { bytes: await readFile(p), mime: 'image/png' } });
    }
    options.onProgress?.({ page: images.length, pages: images.length, stage: 'done' });
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
