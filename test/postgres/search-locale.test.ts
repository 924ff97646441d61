// Opening a PostgreSQL archive whose LC_CTYPE makes no trigrams of Chinese (plain C) says so once:
// search still works there (a scan), and the warning names the fix; a UTF-8 locale says nothing.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresArchive } from '../../electron/archive/postgres/pg-archive.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { article, putPage } from '../archive-suite/seed.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { freshDatabase } from './fresh-db.ts';

const available = findPostgres() !== null;
if (!available && process.env.CI) throw new Error(POSTGRES_MISSING);

describe.skipIf(!available)(`PostgreSQL search locale${available ? '' : ` (skipped: ${POSTGRES_MISSING})`}`, () => {
  let cluster: PostgresCluster;
  beforeAll(() => {
    cluster = startPostgresCluster();
  }, 120_000);
  afterAll(() => cluster?.stop(), 60_000);

  it('warns under the C locale, where pg_trgm makes no Chinese trigrams, and still finds by scanning', async () => {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE c_locale TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
    await admin.end();
    const warnings: string[] = [];
    const a = await openPostgresArchive(cluster.url.replace('/galley?', '/c_locale?'), { segment: fakeSegment, logger: { warn: (m) => warnings.push(m) } });
    try {
      expect(warnings.filter((w) => /LC_CTYPE \(C\).*scan every item/.test(w))).toHaveLength(1);
      await putPage(a, 'a', '衡阳日报', '2021-10-29', [article('湘江大桥今日通车', ['市民可从东岸直达西岸。'])]);
      expect((await a.search('湘江大桥')).map((h) => h.headline)).toEqual(['湘江大桥今日通车']);
      expect((await a.search('东岸')).map((h) => h.headline)).toEqual(['湘江大桥今日通车']);
    } finally {
      await a.close();
    }
  });

  it('says nothing under a UTF-8 locale', async () => {
    const warnings: string[] = [];
    const a = await openPostgresArchive(await freshDatabase(cluster), { segment: fakeSegment, logger: { warn: (m) => warnings.push(m) } });
    await a.close();
    expect(warnings).toEqual([]);
  });
});
