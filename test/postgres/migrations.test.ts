// The PostgreSQL archive's migrations: 0001 creates the whole schema, each migration is recorded
// in schema_migrations, a second run applies nothing, and a newer database is refused.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePg, PG_LATEST_VERSION, PG_MIGRATIONS, PgArchiveVersionError } from '../../electron/archive/postgres/migrations/index.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { freshDatabase } from './fresh-db.ts';

const available = findPostgres() !== null;
if (!available && process.env.CI) throw new Error(POSTGRES_MISSING);

const TABLES = [
  'contributors', 'issue_history', 'issues', 'item_contributors', 'item_tags', 'items', 'page_images', 'page_scans', 'pages',
  'profile_pages', 'profiles', 'publication_profiles', 'publications', 'revisions', 'schema_migrations', 'search_docs', 'settings',
  'tags', 'vocabulary',
];

describe.skipIf(!available)(`PostgreSQL archive migrations${available ? '' : ` (skipped: ${POSTGRES_MISSING})`}`, () => {
  let cluster: PostgresCluster;
  beforeAll(() => {
    cluster = startPostgresCluster();
  }, 120_000);
  afterAll(() => cluster?.stop());

  const withClient = async <R>(fn: (c: pg.Client) => Promise<R>): Promise<R> => {
    const client = new pg.Client({ connectionString: await freshDatabase(cluster) });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };

  it('0001 creates every table of the archive, recorded in schema_migrations; a second run applies nothing', async () => {
    await withClient(async (c) => {
      expect(await migratePg(c)).toEqual(PG_MIGRATIONS.map((m) => m.version));
      const tables = (await c.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).rows.map((r) => r.t);
      for (const t of TABLES) expect(tables).toContain(t);
      const recorded = (await c.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')).rows;
      expect(recorded[0]).toEqual({ version: 1, name: 'schema' });
      expect(await migratePg(c)).toEqual([]);
      // Accounts (h8) find their columns on profiles.
      const cols = (await c.query<{ c: string; d: string | null; n: string }>(
        `SELECT column_name AS c, column_default AS d, is_nullable AS n FROM information_schema.columns WHERE table_name = 'profiles' ORDER BY 1`,
      )).rows;
      expect(cols.find((r) => r.c === 'password_hash')?.n).toBe('YES');
      expect(cols.find((r) => r.c === 'disabled')).toMatchObject({ d: 'false', n: 'NO' });
    });
  });

  it('0001 keeps the invariants SQLite keeps: states, dates, JSON, unique names ignoring case', async () => {
    await withClient(async (c) => {
      await migratePg(c, PG_MIGRATIONS.filter((m) => m.version === 1));
      await c.query(`INSERT INTO publications(title) VALUES ('人民日报')`);
      await expect(c.query(`INSERT INTO issues(publication_id, date) VALUES (1, '2021-1-2')`)).rejects.toThrow(/check constraint/);
      await expect(c.query(`INSERT INTO issues(publication_id, state) VALUES (1, 'lost')`)).rejects.toThrow(/check constraint/);
      await expect(c.query(`INSERT INTO issues(publication_id, masthead_json) VALUES (1, '{oops')`)).rejects.toThrow(/json/i);
      await c.query(`INSERT INTO profiles(id, name, role, created_at) VALUES ('a', 'Wang', 'editor', 'x')`);
      await expect(c.query(`INSERT INTO profiles(id, name, role, created_at) VALUES ('b', 'WANG', 'editor', 'x')`)).rejects.toThrow(/duplicate key/);
      await expect(c.query(`INSERT INTO profiles(id, name, role, created_at) VALUES ('c', '  ', 'editor', 'x')`)).rejects.toThrow(/check constraint/);
      // Deleting an issue takes its pages along (ON DELETE CASCADE), as in SQLite.
      const issue = (await c.query<{ id: number }>(`INSERT INTO issues(publication_id) VALUES (1) RETURNING id`)).rows[0]!.id;
      expect(typeof issue).toBe('number');
      await c.query(`INSERT INTO pages(issue_id, source_name, encoding, content_hash, raw_text, text, imported_at, updated_at) VALUES ($1, 'p1', 'UTF-8', 'h', 't', 't', 'x', 'x')`, [issue]);
      await c.query('DELETE FROM issues WHERE id = $1', [issue]);
      expect((await c.query('SELECT 1 FROM pages')).rowCount).toBe(0);
    });
  });

  it('refuses a database migrated by a newer Galley', async () => {
    await withClient(async (c) => {
      await migratePg(c);
      await c.query(`INSERT INTO schema_migrations(version, name, applied_at) VALUES ($1, 'future', 'x')`, [PG_LATEST_VERSION + 1]);
      await expect(migratePg(c)).rejects.toBeInstanceOf(PgArchiveVersionError);
    });
  });
});
