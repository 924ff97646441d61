// Migration 0018: the search index keeps row ids only (detail=none, refilled on open from the
// items with the live fold), and the checksum/chain triggers fire only for rows inserted without
// them (the archive's writers insert rows whole). An archive at 0017 with pages, items, an index
// and a revision log comes out with nothing lost: the same items found and ranked, every checksum
// and the audit chain intact (and continued by new writes), backups and history restore working,
// and a damaged row still named, not sealed.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storedSearchDoc } from '../../core/search/search-doc.ts';
import { backupArchive } from '../../electron/archive/backup.ts';
import { ITEM_COLUMNS, registerChecksumFunction, rowChecksum, sealItemSet, verifyAllRows } from '../../electron/archive/checksums.ts';
import { migrate } from '../../electron/archive/migrations/index.ts';
import { migration } from '../../electron/archive/migrations/0018-lean-index-writes.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { fakeSegment } from './fake-segmenter.ts';
import { editor, frontPage, tempDir, track } from './helpers.ts';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const TEXT = ['湘江大桥今日通车', '经过三年建设,湘江大桥正式', '通车。衡陽市民歡迎。', '', '社区食堂开到家门口', '老人吃饭不再犯愁。'].join('\n');

/** An archive at 0017: two pages with two items each, indexed, with an import revision per page; optionally item 21 damaged. */
function archiveAt17(path: string, damaged = false): void {
  const db = new Database(path);
  migrate(db, 17);
  registerChecksumFunction(db);
  db.exec(`INSERT INTO publications(id, title) VALUES (1, '衡阳日报'); INSERT INTO issues(id, publication_id, date) VALUES (1, 1, '2021-10-29');`);
  const page = db.prepare(
    `INSERT INTO pages(id, issue_id, page_number, source_name, encoding, content_hash, raw_text, text, imported_at, updated_at)
     VALUES (?, 1, ?, ?, 'UTF-8', ?, '', ?, 'now', 'now')`,
  );
  const item = db.prepare(
    `INSERT INTO items(id, page_id, ord, kind, start_offset, end_offset, headline, paragraphs_json) VALUES (?, ?, ?, 'article', ?, ?, ?, ?)`,
  );
  const fts = db.prepare('INSERT INTO items_fts(rowid, headline, body, people, tags) VALUES (?, ?, ?, ?, ?)');
  const revision = db.prepare(
    `INSERT INTO revisions(at, actor, entity, entity_id, action, page_revision, before_json, after_json) VALUES ('now', 'import', 'page', ?, 'import', 0, NULL, '{"ref":"page"}')`,
  );
  const split = TEXT.indexOf('社区');
  const items: [string, string[], number, number][] = [
    ['湘江大桥今日通车', ['经过三年建设,湘江大桥正式通车。衡陽市民歡迎。'], 0, split],
    ['社区食堂开到家门口', ['老人吃饭不再犯愁。'], split, TEXT.length],
  ];
  for (const p of [1, 2]) {
    page.run(p, p, `p0${p}.txt`, sha(TEXT), TEXT);
    items.forEach(([headline, paragraphs, start, end], ord) => {
      const id = p * 10 + ord;
      item.run(id, p, ord, start, end, headline, JSON.stringify(paragraphs));
      const d = storedSearchDoc({ kicker: null, headline, subheadline: null, series: null, byline: null, paragraphs, contributors: [], tags: [] });
      fts.run(id, d.headline, d.body, d.people, d.tags);
    });
    sealItemSet(db, p);
    revision.run(p);
  }
  if (damaged) {
    // Flipped bytes under the old checksum: the row no longer matches it (the trigger is given the old one).
    const kept = db.prepare('SELECT checksum FROM items WHERE id = 21').pluck().get() as string;
    db.function('galley_sha256', { varargs: true }, () => kept);
    db.exec(`UPDATE items SET headline = '社区食堂开到家门囗' WHERE id = 21;`);
  }
  db.close();
}

const open = (path: string) => track(openArchive(path, { segment: fakeSegment, logger: { warn: () => {} } }));

