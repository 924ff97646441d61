import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/archive/migrations/index.ts';

const tables = (db: Database.Database): string[] =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);

describe('migration 0005 (review)', () => {
  it('adds profiles, settings, issue_history, vocabulary and revisions.profile_id/role', () => {
    const db = new Database(':memory:');
    migrate(db, 5);
    expect(tables(db)).toEqual(expect.arrayContaining(['profiles', 'settings', 'issue_history', 'vocabulary']));
    const cols = (db.prepare(`PRAGMA table_info(revisions)`).all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['profile_id', 'role']));
    db.prepare(`INSERT INTO profiles(id, name, role, created_at) VALUES ('a', 'Wang', 'editor', 'now')`).run();
    // Names are unique whatever their case; roles are checked.
    expect(() => db.prepare(`INSERT INTO profiles(id, name, role, created_at) VALUES ('b', 'WANG', 'editor', 'now')`).run()).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO profiles(id, name, role, created_at) VALUES ('c', 'Li', 'admin', 'now')`).run()).toThrow(/CHECK/);
    db.prepare(`INSERT INTO vocabulary(type, path, label) VALUES ('place', '湖南/衡阳', '衡阳')`).run();
    expect(() => db.prepare(`INSERT INTO vocabulary(type, path, label) VALUES ('place', '湖南/衡阳', '衡阳市')`).run()).toThrow(/UNIQUE/);
    db.close();
  });

  it('recomputes issue states from their pages, keeping approved and exported ones', () => {
    const db = new Database(':memory:');
    migrate(db, 4);
    db.exec(`
      INSERT INTO publications(id, title) VALUES (1, 'p');
      INSERT INTO issues(id, publication_id, state) VALUES (1, 1, 'imported'), (2, 1, 'imported'), (3, 1, 'imported'), (4, 1, 'approved'), (5, 1, 'imported');
    `);
    const page = db.prepare(
      `INSERT INTO pages(issue_id, source_name, encoding, content_hash, raw_text, text, state, imported_at, updated_at)
       VALUES (?, 'p', 'UTF-8', 'h', 'x', 'x', ?, 'now', 'now')`,
    );
    for (const [issue, state] of [[1, 'imported'], [2, 'proofed'], [2, 'imported'], [3, 'proofed'], [3, 'proofed'], [4, 'imported']] as const) page.run(issue, state);
    migrate(db, 5);
    const states = db.prepare(`SELECT id, state FROM issues ORDER BY id`).all();
    expect(states).toEqual([
      { id: 1, state: 'imported' },
      { id: 2, state: 'in-progress' },
      { id: 3, state: 'proofed' },
      { id: 4, state: 'approved' },
      { id: 5, state: 'imported' },
    ]);
    db.close();
  });
});
