// Migration 0010: search_docs rows are indexed once per transaction (search_pending + one
// INSERT … SELECT before commit) and the index stays exactly what the per-row trigger made.
// (Since 0017 the index is contentless and written directly; the flush below is search-index.ts
// as it was from 0010 to 0016.)
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/archive/migrations/index.ts';
import { migration } from '../../electron/archive/migrations/0010-search-index-batched.ts';
import { editor, freshArchive, frontPage, innerPage } from './helpers.ts';

const PAD = '  ';

/** A database at 0010 with one publication/issue/page and n items whose search_docs say `word`. */
function withItems(db: Database.Database, words: string[]): void {
  db.exec(`INSERT INTO publications(id, title) VALUES (1, 'p'); INSERT INTO issues(id, publication_id, state) VALUES (1, 1, 'imported');
    INSERT INTO pages(id, issue_id, source_name, encoding, content_hash, raw_text, text, state, imported_at, updated_at)
    VALUES (1, 1, 'p', 'UTF-8', 'h', 'x', 'x', 'imported', 'now', 'now');`);
  const item = db.prepare(`INSERT INTO items(page_id, ord, kind, start_offset, end_offset, paragraphs_json) VALUES (1, ?, 'article', 0, 1, '[]')`);
  const doc = db.prepare('INSERT INTO search_docs(item_id, headline, body, people, tags) VALUES (?, ?, ?, ?, ?)');
  words.forEach((w, i) => {
    const id = Number(item.run(i).lastInsertRowid);
    doc.run(id, PAD, w + PAD, PAD, PAD);
  });
}

const matches = (db: Database.Database, q: string): number[] =>
  (db.prepare('SELECT rowid AS id FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid').all(q) as { id: number }[]).map((r) => r.id);
const integrity = (db: Database.Database): void => void db.exec(`INSERT INTO items_fts(items_fts) VALUES ('integrity-check')`);
const flushSearchIndex = (db: Database.Database): void =>
  void db.exec(`INSERT INTO items_fts(rowid, headline, body, people, tags)
    SELECT d.item_id, d.headline, d.body, d.people, d.tags FROM search_pending p JOIN search_docs d ON d.item_id = p.item_id;
    DELETE FROM search_pending;`);

describe('migration 0010 (batched search index)', () => {
  it('is version 10 and keeps the index of an existing archive as it was', () => {
    expect(migration.version).toBe(10);
    const db = new Database(':memory:');
    migrate(db, 9);
    withItems(db, ['衡阳日报社', '城市建设']);
    expect(matches(db, '日报社')).toEqual([1]);
    migrate(db, 10);
    expect(matches(db, '日报社')).toEqual([1]);
    expect(matches(db, '市建设')).toEqual([2]);
    integrity(db);
    db.close();
  });

  it('new rows wait in search_pending until the flush, then are found; deleting or updating a pending row leaves the index sound', () => {
    const raw = new Database(':memory:');
    migrate(raw, 10);
    withItems(raw, ['衡阳日报社', '城市建设', '乡村振兴']);
    expect((raw.prepare('SELECT count(*) AS n FROM search_pending').get() as { n: number }).n).toBe(3);
    expect(matches(raw, '日报社')).toEqual([]);
    // A pending row deleted or changed before the flush is never "deleted" from the index.
    raw.prepare('DELETE FROM items WHERE id = 3').run();
    raw.prepare(`UPDATE search_docs SET body = '城市更新  ' WHERE item_id = 2`).run();
    flushSearchIndex(raw);
    expect((raw.prepare('SELECT count(*) AS n FROM search_pending').get() as { n: number }).n).toBe(0);
    expect(matches(raw, '日报社')).toEqual([1]);
    expect(matches(raw, '市更新')).toEqual([2]);
    expect(matches(raw, '市建设')).toEqual([]);
    expect(matches(raw, '村振兴')).toEqual([]);
    integrity(raw);
    // An indexed row changed later leaves the index at once and comes back at the next flush.
    raw.prepare(`UPDATE search_docs SET body = '港口码头  ' WHERE item_id = 1`).run();
    expect(matches(raw, '日报社')).toEqual([]);
    flushSearchIndex(raw);
    expect(matches(raw, '口码头')).toEqual([1]);
    integrity(raw);
    raw.close();
  });

  it('through the archive: imports, re-imports and saves are searchable after each commit, index intact', () => {
    const a = freshArchive({ engine: true });
    a.importPages([{ sourceName: '衡阳日报/2021-10-29/p01.txt', text: frontPage(), encoding: 'UTF-8' }], editor);
    const [out] = a.importPages([{ sourceName: '衡阳日报/2021-10-29/p02.txt', text: innerPage(2, '港口码头建设\n港口码头建设加快推进，码头工人说。'), encoding: 'UTF-8' }], editor);
    expect(a.search('口码头').length).toBeGreaterThan(0);
    const page = a.getPage(out!.pageId);
    a.savePage({ pageId: page.id, baseRevision: page.revision, text: page.text.replace(/码头/g, '渡口'), items: page.items.map((i) => ({ ...i, headline: i.headline?.replace(/码头/g, '渡口') ?? null, paragraphs: i.paragraphs.map((p) => p.replace(/码头/g, '渡口')) })) }, editor);
    const after = a.getPage(page.id);
    expect(after.items.some((i) => [i.headline ?? '', ...i.paragraphs].join('').includes('码头'))).toBe(false);
    expect(a.search('口码头')).toEqual([]);
    expect(a.search('港口渡口').length).toBeGreaterThan(0);
    integrity(a.db.raw);
    a.close();
  });
});
