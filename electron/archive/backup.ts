// Backups of a live archive and restores from them.
//
// backupArchive(livePath, outFile): SQLite's online backup API (better-sqlite3 `db.backup()`) on a
//   read-only connection of its own, so it runs while the app (another connection, another process)
//   keeps writing: SQLite restarts the copy when another connection changes the source, and the
//   result is the database as of one moment. The copy is written beside outFile, switched to a
//   single self-contained file (journal_mode=DELETE), checked (integrity_check), and only then
//   renamed to outFile.
// restoreArchive(backupFile, targetPath): checks the backup first (read-only open, integrity_check,
//   the archive's schema version and tables) and refuses anything else with a BackupInvalidError.
//   The current archive (with its -wal/-shm) is never overwritten: it is renamed aside to
//   `<target>.before-restore-<timestamp>` before the restored copy takes its name.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_VERSION } from './migrations/index.ts';
import { describeBrokenLink, describeDamage, hasChecksums, verifyAllRows } from './checksums.ts';

/** Tables every Galley archive has had since schema version 1. */
export const REQUIRED_TABLES = ['publications', 'issues', 'pages', 'items', 'revisions'] as const;

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/** The file given to restore is not a usable Galley archive backup; nothing was changed. */
export class BackupInvalidError extends Error {
  override readonly name = 'BackupInvalidError';
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file} is not a usable Galley backup (${detail}); nothing was changed`);
  }
}

export interface BackupInfo {
  /** The archive schema version (SQLite user_version) the backup carries. */
  version: number;
  pages: number;
  items: number;
  bytes: number;
}

export interface BackupResult extends BackupInfo {
  file: string;
  ms: number;
  /** How many times SQLite restarted the copy because another connection wrote meanwhile. */
  steps: number;
}

export interface RestoreResult extends BackupInfo {
  target: string;
  /** Where the archive that was replaced now lives (null when there was none). */
  keptAside: string | null;
  ms: number;
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ').trim();
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not every platform can fsync a directory (Windows); the rename is still atomic there
  }
}

function removeDbFiles(path: string): void {
  for (const f of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(f, { force: true });
}

/**
 * Checks that `file` is a sound Galley archive: opens it read-only, runs integrity_check, checks
 * the schema version is one this Galley knows (1..LATEST_VERSION) and the core tables exist.
 */
export function verifyBackup(file: string): BackupInfo {
  let bytes: number;
  try {
    const info = statSync(file);
    if (!info.isFile()) throw new BackupInvalidError(file, 'not a regular file');
    bytes = info.size;
  } catch (e) {
    if (e instanceof BackupInvalidError) throw e;
    throw new BackupInvalidError(file, 'no such file');
  }
  if (bytes === 0) throw new BackupInvalidError(file, 'the file is empty');
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = (db.pragma('integrity_check(5)') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (check.length !== 1 || check[0] !== 'ok') throw new BackupInvalidError(file, `integrity_check: ${check.join('; ')}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < 1) throw new BackupInvalidError(file, 'it has no Galley schema (schema version 0: not an archive)');
    if (version > LATEST_VERSION) {
      throw new BackupInvalidError(file, `schema version ${version} is newer than this Galley understands (${LATEST_VERSION})`);
    }
    const tables = new Set(
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length) throw new BackupInvalidError(file, `missing table${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    // Rows SQLite's checks cannot judge (a flipped byte inside a text): every checksum (checksums.ts).
    if (hasChecksums(db)) {
      const rows = verifyAllRows(db, { maxDamaged: 20 });
      if (rows.damaged.length) {
        const shown = rows.damaged.slice(0, 5).map(describeDamage).join('; ');
        throw new BackupInvalidError(file, `${rows.damaged.length}${rows.damaged.length >= 20 ? ' or more' : ''} damaged row${rows.damaged.length > 1 ? 's' : ''}: ${shown}`);
      }
      // A removed or rewritten audit entry (migration 0011's hash chain): not a backup to trust.
      if (rows.brokenLinks.length) throw new BackupInvalidError(file, rows.brokenLinks.map(describeBrokenLink).join('; '));
    }
    const count = (t: string): number => (db!.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return { version, pages: count('pages'), items: count('items'), bytes };
  } catch (e) {
    if (e instanceof BackupInvalidError) throw e;
    throw new BackupInvalidError(file, oneLine(e));
  } finally {
    db?.close();
  }
}

/** `2024-05-01T10-22-33-123Z`: an ISO time usable in a file name on every platform. */
export function fileStamp(at: Date = new Date()): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

/**
 * Copies the live archive at `livePath` to `outFile` with SQLite's online backup API. Safe while
 * another connection (or process) writes to the archive. Refuses to overwrite an existing
 * outFile unless `overwrite` is set.
 */
export async function backupArchive(
  livePath: string,
  outFile: string,
  options: { overwrite?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<BackupResult> {
  const t0 = performance.now();
  if (!existsSync(livePath)) throw new BackupError(`no archive at ${livePath}`);
  if (existsSync(outFile) && !options.overwrite) throw new BackupError(`${outFile} already exists; choose another name`);
  mkdirSync(dirname(outFile), { recursive: true });
  const temp = join(dirname(outFile), `.${basename(outFile)}.partial-${process.pid}`);
  removeDbFiles(temp);
  let steps = 0;
  let src: Database.Database | undefined;
  try {
    src = new Database(livePath, { readonly: true, fileMustExist: true });
    src.pragma('busy_timeout = 5000');
    await src.backup(temp, {
      progress({ totalPages, remainingPages }) {
        steps++;
        options.onProgress?.(totalPages - remainingPages, totalPages);
        // Copy in slices of 1,000 pages, yielding to the event loop in between.
        return 1000;
      },
    });
  } catch (e) {
    removeDbFiles(temp);
    throw new BackupError(`backup of ${livePath} failed: ${oneLine(e)}`);
  } finally {
    src?.close();
  }
  try {
    // One self-contained file (no -wal beside it), then checked before it takes its name.
    const out = new Database(temp);
    try {
      out.pragma('journal_mode = DELETE');
    } finally {
      out.close();
    }
    const info = verifyBackup(temp);
    fsyncFile(temp);
    renameSync(temp, outFile);
    fsyncDir(dirname(outFile));
    return { ...info, file: outFile, ms: performance.now() - t0, steps };
  } catch (e) {
    removeDbFiles(temp);
    if (e instanceof BackupInvalidError) {
      throw new BackupError(
        `the backup copy of ${livePath} failed its check: ${e.detail}; no backup was written. ` +
          `Run galley verify --archive ${livePath} for every damaged row, and restore your last good backup with galley restore BACKUP_FILE --archive ${livePath}`,
      );
    }
    throw e;
  }
}

/**
 * Replaces the archive at `targetPath` with the backup in `backupFile`, after checking the backup.
 * An existing archive (and its -wal/-shm) is renamed to `<target>.before-restore-<timestamp>`,
 * never overwritten. Close Galley (the app, `galley serve`) before restoring.
 */
export async function restoreArchive(backupFile: string, targetPath: string, options: { now?: Date } = {}): Promise<RestoreResult> {
  const t0 = performance.now();
  const info = verifyBackup(backupFile);
  mkdirSync(dirname(targetPath), { recursive: true });
  const temp = join(dirname(targetPath), `.${basename(targetPath)}.restoring-${process.pid}`);
  removeDbFiles(temp);
  // 1. The backup copied beside the target (through SQLite, so a -wal beside the backup counts),
  //    made self-contained and checked again. The target is untouched so far.
  let src: Database.Database | undefined;
  try {
    src = new Database(backupFile, { readonly: true, fileMustExist: true });
    await src.backup(temp);
    src.close();
    src = undefined;
    const out = new Database(temp);
    try {
      out.pragma('journal_mode = DELETE');
    } finally {
      out.close();
    }
    verifyBackup(temp);
    fsyncFile(temp);
  } catch (e) {
    src?.close();
    removeDbFiles(temp);
    if (e instanceof BackupInvalidError) throw new BackupInvalidError(backupFile, e.detail);
    throw new BackupError(`restore from ${backupFile} failed: ${oneLine(e)}; nothing was changed`);
  }
  // 2. The current archive set aside as a whole (main file with its -wal and -shm).
  let keptAside: string | null = null;
  const present = [targetPath, `${targetPath}-wal`, `${targetPath}-shm`, `${targetPath}-journal`].filter((f) => existsSync(f));
  if (present.length > 0) {
    let aside = `${targetPath}.before-restore-${fileStamp(options.now)}`;
    for (let n = 2; existsSync(aside); n++) aside = `${targetPath}.before-restore-${fileStamp(options.now)}-${n}`;
    for (const f of present) renameSync(f, aside + f.slice(targetPath.length));
    keptAside = existsSync(aside) ? aside : null;
  }
  // 3. The restored copy takes the target's name.
  renameSync(temp, targetPath);
  fsyncDir(dirname(targetPath));
  return { ...info, target: targetPath, keptAside, ms: performance.now() - t0 };
}
