// PostgreSQL migration 0002 (search on pg_trgm): the trigram index answers a three-character
// LIKE over the folded columns, `tokens` counts trigrams as FTS5 does, and search_totals follows
// every insert, update and delete of search_docs (also rows that were there before 0002), and
// search_grams' index finds the rows holding a one- or two-character piece.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePg, PG_MIGRATIONS } from '../../electron/archive/postgres/migrations/index.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { freshDatabase } from './fresh-db.ts';

const available = findPostgres() !== null;
if (!available && process.env.CI) throw new Error(POSTGRES_MISSING);

describe.skipIf(!available)(`PostgreSQL migration 0002, search${available ? '' : ` (skipped: ${POSTGRES_MISSING})`}`, () => {
  let cluster: PostgresCluster;
  let c: pg.Client;
  beforeAll(async () => {
    cluster = startPostgresCluster();
    c = new pg.Client({ connectionString: await freshDatabase(cluster) });
    await c.connect();
    await migratePg(c, PG_MIGRATIONS.filter((m) => m.version === 1));
    await c.query(`INSERT INTO publications(title) VALUES ('报'); INSERT INTO issues(publication_id) VALUES (1);
      INSERT INTO pages(issue_id, source_name, encoding, content_hash, raw_text, text, imported_at, updated_at) VALUES (1, 'p', 'UTF-8', 'h', '', '', 'x', 'x');`);
    await c.query(`INSERT INTO items(page_id, ord, kind, start_offset, end_offset) SELECT 1, g, 'article', 0, 0 FROM generate_series(1, 400) g`);
    // One row before 0002: its totals are counted by the migration itself.
    await c.query(`INSERT INTO search_docs(item_id, headline, body, people, tags) VALUES (1, '湘江大桥  ', '通车  ', '  ', '  ')`);
    // Up to 0003: 0004 replaces the pairs' index tested here (migration-0004.test.ts).
    await migratePg(c, PG_MIGRATIONS.filter((m) => m.version <= 3));
  }, 120_000);
  afterAll(async () => {
    await c?.end();
    cluster?.stop();
  }, 60_000);

  const totals = async () =>
    (await c.query<{ rows: number; tokens: number }>('SELECT sum(rows)::int AS rows, sum(tokens)::int AS tokens FROM search_totals')).rows[0]!;

  it('counts trigram tokens per row as FTS5 does, and keeps table-wide totals through every write', async () => {
    expect((await c.query('SELECT tokens FROM search_docs WHERE item_id = 1')).rows[0]).toEqual({ tokens: 4 + 2 });
    expect(await totals()).toEqual({ rows: 1, tokens: 6 });
    await c.query(`INSERT INTO search_docs(item_id, headline, body, people, tags)
      SELECT g, '标题' || g || '  ', '江河湖海  ', '  ', '  ' FROM generate_series(2, 400) g`);
    const all = async () => (await c.query<{ rows: number; tokens: number }>('SELECT count(*)::int AS rows, sum(tokens)::int AS tokens FROM search_docs')).rows[0]!;
    expect(await totals()).toEqual(await all());
    await c.query(`UPDATE search_docs SET body = '江河  ' WHERE item_id <= 10`);
    expect(await totals()).toEqual(await all());
    await c.query('DELETE FROM items WHERE id > 390'); // cascades to search_docs
    expect(await totals()).toEqual(await all());
    expect((await totals()).rows).toBe(390);
  });

  it('answers a three-character substring through the trigram index, exactly', async () => {
    await c.query('ANALYZE search_docs');
    await c.query('SET enable_seqscan = off');
    const doc = `(headline || E'\\n' || body || E'\\n' || people || E'\\n' || tags)`;
    const plan = (await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT item_id FROM search_docs WHERE ${doc} LIKE '%湘江大%'`)).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toContain('search_docs_trgm');
    await c.query('RESET enable_seqscan');
    expect((await c.query(`SELECT item_id FROM search_docs WHERE ${doc} LIKE '%湘江大桥%'`)).rows).toEqual([{ item_id: 1 }]);
    // The newline between columns: no term spans two of them.
    expect((await c.query(`SELECT item_id FROM search_docs WHERE ${doc} LIKE '%大桥通%'`)).rows).toEqual([]);
  });

  it('indexes every one- and two-character piece (no space, no newline) for short terms', async () => {
    const grams = (await c.query<{ g: string[] }>(`SELECT search_grams('湘江  ', 'ab c  ', E'彭\n斌  ', '  ') AS g`)).rows[0]!.g;
    expect([...grams].sort()).toEqual(['a', 'ab', 'b', 'c', '彭', '斌', '江', '湘', '湘江'].sort());
    await c.query('SET enable_seqscan = off');
    const plan = (await c.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT item_id FROM search_docs d WHERE search_grams(d.headline, d.body, d.people, d.tags) @> ARRAY['江河']`,
    )).rows.map((r) => r['QUERY PLAN']).join('\n');
    await c.query('RESET enable_seqscan');
    expect(plan).toContain('search_docs_grams');
    const rows = await c.query(`SELECT count(*)::int AS n FROM search_docs d WHERE search_grams(d.headline, d.body, d.people, d.tags) @> ARRAY['江河']`);
    const like = await c.query(`SELECT count(*)::int AS n FROM search_docs d WHERE body LIKE '%江河%' OR headline LIKE '%江河%'`);
    expect(rows.rows[0]).toEqual(like.rows[0]);
    expect((rows.rows[0] as { n: number }).n).toBeGreaterThan(0);
  });
});
