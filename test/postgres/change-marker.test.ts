// The team archive's change marker moves when another server commits (archive-watch.ts then
// refreshes this host's windows): page imports, tags and issue state changes all move it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresArchive } from '../../electron/archive/postgres/pg-archive.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { freshDatabase } from './fresh-db.ts';

const available = findPostgres() !== null;
if (!available && process.env.CI) throw new Error(POSTGRES_MISSING);
const quiet = { warn: () => {} };

describe.skipIf(!available)(`PostgreSQL change marker${available ? '' : ` (skipped: ${POSTGRES_MISSING})`}`, () => {
  let cluster: PostgresCluster;
  beforeAll(() => {
    cluster = startPostgresCluster();
  }, 120_000);
  afterAll(() => cluster?.stop(), 60_000);

  it('moves when another server imports, tags or approves', { timeout: 120_000 }, async () => {
    const url = await freshDatabase(cluster);
    const here = await openPostgresArchive(url, { segment: fakeSegment, logger: quiet });
    const there = await openPostgresArchive(url, { segment: fakeSegment, logger: quiet });
    try {
      const m0 = await here.changeMarker!();
      const [out] = await there.importPages([{ sourceName: 'p1.txt', text: '标题\n本报讯 正文。\n', encoding: 'UTF-8', dateHint: '2026-12-06', publicationHint: '测试报' }], { name: 'there' });
      const m1 = await here.changeMarker!();
      expect(m1).not.toBe(m0);
      expect(await here.changeMarker!()).toBe(m1);
      const itemId = (await here.getPage(out!.pageId)).items[0]!.id!;
      await there.setItemTags(itemId, ['经济'], { name: 'there' });
      const m2 = await here.changeMarker!();
      expect(m2).not.toBe(m1);
      await there.setPageState(out!.pageId, 'proofed', { name: 'there' });
      await there.createProfile({ name: 'Chief', role: 'supervisor' }, { name: 'there' });
      const chief = await there.findProfile('Chief');
      const m3 = await here.changeMarker!();
      await there.issueEvent(out!.issueId, { type: 'approve' }, { name: 'Chief', profileId: chief!.id, role: 'supervisor' });
      expect(await here.changeMarker!()).not.toBe(m3);
    } finally {
      await here.close();
      await there.close();
    }
  });
});
