// Read one page file from disk and decode it (see decode-page-bytes.ts for the detection rules).
// File-system failures become PageFileError too, so callers handle a single error type.
import { readFile, stat } from 'node:fs/promises';
import { decodePageBytes, MAX_PAGE_FILE_BYTES, tooLarge, type DecodedPage } from './decode-page-bytes.ts';
import { PageFileError } from './page-file-error.ts';

export { decodePageBytes, MAX_PAGE_FILE_BYTES } from './decode-page-bytes.ts';
export type { DecodedPage, PageEncoding } from './decode-page-bytes.ts';
export { PageFileError, isPageFileError } from './page-file-error.ts';
export type { PageFileErrorCode } from './page-file-error.ts';

export async function readPageFile(path: string): Promise<DecodedPage> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new PageFileError('is-directory', path, 'is a directory, not a page file');
    if (!info.isFile()) throw new PageFileError('not-a-file', path, 'is not a regular file');
    size = info.size;
  } catch (error) {
    throw fsError(error, path);
  }
  // Checked before reading so a huge file is never loaded into memory.
  if (size > MAX_PAGE_FILE_BYTES) throw tooLarge(path, size);

  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (error) {
    throw fsError(error, path);
  }
  return decodePageBytes(buf, path);
}

function fsError(error: unknown, path: string): PageFileError {
  if (error instanceof PageFileError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return new PageFileError('not-found', path, 'no such file');
    case 'ENOTDIR':
      return new PageFileError('not-found', path, 'no such file (a parent in the path is not a directory)');
    case 'EISDIR':
      return new PageFileError('is-directory', path, 'is a directory, not a page file');
    case 'EACCES':
    case 'EPERM':
      return new PageFileError('unreadable', path, 'permission denied');
    default: {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return new PageFileError('unreadable', path, `cannot be read (${code ?? message})`);
    }
  }
}
