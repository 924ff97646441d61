// A content hash of an archive: every table, FTS shadow tables included, row by row.
import { createHash } from 'node:crypto';
import type { SqliteArchive } from '../../electron/archive/sqlite-archive.ts';

/** A content hash of every table (FTS shadow tables included), row by row in storage order. */
export function archiveHash(archive: SqliteArchive): string {
  const raw = archive.db.raw;
  const h = createHash('sha256');
  const tables = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[];
  for (const { name } of tables) {
    h.update(`\u0000table ${name}\u0000`);
    for (const row of raw.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).raw().iterate() as Iterable<unknown[]>) {
      for (const v of row) {
        if (Buffer.isBuffer(v)) h.update(v);
        else h.update(`${typeof v}:${String(v)}`);
        h.update('\u0001');
      }
      h.update('\u0002');
    }
  }
  return h.digest('hex');
}
