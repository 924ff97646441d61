// Whether the archive can be opened for writing. A file or folder that cannot be written (read-only
// permissions, an immutable file, a read-only mount, a write-protected card) is opened read-only
// instead of failing at start with "attempt to write a readonly database" or SQLITE_CANTOPEN: the
// workspace then shows it with a banner, and every write is refused with a worded message.
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_VERSION } from './migrations/index.ts';

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when the archive (or, for a new one, its folder) can be written, WAL files included. */
export function archiveWritable(path: string): boolean {
  if (path === ':memory:' || path.startsWith('file:')) return true;
  const dir = dirname(path);
  if (!existsSync(path)) return !existsSync(dir) || writable(dir);
  return writable(path) && writable(dir);
}

/**
 * A read-only connection that also works where the folder cannot be written: SQLite needs to
 * create the -shm file beside a WAL database (and better-sqlite3 cannot pass `immutable=1`), so
 * there a snapshot copy in a temporary folder is opened instead, removed again on close. Nobody
 * can be writing the original meanwhile: a writer would need that folder too.
 */
export function openReadOnly(path: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (e) {
    db.close();
    if ((e as { code?: unknown }).code !== 'SQLITE_CANTOPEN' || path === ':memory:' || path.startsWith('file:')) throw e;
  }
  const dir = mkdtempSync(join(tmpdir(), 'galley-readonly-'));
  const copy = join(dir, basename(path));
  copyFileSync(path, copy);
  for (const side of ['-wal']) if (existsSync(path + side)) copyFileSync(path + side, copy + side);
  const snapshot = new Database(copy, { readonly: true, fileMustExist: true });
  const close = snapshot.close.bind(snapshot);
  snapshot.close = () => {
    const r = close();
    rmSync(dir, { recursive: true, force: true });
    return r;
  };
  return snapshot;
}

export class ReadOnlyArchiveError extends Error {
  override readonly name = 'ReadOnlyArchiveError';
  readonly code = 'read-only';
}

/** A read-only archive must already have this Galley's schema: it cannot be migrated. */
export function assertCurrentSchema(db: Database.Database, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== LATEST_VERSION) {
    throw new ReadOnlyArchiveError(
      version === 0
        ? `${path} cannot be written and holds no archive yet; choose a folder you can write to`
        : `${path} cannot be written, and it needs an upgrade from schema version ${version} to ${LATEST_VERSION} first; make it writable and open it once`,
    );
  }
}
