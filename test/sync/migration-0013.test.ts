// Migration 0013: the replica tables on an archive of version 12; a replica page refers to a
// checked-out issue, conflicts take only the known reasons.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/archive/migrations/index.ts';
import { migration } from '../../electron/archive/migrations/0013-replica.ts';
import { resolve } from 'node:path';
import { maskSource, sourceName } from '../../electron/sync/server.ts';

function archiveV12(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 12);
  db.exec(`INSERT INTO publications(id, title) VALUES (1, '衡阳日报')`);
  return db;
}

describe('migration 0013 (replica)', () => {
  it('adds the replica tables to an archive of version 12 without touching its rows', () => {
    expect(migration.version).toBe(13);
    const db = archiveV12();
    migrate(db, 13);
    expect(db.pragma('user_version', { simple: true })).toBe(13);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('replica', 'replica_issues', 'replica_pages', 'sync_conflicts') ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(['replica', 'replica_issues', 'replica_pages', 'sync_conflicts']);
    expect(db.prepare('SELECT title FROM publications').all()).toEqual([{ title: '衡阳日报' }]);
    db.close();
  });

  it('keeps one source row, refuses unknown conflict reasons and invalid JSON', () => {
    const db = archiveV12();
    migrate(db);
    db.prepare(`INSERT INTO replica(id, source, checked_out_at, checked_out_by) VALUES (1, 'postgresql://sue:***@db/galley', 'now', 'Sue')`).run();
    expect(() => db.prepare(`INSERT INTO replica(id, source, checked_out_at, checked_out_by) VALUES (2, 'x', 'now', 'Sue')`).run()).toThrow(/CHECK/);
    const conflict = db.prepare(
      `INSERT INTO sync_conflicts(id, origin_page_id, reason, message, base_revision, local_json, by_name, at) VALUES (?, 1, ?, 'm', 0, ?, 'Sue', 'now')`,
    );
    expect(() => conflict.run('a', 'lost', '{}')).toThrow(/CHECK/);
    expect(() => conflict.run('b', 'both-changed', 'not json')).toThrow(/CHECK/);
    conflict.run('c', 'both-changed', '{"text":""}');
    // A replica page names a checked-out issue.
    expect(() =>
      db.prepare(`INSERT INTO replica_pages(local_page_id, origin_page_id, origin_issue_id, base_revision, local_revision, state, fingerprint, items_json) VALUES (1, 1, 77, 0, 0, 'imported', 'f', '[]')`).run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('maskSource and sourceName', () => {
  it('masks the password of a PostgreSQL URL and leaves user, host and paths alone', () => {
    expect(maskSource('postgresql://sue:s3cret@db.example:5432/galley')).toBe('postgresql://sue:***@db.example:5432/galley');
    expect(maskSource('postgres://sue@db/galley?host=/run/pg')).toBe('postgres://sue@db/galley?host=/run/pg');
    expect(maskSource('/home/sue/archive.sqlite')).toBe('/home/sue/archive.sqlite');
    // A replica names a SQLite source by its absolute path, so sync works from any folder.
    expect(sourceName('team/archive.sqlite')).toBe(resolve('team/archive.sqlite'));
    expect(sourceName('postgresql://sue:pw@db/galley')).toBe('postgresql://sue:***@db/galley');
  });
});
