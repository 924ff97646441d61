// Runs the installed Tesseract on a page image: text (psm 3, automatic layout) and hOCR in one run.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const TESSERACT_HINT = 'install the Debian packages tesseract-ocr tesseract-ocr-chi-sim';

export class TesseractMissingError extends Error {
  override readonly name = 'TesseractMissingError';
  constructor() {
    super(TESSERACT_HINT);
  }
}

/** Throws TesseractMissingError unless `tesseract` runs and has the chi_sim language. */
export async function checkTesseract(): Promise<string> {
  try {
    const { stdout } = await run('tesseract', ['--list-langs'], { timeout: 20_000 });
    if (!stdout.split(/\s+/).includes('chi_sim')) throw new TesseractMissingError();
    const { stdout: v, stderr } = await run('tesseract', ['--version'], { timeout: 20_000 });
    return (v || stderr).split('\n')[0]?.trim() ?? 'tesseract';
  } catch (e) {
    if (e instanceof TesseractMissingError) throw e;
    throw new TesseractMissingError();
  }
}

/** OCR one image into OUTBASE.txt and OUTBASE.hocr; returns the text. */
export async function ocrImage(image: string, outBase: string, lang = 'chi_sim'): Promise<string> {
  // Generous timeout: on a loaded shared machine one page has taken over five minutes.
  // One thread per process: the pool runs at most two processes on a two-core machine.
  try {
    await run('tesseract', [image, outBase, '-l', lang, '--psm', '3', 'txt', 'hocr'], { timeout: 1_200_000, env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
  } catch (e) {
    const err = e as { code?: unknown; signal?: unknown; stderr?: unknown };
    const why = err.signal ? `killed by ${String(err.signal)}` : `exit code ${String(err.code)}`;
    throw new Error(`tesseract ${why}: ${String(err.stderr ?? '').trim().split('\n').at(-1) ?? ''}`);
  }
  return readFile(`${outBase}.txt`, 'utf8');
}
