// Migration 0017: the search index becomes contentless (no search_docs copy of the text) and item
// paragraphs become references into the page's imported text. An archive at 0016 keeps finding the
// same items with the same ranking order, its sound rows are rewritten with true checksums and item
// sets, and damaged rows (a page, or one item) are left exactly as they were for verify to name.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storedSearchDoc } from '../../core/search/search-doc.ts';
import { registerChecksumFunction, sealItemSet, verifyAllRows } from '../../electron/archive/checksums.ts';
import { migrate } from '../../electron/archive/migrations/index.ts';
import { migration } from '../../electron/archive/migrations/0017-lean-search-items.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { fakeSegment } from './fake-segmenter.ts';
import { tempDir, track } from './helpers.ts';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const TEXT = ['湘江大桥今日通车', '经过三年建设,湘江大桥正式', '通车。衡陽市民歡迎。', '', '社区食堂开到家门口', '老人吃饭不再犯愁。'].join('\n');

/** An archive at 0016: three pages with the same text; page 2's row is damaged, page 3 has one damaged item. */
function archiveAt16(path: string): void {
  const db = new Database(path);
  migrate(db, 16);
  registerChecksumFunction(db);
  db.exec(`INSERT INTO publications(id, title) VALUES (1, '衡阳日报'); INSERT INTO issues(id, publication_id, date) VALUES (1, 1, '2021-10-29');`);
  const page = db.prepare(
    `INSERT INTO pages(id, issue_id, page_number, source_name, encoding, content_hash, raw_text, text, imported_at, updated_at)
     VALUES (?, 1, ?, ?, 'UTF-8', ?, '', ?, 'now', 'now')`,
  );
  const item = db.prepare(
    `INSERT INTO items(id, page_id, ord, kind, start_offset, end_offset, headline, paragraphs_json) VALUES (?, ?, ?, 'article', ?, ?, ?, ?)`,
  );
  const doc = db.prepare('INSERT INTO search_docs(item_id, headline, body, people, tags) VALUES (?, ?, ?, ?, ?)');
  const split = TEXT.indexOf('社区');
  const items: [string, string[], number, number][] = [
    ['湘江大桥今日通车', ['经过三年建设,湘江大桥正式通车。衡陽市民歡迎。'], 0, split],
    ['社区食堂开到家门口', ['老人吃饭不再犯愁。', '编辑加的一段,原文没有。'], split, TEXT.length],
  ];
  for (const p of [1, 2, 3]) {
    page.run(p, p, `p0${p}.txt`, sha(TEXT), TEXT);
    items.forEach(([headline, paragraphs, start, end], ord) => {
      const id = p * 10 + ord;
      item.run(id, p, ord, start, end, headline, JSON.stringify(paragraphs));
      const d = storedSearchDoc({ kicker: null, headline, subheadline: null, series: null, byline: null, paragraphs, contributors: [], tags: [] });
      doc.run(id, d.headline, d.body, d.people, d.tags);
    });
    sealItemSet(db, p);
  }
  // search-index.ts at 0016 indexed search_pending when the transaction committed.
  db.exec(`INSERT INTO items_fts(rowid, headline, body, people, tags) SELECT d.item_id, d.headline, d.body, d.people, d.tags
             FROM search_pending p JOIN search_docs d ON d.item_id = p.item_id; DELETE FROM search_pending;`);
  // Damage as flipped bytes on disk would: the rows no longer match their checksums. Item 31's
  // bytes change under its old checksum (the trigger is given that one), so its page's item set,
  // which covers ids and checksums, still matches.
  db.exec(`UPDATE pages SET checksum = '${sha('damaged')}' WHERE id = 2;`);
  const kept = db.prepare('SELECT checksum FROM items WHERE id = 31').pluck().get() as string;
  db.function('galley_sha256', { varargs: true }, () => kept);
  db.exec(`UPDATE items SET headline = '社区食堂开到家门囗' WHERE id = 31;`);
  registerChecksumFunction(db);
  db.close();
}

const stored = (db: Database.Database) =>
  db.prepare('SELECT id, paragraphs_json, checksum FROM items ORDER BY id').all() as { id: number; paragraphs_json: string; checksum: string }[];

describe('migration 0017 (contentless search index, paragraphs as references)', () => {
  it('converts sound rows, leaves damaged ones, and search finds the same items', () => {
    expect(migration.version).toBe(17);
    const path = join(tempDir(), 'old.sqlite');
    archiveAt16(path);
    const old = new Database(path);
    const before = stored(old);
    const damagedBefore = verifyAllRows(old).damaged.map((d) => `${d.part}:${d.id}`);
    old.close();
    expect(damagedBefore).toEqual(['page:2', 'item:31']);

    const a = track(openArchive(path, { segment: fakeSegment, logger: { warn: () => {} } }));
    const raw = a.db.raw;
    const after = stored(raw);
    const tables = (raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]).filter((t) => t.startsWith('search_'));
    expect(tables).toEqual([]);
    // Pages 1 and 3 (except the damaged item 31) hold references; page 2 is as it was.
    const changed = after.filter((r, i) => r.paragraphs_json !== before[i]!.paragraphs_json).map((r) => r.id);
    expect(changed).toEqual([10, 11, 30]);
    for (const r of after.filter((x) => changed.includes(x.id))) expect(r.paragraphs_json).not.toContain('经过三年');
    expect(after.find((r) => r.id === 31)).toEqual(before.find((r) => r.id === 31));
    expect(verifyAllRows(raw).damaged.map((d) => `${d.part}:${d.id}`)).toEqual(['page:2', 'item:31']);
    // Every sound page reads as before, paragraphs included (the edited one kept as text).
    expect(a.getPage(1).items.map((i) => i.paragraphs)).toEqual([
      ['经过三年建设,湘江大桥正式通车。衡陽市民歡迎。'],
      ['老人吃饭不再犯愁。', '编辑加的一段,原文没有。'],
    ]);
    // Search: the index carried over (folded: 衡阳 finds 衡陽), short terms, ranking, snippets.
    expect(a.search('衡阳市民').map((h) => h.itemId).sort()).toEqual([10, 20, 30]);
    expect(a.search('湘江大桥').map((h) => h.itemId)).toEqual([10, 20, 30].sort((x, y) => x - y));
    expect(a.search('原文').map((h) => h.itemId).sort()).toEqual([11, 21, 31]);
    expect(a.search('衡阳市民')[0]!.snippet).toContain('[[衡陽市民]]');
    expect(a.search('湘江大桥')[0]!.rank).toBeLessThan(0);
    raw.exec(`INSERT INTO items_fts(items_fts) VALUES ('integrity-check')`);
    // Deleting an item takes it out of the index (0017's trigger).
    raw.prepare('DELETE FROM items WHERE id = 10').run();
    expect(a.search('湘江大桥').map((h) => h.itemId)).toEqual([20, 30]);
  });
});
