// Messages between the import pool (pool.ts) and its worker threads (worker.ts).
import type { ImportPageInput } from '../../archive/archive-api.ts';
import type { ImportErrorCode, MissingProgram } from '../../../core/import/errors.ts';
import type { PageFileErrorCode } from '../../node/page-file-error.ts';
import type { PageFormat } from '../formats.ts';
import type { FileEntry } from '../index.ts';

/** One file to decode, parse and segment. The bytes are transferred, not copied. */
export interface ParseRequest {
  id: number;
  entry: FileEntry;
  bytes: Uint8Array;
}

export type ParseReply =
  | { id: number; ok: true; format: PageFormat; inputs: ImportPageInput[] }
  | { id: number; ok: false; message: string; code?: ImportErrorCode; file?: string; missing?: MissingProgram }
  /** A page file that cannot be read as text (empty, binary, undecodable…), with its own code. */
  | { id: number; ok: false; message: string; pageFileCode: PageFileErrorCode; file: string };
