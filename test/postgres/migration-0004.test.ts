// PostgreSQL migration 0004: short terms through an index of single characters. On an archive at
// version 3 with rows already there, search_chars gives each row's distinct characters (no space,
// no newline), its GIN index answers "holds these characters", the pairs' index of 0002 is gone,
// and "both characters + a per-column substring check" finds exactly the rows the pairs did.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePg, PG_MIGRATIONS } from '../../electron/archive/postgres/migrations/index.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { freshDatabase } from './fresh-db.ts';

const available = findPostgres() !== null;
if (!available && process.env.CI) throw new Error(POSTGRES_MISSING);

describe.skipIf(!available)(`PostgreSQL migration 0004, single-character index${available ? '' : ` (skipped: ${POSTGRES_MISSING})`}`, () => {
  let cluster: PostgresCluster;
  let c: pg.Client;
  beforeAll(async () => {
    cluster = startPostgresCluster();
    c = new pg.Client({ connectionString: await freshDatabase(cluster) });
    await c.connect();
    await migratePg(c, PG_MIGRATIONS.filter((m) => m.version <= 3));
    await c.query(`INSERT INTO publications(title) VALUES ('报'); INSERT INTO issues(publication_id) VALUES (1);
      INSERT INTO pages(issue_id, source_name, encoding, content_hash, raw_text, text, imported_at, updated_at) VALUES (1, 'p', 'UTF-8', 'h', '', '', 'x', 'x');`);
    await c.query(`INSERT INTO items(page_id, ord, kind, start_offset, end_offset) SELECT 1, g, 'article', 0, 0 FROM generate_series(1, 300) g`);
    // Rows before 0004: pairs inside a column, a pair split over two columns, the pair reversed.
    await c.query(`INSERT INTO search_docs(item_id, headline, body, people, tags)
      SELECT g, CASE WHEN g % 3 = 0 THEN '江河  ' WHEN g % 3 = 1 THEN '河江  ' ELSE '江  ' END, CASE WHEN g % 3 = 2 THEN '河水  ' ELSE '湖海  ' END, '  ', '  '
      FROM generate_series(1, 300) g`);
    // The pairs' answer, from 0002's function, before its index goes.
    await migratePg(c);
  }, 120_000);
  afterAll(async () => {
    await c?.end();
    cluster?.stop();
  }, 60_000);

  it('replaces the pairs index with a single-character one and finds exactly the same rows', async () => {
    const indexes = (await c.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'search_docs' ORDER BY 1`)).rows.map((r) => r.indexname);
    expect(indexes).toContain('search_docs_chars');
    expect(indexes).not.toContain('search_docs_grams');
    const chars = (await c.query<{ g: string[] }>(`SELECT search_chars('湘江  ', 'ab c  ', E'彭\\n斌  ', '  ') AS g`)).rows[0]!.g;
    expect([...chars].sort()).toEqual(['a', 'b', 'c', '彭', '斌', '江', '湘'].sort());
    await c.query('SET enable_seqscan = off');
    const plan = (await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT item_id FROM search_docs d WHERE search_chars(d.headline, d.body, d.people, d.tags) @> ARRAY['江', '河']`)).rows
      .map((r) => r['QUERY PLAN'])
      .join('\\n');
    await c.query('RESET enable_seqscan');
    expect(plan).toContain('search_docs_chars');
    for (const term of ['江河', '河江', '江', '河水', '海']) {
      const viaChars = await c.query<{ id: number }>(
        `SELECT item_id AS id FROM search_docs d WHERE search_chars(d.headline, d.body, d.people, d.tags) @> $1::text[]
           AND (d.headline LIKE $2 OR d.body LIKE $2 OR d.people LIKE $2 OR d.tags LIKE $2) ORDER BY 1`,
        [[...new Set([...term])], `%${term}%`],
      );
      const viaPairs = await c.query<{ id: number }>(`SELECT item_id AS id FROM search_docs d WHERE search_grams(d.headline, d.body, d.people, d.tags) @> ARRAY[$1::text] ORDER BY 1`, [term]);
      expect(viaChars.rows, term).toEqual(viaPairs.rows);
      expect(viaChars.rows.length, term).toBeGreaterThan(0);
    }
  });
});
