// Runs one of the programs a scan needs (tesseract, pdftoppm, opj_decompress) in a child process,
// so the app's main thread only waits; an AbortSignal kills it. A program that is not installed is
// one line naming the Debian package (the sentence comes from the scan strings, shared/i18n-scan.ts,
// so the import panel can say it in the UI language).
import { spawn } from 'node:child_process';
import { ImportFileError } from '../../core/import/errors.ts';
import { missingProgramLine, type MissingProgramKey } from '../../shared/i18n-scan.ts';

export interface RunResult {
  stdout: Buffer;
  stderr: string;
  code: number | null;
}

/** What to say when the program is missing: which sentence, and the Debian package that has it. */
export interface Missing {
  key: MissingProgramKey;
  pkg: string;
}

export const missingProgram = (key: MissingProgramKey, pkg: string): Missing => ({ key, pkg });

export function run(cmd: string, args: string[], display: string, missing: Missing, signal?: AbortSignal): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ImportFileError('ocr', display, 'OCR cancelled'));
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const onAbort = (): void => {
      child.kill('SIGTERM');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.on('error', (e: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', onAbort);
      reject(
        e.code === 'ENOENT'
          ? new ImportFileError('ocr', display, missingProgramLine(missing.key, cmd, missing.pkg), { key: missing.key, program: cmd, package: missing.pkg })
          : new ImportFileError('ocr', display, `${cmd} could not run: ${e.message}`),
      );
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return reject(new ImportFileError('ocr', display, 'OCR cancelled'));
      resolve({ stdout: Buffer.concat(out), stderr: err, code });
    });
  });
}
