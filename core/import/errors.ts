// Why one file could not be imported. The message is one line and names the file.
import type { MissingProgramKey } from '../../shared/i18n-scan.ts';

export const IMPORT_ERROR_CODES = [
  'unsupported',
  'xml-doctype',
  'xml-malformed',
  'no-text',
  'bad-structure',
  /** Not a page (a METS/DIDL manifest, a checksum list, an article-text extract): skipped with this reason. */
  'not-a-page',
  /** OCR of a scan could not run or failed (a missing program names its Debian package). */
  'ocr',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** A program a scan needs is not installed: which sentence says so, the program, its Debian package. */
export interface MissingProgram {
  key: MissingProgramKey;
  program: string;
  package: string;
}

export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  constructor(
    readonly code: ImportErrorCode,
    readonly file: string,
    detail: string,
    /** Set when the failure is a missing program: the UI words it from these values, not the message. */
    readonly missing?: MissingProgram,
  ) {
    super(`${file}: ${detail}`);
  }
}
