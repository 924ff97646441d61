// An import batch (archive.importFiles) is one transaction as a whole, each file a savepoint in
// it: another connection sees none of the batch's pages until the batch commits, then all of
// them. (Issue 16: dropping the outer transaction passed every test — each file then committed
// on its own, visible to readers half-way through the batch and costing one fsync per file.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { SEGMENTATION_SCHEMA } from '../../shared/segmentation.ts';
import { fakeDerive } from '../renderer/fake-engine.ts';

const dir = mkdtempSync(join(tmpdir(), 'galley-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const page = (n: number) => [{ sourceName: `日报/2021-10-2${n}/p1.txt`, text: `衡阳日报\n\n标题${n}\n本报讯（记者 张三）第${n}篇的内容。\n`, encoding: 'UTF-8' }];

describe('import batch', () => {
  it('is invisible to other connections until the whole batch commits', () => {
    const path = join(dir, 'a.sqlite');
    // A simple segmenter: this test is about transactions, not the engine.
    const segment = (text: string) => ({ schema: SEGMENTATION_SCHEMA, masthead: null, items: fakeDerive(text, [0]) });
    const archive = openArchive(path, { logger: { warn: () => {} }, segment });
    const reader = new Database(path, { readonly: true });
    const seenDuringBatch: number[] = [];
    try {
      const count = () => (reader.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n;
      // A probe that runs inside the batch each time a page row is written.
      archive.db.raw.function('probe_batch', () => {
        seenDuringBatch.push(count());
        return 0;
      });
      archive.db.raw.exec('CREATE TEMP TRIGGER probe_batch AFTER INSERT ON pages BEGIN SELECT probe_batch(); END');
      const outcomes = archive.importFiles!([page(1), page(2), page(3), page(4)], { name: 't' });
      expect(outcomes.map((o) => (o.ok ? 'ok' : String((o as { error: unknown }).error)))).toEqual(['ok', 'ok', 'ok', 'ok']);
      expect(seenDuringBatch).toEqual([0, 0, 0, 0]); // nothing committed half-way
      expect(count()).toBe(4); // all of it at the end
    } finally {
      reader.close();
      archive.close();
    }
  });
});
