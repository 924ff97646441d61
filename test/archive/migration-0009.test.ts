// Migration 0009: checksum columns on revisions, pages and items, filled for the rows already
// there, and kept by triggers on every later insert and update.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ITEM_COLUMNS, PAGE_COLUMNS, REVISION_COLUMNS, rowChecksum, verifyAllRows } from '../../electron/archive/checksums.ts';
import { migrate } from '../../electron/archive/migrations/index.ts';
import { migration } from '../../electron/archive/migrations/0009-checksums.ts';

const expected = (row: Record<string, unknown>, columns: readonly string[]) => rowChecksum(columns.map((c) => row[c] ?? null));

describe('migration 0009 (checksums)', () => {
  it('fills a checksum for the rows an older archive has, and triggers keep them current', () => {
    expect(migration.version).toBe(9);
    const db = new Database(':memory:');
    migrate(db, 6);
    db.exec(`
      INSERT INTO publications(id, title) VALUES (1, 'p');
      INSERT INTO issues(id, publication_id) VALUES (1, 1);
      INSERT INTO pages(id, issue_id, source_name, encoding, content_hash, raw_text, text, imported_at, updated_at)
        VALUES (1, 1, 'p', 'UTF-8', 'h', '衡阳', '衡阳', 'now', 'now');
      INSERT INTO items(id, page_id, ord, kind, start_offset, end_offset, headline) VALUES (1, 1, 0, 'article', 0, 2, '标题');
      INSERT INTO revisions(at, actor, entity, entity_id, action, page_revision, before_json, after_json)
        VALUES ('now', 'a', 'page', 1, 'import', 0, NULL, '{"text":"衡阳"}');
    `);
    // Up to 0009 only: the raw item insert below would otherwise be an item added behind the
    // archive's back, which 0014's item-set record rightly reports (test/reliability/item-sets.test.ts).
    migrate(db, 9);
    const row = (sql: string) => db.prepare(sql).get() as Record<string, unknown>;
    expect(row('SELECT * FROM pages').checksum).toBe(expected(row('SELECT * FROM pages'), PAGE_COLUMNS));
    expect(row('SELECT * FROM items').checksum).toBe(expected(row('SELECT * FROM items'), ITEM_COLUMNS));
    expect(row('SELECT * FROM revisions').checksum).toBe(expected(row('SELECT * FROM revisions'), REVISION_COLUMNS));
    // Later writes through the triggers.
    db.exec(`UPDATE pages SET text = '衡阳日报' WHERE id = 1; UPDATE items SET headline = '新标题' WHERE id = 1;
      INSERT INTO items(id, page_id, ord, kind, start_offset, end_offset) VALUES (2, 1, 1, 'brief', 2, 4);`);
    expect(row('SELECT * FROM pages').checksum).toBe(expected(row('SELECT * FROM pages'), PAGE_COLUMNS));
    expect(row('SELECT * FROM items WHERE id = 1').checksum).toBe(expected(row('SELECT * FROM items WHERE id = 1'), ITEM_COLUMNS));
    expect(row('SELECT * FROM items WHERE id = 2').checksum).toBe(expected(row('SELECT * FROM items WHERE id = 2'), ITEM_COLUMNS));
    expect(verifyAllRows(db).damaged).toEqual([]);
    // A change that bypasses the checksum (as damage does) is found.
    db.function('galley_sha256', { varargs: true }, () => 'f'.repeat(64));
    db.exec(`UPDATE items SET headline = '坏' WHERE id = 2`);
    expect(verifyAllRows(db).damaged).toEqual([{ part: 'item', id: 2, pageId: 1, pageRevision: null }]);
    db.close();
  });
});
