// Typed failure for page files. Every message is one line and names the file, so the CLI and the
// importer can show it as-is without a stack trace.

export const PAGE_FILE_ERROR_CODES = [
  'not-found',
  'is-directory',
  'not-a-file',
  'unreadable',
  'too-large',
  'empty',
  'binary',
  'undecodable',
] as const;
export type PageFileErrorCode = (typeof PAGE_FILE_ERROR_CODES)[number];

export class PageFileError extends Error {
  override readonly name = 'PageFileError';
  readonly code: PageFileErrorCode;
  /** The file name as given by the caller (a path for the CLI, a display name for the importer). */
  readonly file: string;

  constructor(code: PageFileErrorCode, file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.code = code;
    this.file = file;
  }
}

export function isPageFileError(error: unknown): error is PageFileError {
  return error instanceof PageFileError;
}
