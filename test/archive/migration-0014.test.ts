// Migration 0014: an item-set record (count and checksum over ids and row checksums in order) for
// every page an older archive already has, with the same digest the live archive writes and checks.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { itemSetChecksum, registerChecksumFunction, verifyAllRows } from '../../electron/archive/checksums.ts';
import { migrate } from '../../electron/archive/migrations/index.ts';
import { itemSetDigest, migration } from '../../electron/archive/migrations/0014-item-sets.ts';

describe('migration 0014 (item sets)', () => {
  it('records every page of an older archive, pages without items included, as the live code checks them', () => {
    expect(migration.version).toBe(14);
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    registerChecksumFunction(db);
    migrate(db, 13);
    db.exec(`
      INSERT INTO publications(id, title) VALUES (1, 'p');
      INSERT INTO issues(id, publication_id) VALUES (1, 1);
      INSERT INTO pages(id, issue_id, source_name, encoding, content_hash, raw_text, text, imported_at, updated_at)
        VALUES (1, 1, 'p1', 'UTF-8', 'h', '衡阳日报', '衡阳日报', 'now', 'now'),
               (2, 1, 'p2', 'UTF-8', 'h', '空', '空', 'now', 'now');
      -- inserted out of order: the record follows ord, not insertion
      INSERT INTO items(id, page_id, ord, kind, start_offset, end_offset, headline) VALUES (7, 1, 1, 'article', 2, 4, '日报');
      INSERT INTO items(id, page_id, ord, kind, start_offset, end_offset, headline) VALUES (3, 1, 0, 'article', 0, 2, '衡阳');
    `);
    expect(verifyAllRows(db).damaged).toEqual([]);
    migrate(db);
    const sets = db.prepare('SELECT page_id, item_count, checksum FROM item_sets ORDER BY page_id').all() as { page_id: number; item_count: number; checksum: string }[];
    const rows = db.prepare('SELECT id, checksum FROM items WHERE page_id = 1 ORDER BY ord').all() as { id: number; checksum: string }[];
    expect(rows.map((r) => r.id)).toEqual([3, 7]);
    expect(sets).toEqual([
      { page_id: 1, item_count: 2, checksum: itemSetChecksum(rows) },
      { page_id: 2, item_count: 0, checksum: itemSetChecksum([]) },
    ]);
    // The frozen digest and the live one agree (the live code must keep checking what 0014 wrote).
    expect(itemSetDigest(rows)).toBe(itemSetChecksum(rows));
    expect(verifyAllRows(db).damaged).toEqual([]);
    // A page deleted takes its record with it (no record left for a page that is gone).
    db.exec('DELETE FROM pages WHERE id = 2');
    expect((db.prepare('SELECT count(*) AS n FROM item_sets').get() as { n: number }).n).toBe(1);
    // An item removed behind the archive's back is now a damaged set.
    db.exec('DELETE FROM items WHERE id = 7');
    expect(verifyAllRows(db).damaged).toEqual([{ part: 'item-set', id: 1, pageId: 1, pageRevision: null, items: { expected: 2, found: 1 } }]);
    db.close();
  });
});
