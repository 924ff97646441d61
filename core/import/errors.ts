// Why one file could not be imported. The message is one line and names the file.

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

export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  constructor(
    readonly code: ImportErrorCode,
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}
