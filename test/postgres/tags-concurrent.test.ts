// Tags from two processes at once on PostgreSQL (two archives, two connection pools, one
// database): every change is kept, each is its own page revision in order, and none is lost to
// the other (the writers queue on the issue and page row locks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresArchive } from '../../electron/archive/postgres/pg-archive.ts';
import type { AsyncArchive } from '../../electron/archive/async-archive.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { archivist, article, putPage } from '../archive-suite/seed.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { freshDatabase } from './fresh-db.ts';

const available = findPostgres() !== null;
if (!available && process.env.CI) throw new Error(POSTGRES_MISSING);

describe.skipIf(!available)(`PostgreSQL tags from two processes${available ? '' : ` (skipped: ${POSTGRES_MISSING})`}`, () => {
  let cluster: PostgresCluster;
  const opened: AsyncArchive[] = [];
  beforeAll(() => {
    cluster = startPostgresCluster();
  }, 120_000);
  afterAll(async () => {
    for (const a of opened) await a.close();
    cluster?.stop();
  }, 60_000);

  it('keeps every tag change made at once by two archives on one page, one revision each', async () => {
    const url = await freshDatabase(cluster);
    const open = async () => {
      const a = await openPostgresArchive(url, { segment: fakeSegment, logger: { warn: () => {} }, maxConnections: 4 });
      opened.push(a);
      return a;
    };
    const one = await open();
    const two = await open();
    const pageId = await putPage(one, 'a', '衡阳日报', '2021-10-29', [article('标题一', ['正文。']), article('标题二', ['正文。'])]);
    const [i1, i2] = (await one.getPage(pageId)).items.map((i) => i.id!);
    const start = (await one.getPage(pageId)).revision;
    const N = 8;
    await Promise.all([
      ...Array.from({ length: N }, (_, k) => one.changeItemTags([i1!, i2!], [`甲${k}`], [], archivist)),
      ...Array.from({ length: N }, (_, k) => two.setItemTags(i2!, [...Array.from({ length: k + 1 }, (__, j) => `乙${j}`)], archivist)),
    ]);
    const page = await two.getPage(pageId);
    expect(page.items[0]!.tags.sort()).toEqual(Array.from({ length: N }, (_, k) => `甲${k}`).sort());
    const revisions = (await one.listRevisions(pageId)).filter((r) => r.action === 'tag');
    // Every change that changed something made exactly one revision, numbered without gaps.
    expect(revisions.map((r) => r.pageRevision)).toEqual(Array.from({ length: revisions.length }, (_, k) => start + k + 1));
    expect(page.revision).toBe(start + revisions.length);
    expect(revisions.length).toBeGreaterThanOrEqual(N + 1);
    // The search index followed every change: the item is found by each of its tags.
    for (const tag of page.items[0]!.tags) expect((await one.search(tag)).map((h) => h.itemId)).toContain(i1);
  }, 120_000);
});
