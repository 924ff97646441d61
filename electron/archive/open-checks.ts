// Checks an archive file before the archive opens it, so a damaged file is reported with the way
// back (restore a backup) instead of failing later with "database disk image is malformed" in the
// middle of an edit, and is never silently rebuilt or migrated.
//
//   checkArchiveFile(path)   throws ArchiveDamagedError when the file is not a sound Galley archive
//
// What counts as damaged: a file that is not an SQLite database (wrong header, truncated), or an
// SQLite file that fails `PRAGMA quick_check` (broken b-trees, missing pages). A missing or empty
// file is not damaged: it is a new archive. Files larger than QUICK_CHECK_MAX_BYTES are checked by
// header, size and schema only: quick_check reads every page, about 11 ms per MiB here (4.9 s on
// the 441 MiB archive of bench/load.ts; see docs/reliability.md), too slow for every start.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { openReadOnly } from './open-mode.ts';

/** SQLite's 16-byte file header. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');

/** Above this size only the header and the schema are checked on open. */
export const QUICK_CHECK_MAX_BYTES = 32 * 1024 * 1024;

/** The archive file exists but cannot be trusted; the message says how to restore it. */
export class ArchiveDamagedError extends Error {
  override readonly name = 'ArchiveDamagedError';
  readonly code = 'archive-damaged';
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(
      `the archive ${path} is damaged (${detail}); Galley did not change it. ` +
        `Restore your last backup with: galley restore BACKUP_FILE --archive ${path} ` +
        `(the damaged file is kept aside as ${path}.before-restore-<time>)`,
    );
  }
}

export function isArchiveDamagedError(e: unknown): e is ArchiveDamagedError {
  return e instanceof ArchiveDamagedError;
}

/** SQLite error codes that mean the file itself is bad (not busy, not a permission problem). */
const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);

export function isDamageError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (DAMAGE_CODES.has(code) || code.startsWith('SQLITE_CORRUPT'));
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ').trim();
}

/** True for paths SQLite does not read from disk (in-memory databases, URI file names). */
function isSpecialPath(path: string): boolean {
  return path === ':memory:' || path === '' || path.startsWith('file:');
}

/**
 * Throws ArchiveDamagedError when `path` holds a file that is not a sound SQLite database.
 * Never writes to the file: the check uses a read-only connection.
 */
export function checkArchiveFile(path: string, options: { quickCheckMaxBytes?: number } = {}): void {
  if (isSpecialPath(path)) return;
  let size: number;
  try {
    const info = statSync(path);
    if (!info.isFile()) return; // let SQLite report directories and devices itself
    size = info.size;
  } catch {
    return; // missing: a new archive
  }
  if (size === 0) return; // SQLite treats an empty file as a new database
  if (size < 100) throw new ArchiveDamagedError(path, `the file is ${size} bytes, shorter than an SQLite header`);
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.subarray(0, 16).equals(SQLITE_MAGIC)) throw new ArchiveDamagedError(path, 'the file is not an SQLite database (bad header)');
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw new ArchiveDamagedError(path, `the header names an impossible page size ${raw}`);
  }
  const pagesInHeader = header.readUInt32BE(28);
  // The header's page count is valid when the "version-valid-for" number matches the change counter.
  if (header.readUInt32BE(92) === header.readUInt32BE(24) && pagesInHeader * pageSize > size) {
    // A WAL file may hold pages beyond the main file's end; only then is a short main file fine.
    let walSize = 0;
    try {
      walSize = statSync(`${path}-wal`).size;
    } catch {
      walSize = 0;
    }
    if (walSize === 0) {
      throw new ArchiveDamagedError(path, `the file is truncated (${size} bytes; its header says ${pagesInHeader} pages of ${pageSize} bytes)`);
    }
  }

  const quickMax = options.quickCheckMaxBytes ?? QUICK_CHECK_MAX_BYTES;
  let db: Database.Database | undefined;
  try {
    db = openReadOnly(path);
    db.pragma('busy_timeout = 5000');
    // Reading the schema touches page 1 and the schema b-tree.
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    if (size <= quickMax) {
      const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
      const problems = rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
      if (problems.length > 0) throw new ArchiveDamagedError(path, `quick_check: ${problems.join('; ')}`);
    }
  } catch (e) {
    if (e instanceof ArchiveDamagedError) throw e;
    if (isDamageError(e)) throw new ArchiveDamagedError(path, oneLine(e));
    throw e;
  } finally {
    db?.close();
  }
}
