// The PostgreSQL archive's own ordered list of migrations (separate from the SQLite list).
// `migratePg` applies the missing ones, each in its own transaction with its row in
// schema_migrations; a transaction-scoped advisory lock keeps two processes opening the same
// database at once from migrating it twice.
import type pg from 'pg';
import type { PgMigration } from './types.ts';
import { migration as m0001 } from './0001-schema.ts';
import { migration as m0002 } from './0002-search.ts';
import { migration as m0003 } from './0003-item-sets.ts';
import { migration as m0004 } from './0004-search-chars.ts';

export type { PgMigration } from './types.ts';

export const PG_MIGRATIONS: readonly PgMigration[] = [m0001, m0002, m0003, m0004];
export const PG_LATEST_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]?.version ?? 0;

/** Key of the advisory lock held while migrating ('galley-migrate' as a 32-bit number). */
const MIGRATE_LOCK = 0x6761_6c6d;

export class PgArchiveVersionError extends Error {
  constructor(found: number) {
    super(`archive schema version ${found} is newer than this Galley understands (${PG_LATEST_VERSION}); open it with a newer Galley`);
    this.name = 'PgArchiveVersionError';
  }
}

/** Brings the database up to date; returns the versions applied. */
export async function migratePg(client: pg.ClientBase, list: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  const latest = list[list.length - 1]?.version ?? 0;
  const applied: number[] = [];
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`);
  for (const m of list) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
      const current = (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')).rows[0]?.v ?? 0;
      if (current > latest) throw new PgArchiveVersionError(current);
      if (m.version > current) {
        await m.up(client);
        await client.query('INSERT INTO schema_migrations(version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
        applied.push(m.version);
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
  }
  return applied;
}
