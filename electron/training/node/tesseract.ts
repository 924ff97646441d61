// Runs the installed Tesseract on a page image: text and hOCR in one run, with the page
// segmentation mode, languages and spacing of an OCR style (plain: psm 3, chi_sim).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { PLAIN_OCR_STYLE, type OcrStyle } from '../ocr-style.ts';

const run = promisify(execFile);

export const TESSERACT_HINT = 'install the Debian packages tesseract-ocr tesseract-ocr-chi-sim';

export class TesseractMissingError extends Error {
  override readonly name = 'TesseractMissingError';
  /** `traditional`: the run needs chi_tra too (varied OCR styles). */
  constructor(traditional = false) {
    super(traditional ? `${TESSERACT_HINT} tesseract-ocr-chi-tra` : TESSERACT_HINT);
  }
}

/** Throws TesseractMissingError unless `tesseract` runs and has every language of `langs`. */
export async function checkTesseract(langs: readonly string[] = ['chi_sim']): Promise<string> {
  try {
    const { stdout } = await run('tesseract', ['--list-langs'], { timeout: 20_000 });
    const installed = new Set(stdout.split(/\s+/));
    if (!langs.every((l) => installed.has(l))) throw new TesseractMissingError(langs.includes('chi_tra'));
    const { stdout: v, stderr } = await run('tesseract', ['--version'], { timeout: 20_000 });
    return (v || stderr).split('\n')[0]?.trim() ?? 'tesseract';
  } catch (e) {
    if (e instanceof TesseractMissingError) throw e;
    throw new TesseractMissingError(langs.includes('chi_tra'));
  }
}

/** Tesseract's arguments for one image under a style (the plain style: the call of sessions 4–8). */
export function tesseractArgs(image: string, outBase: string, style: Pick<OcrStyle, 'psm' | 'lang' | 'preserveSpaces'>): string[] {
  return [image, outBase, '-l', style.lang, '--psm', String(style.psm), ...(style.preserveSpaces ? ['-c', 'preserve_interword_spaces=1'] : []), 'txt', 'hocr'];
}

/** OCR one image into OUTBASE.txt and OUTBASE.hocr; returns the text. */
export async function ocrImage(image: string, outBase: string, style: Pick<OcrStyle, 'psm' | 'lang' | 'preserveSpaces'> = PLAIN_OCR_STYLE): Promise<string> {
  // Generous timeout: on a loaded shared machine one page has taken over five minutes.
  // One thread per process: the pool runs at most two processes on a two-core machine.
  try {
    await run('tesseract', tesseractArgs(image, outBase, style), { timeout: 1_200_000, env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
  } catch (e) {
    const err = e as { code?: unknown; signal?: unknown; stderr?: unknown };
    const why = err.signal ? `killed by ${String(err.signal)}` : `exit code ${String(err.code)}`;
    throw new Error(`tesseract ${why}: ${String(err.stderr ?? '').trim().split('\n').at(-1) ?? ''}`);
  }
  return readFile(`${outBase}.txt`, 'utf8');
}
