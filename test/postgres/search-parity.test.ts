// The two archives answer every search alike: the same pages imported into SQLite and into
// PostgreSQL give the same hits in the same order, with the same bm25 ranks and snippets, for
// terms of one to five characters (rare and common short terms, several terms, traditional forms)
// and with filters — the PostgreSQL plan (pg_trgm, the short-term rule, bm25 in JavaScript) is
// checked against SQLite's FTS5 itself, not against expectations written by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcess, type AsyncArchive } from '../../electron/archive/async-archive.ts';
import { openPostgresArchive } from '../../electron/archive/postgres/pg-archive.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { article, putPage, seededRandom } from '../archive-suite/seed.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { freshDatabase } from './fresh-db.ts';

const available = findPostgres() !== null;
if (!available && process.env.CI) throw new Error(POSTGRES_MISSING);

describe.skipIf(!available)(`search parity, SQLite and PostgreSQL${available ? '' : ` (skipped: ${POSTGRES_MISSING})`}`, () => {
  let cluster: PostgresCluster;
  let sqlite: AsyncArchive;
  let pg: AsyncArchive;
  const dir = mkdtempSync(join(tmpdir(), 'galley-parity-'));
  const rand = seededRandom(2024);
  // A small alphabet (many repeats, so short terms are common), a few rare characters and
  // traditional forms (衡陽, 橋) that fold to simplified ones.
  const common = '衡阳日报江河湖海山川';
  const rare = '斌鹤橋陽';
  const pick = () => (rand() < 0.04 ? rare : common)[Math.floor(rand() * (rand() < 0.04 ? rare.length : common.length))] ?? '江';
  const word = (n: number) => Array.from({ length: n }, pick).join('');

  beforeAll(async () => {
    cluster = startPostgresCluster();
    sqlite = inProcess(openArchive(join(dir, 'archive.sqlite'), { segment: fakeSegment, logger: { warn: () => {} } }));
    const url = await freshDatabase(cluster);
    pg = await openPostgresArchive(url, { segment: fakeSegment, logger: { warn: () => {} } });
    const dates = ['2020-01-01', '2020-01-02', '2021-05-05'];
    for (let p = 0; p < 6; p++) {
      const items = Array.from({ length: 70 }, (_, k) =>
        article(word(2 + Math.floor(rand() * 5)), Array.from({ length: 1 + (k % 3) }, () => word(Math.floor(rand() * 30))), {
          kind: k % 5 === 0 ? 'brief' : 'article',
          contributors: rand() < 0.3 ? [{ name: word(2), role: 'reporter' }] : [],
        }),
      );
      const title = p % 2 ? '衡阳日报' : '港灣時報';
      for (const a of [sqlite, pg]) await putPage(a, `p${p}`, title, dates[p % 3]!, items);
    }
  }, 180_000);
  afterAll(async () => {
    await sqlite?.close();
    await pg?.close();
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('gives the same hits, order, ranks and snippets for 1- to 5-character and several-term queries', async () => {
    const queries = [
      ...Array.from({ length: 50 }, (_, n) => word(1 + (n % 5))),
      ...Array.from({ length: 10 }, () => `${word(1)} ${word(3)}`),
      ...Array.from({ length: 10 }, () => `${word(2)} ${word(1)}`),
      '斌', '鹤', '衡陽', '陽', '橋', '江', '江河', '衡阳日报',
    ];
    let ranked = 0;
    const shortPaths = new Set<string>();
    for (const q of queries) {
      const [a, b] = [await sqlite.search(q, {}, 1000), await pg.search(q, {}, 1000)];
      expect(b, `query ${q}`).toEqual(a);
      if (a.some((h) => h.rank !== 0)) ranked++;
      if (a.length > 0 && q.split(' ').every((t) => [...t].length < 3)) shortPaths.add(a[0]!.rank === 0 ? 'scan' : 'rare-term index');
    }
    // Short terms took both of SQLite's paths: a rare one ranked, a common one scanned.
    expect([...shortPaths].sort()).toEqual(['rare-term index', 'scan']);
    // Both paths were taken: bm25-ranked queries and newest-first scans.
    expect(ranked).toBeGreaterThan(20);
    expect(ranked).toBeLessThan(queries.length);
  }, 120_000);

  it('gives the same pages, totals and ids with filters', async () => {
    const [pubA] = await sqlite.listPublications();
    const [pubB] = await pg.listPublications();
    expect(pubB).toEqual(pubA);
    const filters = [{}, { kind: 'brief' }, { publicationId: pubA!.id }, { dateFrom: '2020-01-02' }, { dateTo: '2020-01-01', kind: 'article' }];
    for (const f of filters) {
      for (const q of ['江', '衡阳', '江河湖', word(3), word(1)]) {
        expect(await pg.searchPage(q, f, 10, 25), `${q} ${JSON.stringify(f)}`).toEqual(await sqlite.searchPage(q, f, 10, 25));
        expect(await pg.searchAllIds(q, f), `${q} ${JSON.stringify(f)}`).toEqual(await sqlite.searchAllIds(q, f));
      }
    }
  }, 120_000);
});
