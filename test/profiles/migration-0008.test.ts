import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/archive/migrations/index.ts';

const columns = (db: Database.Database, table: string): string[] =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

function withPage(db: Database.Database): void {
  db.exec(`
    INSERT INTO publications(id, title) VALUES (1, '人民日报');
    INSERT INTO issues(id, publication_id) VALUES (1, 1);
    INSERT INTO pages(id, issue_id, source_name, encoding, content_hash, raw_text, text, imported_at, updated_at)
      VALUES (1, 1, 'p1.txt', 'UTF-8', 'h', 'x', 'x', 'now', 'now');
    INSERT INTO items(id, page_id, ord, kind, start_offset, end_offset) VALUES (1, 1, 0, 'article', 0, 1);
  `);
}

describe('migration 0008 (publication profiles, doubts, which model segmented a page)', () => {
  it('keeps existing pages and items, with no doubts and no model recorded', () => {
    const db = new Database(':memory:');
    migrate(db, 6);
    withPage(db);
    migrate(db, 8);
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(columns(db, 'pages')).toEqual(expect.arrayContaining(['doubt_count', 'model_version', 'model_profile', 'model_profile_pages']));
    expect(columns(db, 'items')).toContain('confidence_json');
    expect(db.prepare('SELECT doubt_count, model_version, model_profile FROM pages').get()).toEqual({ doubt_count: 0, model_version: null, model_profile: null });
    expect(db.prepare('SELECT confidence_json FROM items').get()).toEqual({ confidence_json: null });
    db.close();
  });

  it('holds one profile per publication, checks its JSON, and forgets it with the publication', () => {
    const db = new Database(':memory:');
    migrate(db, 8);
    db.pragma('foreign_keys = ON');
    withPage(db);
    const put = db.prepare(`INSERT INTO publication_profiles(publication_id, base_version, profile_json, updated_at) VALUES (?, ?, ?, 'now')`);
    put.run(1, 'lr-1', '{"schema":"galley.profile/1"}');
    expect(() => put.run(1, 'lr-1', '{}')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => put.run(2, 'lr-1', '{}')).toThrow(/FOREIGN KEY/);
    db.exec(`INSERT INTO publications(id, title) VALUES (3, 'x')`);
    expect(() => put.run(3, 'lr-1', 'not json')).toThrow(/CHECK/);
    expect(() => put.run(3, '', '{}')).toThrow(/CHECK/);
    db.prepare(`INSERT INTO profile_pages(publication_id, page_id, revision, learned_at) VALUES (1, 1, 0, 'now')`).run();
    expect(() => db.prepare(`UPDATE pages SET doubt_count = -1`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE items SET confidence_json = 'x'`).run()).toThrow(/CHECK/);
    db.exec('DELETE FROM publications WHERE id = 1');
    expect(db.prepare('SELECT count(*) AS n FROM publication_profiles').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM profile_pages').get()).toEqual({ n: 0 });
    db.close();
  });
});