describe('migration 0018 (detail=none index, rows written whole)', () => {
  it('upgrades a 0017 archive with data: search, checksums, audit chain, backup and history all hold', async () => {
    expect(migration.version).toBe(18);
    const dir = tempDir();
    const path = join(dir, 'old.sqlite');
    archiveAt17(path);
    const old = new Database(path);
    const rowsBefore = old.prepare('SELECT id, checksum, paragraphs_json FROM items ORDER BY id').all();
    const chainBefore = old.prepare('SELECT id, chain FROM revisions ORDER BY id').all();
    old.close();

    const a = open(path);
    const raw = a.db.raw;
    expect(raw.pragma('user_version', { simple: true })).toBe(18);
    expect((raw.prepare(`SELECT sql FROM sqlite_master WHERE name = 'items_fts'`).pluck().get() as string).replace(/\s+/g, ' ')).toContain('detail = none');
    // Refilled on open from the items; the list is gone.
    expect(raw.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'search_refold'`).pluck().get()).toBe(0);
    expect(raw.prepare('SELECT id FROM items_fts_docsize ORDER BY id').pluck().all()).toEqual([10, 11, 20, 21]);
    raw.exec(`INSERT INTO items_fts(items_fts) VALUES ('integrity-check')`);
    // Nothing rewritten: the rows, their checksums and the chain are as they were.
    expect(raw.prepare('SELECT id, checksum, paragraphs_json FROM items ORDER BY id').all()).toEqual(rowsBefore);
    expect(raw.prepare('SELECT id, chain FROM revisions ORDER BY id').all()).toEqual(chainBefore);
    // Search: folded (衡阳 finds 衡陽), long and short terms, ranked with a headline first, snippets.
    expect(a.search('衡阳市民').map((h) => h.itemId)).toEqual([10, 20].sort((x, y) => x - y));
    expect(a.search('食堂').map((h) => h.itemId).sort()).toEqual([11, 21]);
    expect(a.search('衡阳市民')[0]!.snippet).toContain('[[衡陽市民]]');
    const bridge = a.search('湘江大桥');
    expect(bridge.map((h) => h.itemId).sort()).toEqual([10, 20]);
    expect(bridge[0]!.rank).toBeLessThan(0);
    expect(a.searchPage('犯愁', {}, 0, 1)).toMatchObject({ total: 2, hits: [{ itemId: expect.any(Number) }] });

    // New writes: rows whole, with the checksums and chain link the triggers would have given them.
    const imported = a.importPage({ sourceName: 'p03.txt', text: frontPage(), encoding: 'UTF-8' }, editor);
    expect(a.search('交流合作').map((h) => h.pageId)).toEqual([imported.pageId]);
    const saved = a.getPage(imported.pageId);
    a.savePage({ pageId: saved.id, baseRevision: saved.revision, text: `${saved.text}\n补记一段。`, items: saved.items }, editor);
    a.restoreRevision(saved.id, 0, editor);
    expect(a.getPage(saved.id).text).toBe(saved.text);
    const report = verifyAllRows(raw);
    expect(report.damaged).toEqual([]);
    expect(report.brokenLinks).toEqual([]);
    expect(report.revisions).toBeGreaterThan(chainBefore.length);
    // A row inserted without a checksum (another writer) still gets one from the trigger.
    raw.prepare(`INSERT INTO items(id, page_id, ord, kind, start_offset, end_offset, headline) VALUES (99, 1, 5, 'brief', 0, 4, '补白')`).run();
    const row = raw.prepare(`SELECT * FROM items WHERE id = 99`).get() as Record<string, unknown>;
    expect(row.checksum).toBe(rowChecksum(ITEM_COLUMNS.map((c) => row[c] ?? null)));
    raw.prepare('DELETE FROM items WHERE id = 99').run();
    // An online backup of the upgraded archive is accepted.
    const backup = await backupArchive(path, join(dir, 'backup.sqlite'));
    expect(backup.bytes).toBeGreaterThan(0);
  });

  it('leaves a damaged row as it was, for verify to name', () => {
    const path = join(tempDir(), 'damaged.sqlite');
    archiveAt17(path, true);
    const old = new Database(path);
    registerChecksumFunction(old);
    expect(verifyAllRows(old).damaged.map((d) => `${d.part}:${d.id}`)).toEqual(['item:21']);
    old.close();
    const a = open(path);
    expect(verifyAllRows(a.db.raw).damaged.map((d) => `${d.part}:${d.id}`)).toEqual(['item:21']);
    // The damaged item is still indexed (its words are searchable; reading it names the damage).
    expect(a.db.raw.prepare('SELECT count(*) FROM items_fts_docsize').pluck().get()).toBe(4);
  });
});
