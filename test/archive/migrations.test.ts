import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, migrate, ArchiveVersionError } from '../../electron/archive/migrations/index.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { fakeSegment } from './fake-segmenter.ts';
import { tempDir, track } from './helpers.ts';

const tables = (db: Database.Database): string[] =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name`).all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('are numbered 1..n in order and named like their files', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('0001 creates the core model', () => {
    const db = new Database(':memory:');
    expect(migrate(db, 1)).toEqual([1]);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['publications', 'issues', 'pages', 'items', 'contributors', 'item_contributors', 'tags', 'item_tags', 'revisions']),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();
  });

  it('0002 adds search_docs and the trigram FTS5 index (the bundled SQLite has the trigram tokenizer)', () => {
    const db = new Database(':memory:');
    migrate(db, 2);
    expect(tables(db)).toEqual(expect.arrayContaining(['search_docs', 'items_fts']));
    const sql = (db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'items_fts'`).get() as { sql: string }).sql;
    expect(sql).toContain(`tokenize = 'trigram'`);
    db.exec(`CREATE VIRTUAL TABLE probe USING fts5(t, tokenize='trigram'); INSERT INTO probe VALUES ('衡阳日报社');`);
    expect(db.prepare(`SELECT count(*) AS n FROM probe WHERE probe MATCH '"日报社"'`).get()).toEqual({ n: 1 });
    db.close();
  });

  it('0006 lets the issue list count pages from an index alone', () => {
    const db = new Database(':memory:');
    migrate(db, 6);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM pages p WHERE p.issue_id = 1 AND p.state = 'proofed'`)
      .all() as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/COVERING INDEX pages_issue_state/);
    db.close();
  });

  it('0003 adds items.story_id', () => {
    const db = new Database(':memory:');
    migrate(db, 3);
    const cols = (db.prepare(`PRAGMA table_info(items)`).all() as { name: string }[]).map((c) => c.name);
    expect(cols).toContain('story_id');
    db.close();
  });

  it('0004 rebuilds the index with detail=column, padded columns and a vocabulary table', () => {
    const db = new Database(':memory:');
    migrate(db, 3);
    db.exec(`
      INSERT INTO publications(id, title) VALUES (1, 'p');
      INSERT INTO issues(id, publication_id) VALUES (1, 1);
      INSERT INTO pages(id, issue_id, source_name, encoding, content_hash, raw_text, text, imported_at, updated_at)
        VALUES (1, 1, 'p', 'UTF-8', 'h', 'x', 'x', 'now', 'now');
      INSERT INTO items(id, page_id, ord, kind, start_offset, end_offset) VALUES (1, 1, 0, 'article', 0, 1);
      INSERT INTO search_docs(item_id, headline, body, people, tags) VALUES (1, '湘江', '', '彭斌', '');
    `);
    migrate(db, 4);
    const sql = (db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'items_fts'`).get() as { sql: string }).sql;
    expect(sql).toMatch(/detail = column/);
    const vocab = (db.prepare(`SELECT term FROM items_fts_vocab ORDER BY term`).all() as { term: string }[]).map((r) => r.term);
    expect(vocab).toEqual(expect.arrayContaining(['湘江 ', '江  ', '彭斌 ', '斌  ']));
    expect(db.prepare(`SELECT body, people FROM search_docs`).get()).toEqual({ body: '  ', people: '彭斌  ' });
    db.exec(`INSERT INTO items_fts(items_fts) VALUES ('integrity-check')`);
    db.prepare(`DELETE FROM search_docs WHERE item_id = 1`).run();
    expect(db.prepare(`SELECT count(*) AS n FROM items_fts_vocab`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('upgrades an archive made by 0001 only, keeping and indexing its data', () => {
    const path = join(tempDir(), 'old.sqlite');
    const old = new Database(path);
    migrate(old, 1);
    old.exec(`
      INSERT INTO publications(id, title) VALUES (1, '衡阳日报');
      INSERT INTO issues(id, publication_id, date) VALUES (1, 1, '2021-10-29');
      INSERT INTO pages(id, issue_id, page_number, source_name, encoding, content_hash, raw_text, text, imported_at, updated_at)
        VALUES (1, 1, 1, 'p01.txt', 'UTF-8', 'h', 'x', 'x', '2021', '2021');
      INSERT INTO items(id, page_id, ord, kind, start_offset, end_offset, headline, paragraphs_json)
        VALUES (1, 1, 0, 'article', 0, 1, '湘江大桥通车', '["經過三年建設"]');
      INSERT INTO contributors(id, name) VALUES (1, '彭斌');
      INSERT INTO item_contributors(item_id, ord, contributor_id, role) VALUES (1, 0, 1, 'reporter');
    `);
    old.close();

    const a = track(openArchive(path, { segment: fakeSegment }));
    expect(a.db.raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(a.getPage(1).items[0]?.headline).toBe('湘江大桥通车');
    expect(a.search('湘江大桥').map((h) => h.itemId)).toEqual([1]);
    expect(a.search('经过三年').map((h) => h.itemId)).toEqual([1]); // backfilled and folded
    expect(a.search('彭斌').map((h) => h.itemId)).toEqual([1]);
    expect(a.getStory(1)).toHaveLength(1);
  });

  it('refuses an archive from a newer Galley', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(ArchiveVersionError);
    db.close();
  });

  it('opens with WAL, foreign keys and synchronous=FULL', () => {
    const a = track(openArchive(join(tempDir(), 'x.sqlite'), { segment: fakeSegment }));
    expect(a.db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(a.db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(a.db.raw.pragma('synchronous', { simple: true })).toBe(2);
  });
});
