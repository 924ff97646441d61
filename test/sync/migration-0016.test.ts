// Migration 0016: a conflict's choice and whether a sync sent it, added to the sync_conflicts of
// an archive of version 15; conflicts resolved before (CLI --resolve) count as already sent.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/archive/migrations/index.ts';
import { migration } from '../../electron/archive/migrations/0016-conflict-resolution.ts';

describe('migration 0016 (conflict resolution)', () => {
  it('adds resolution and resolution_sent_at, marks earlier resolutions sent, refuses unknown choices', () => {
    expect(migration.version).toBe(16);
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 15);
    const insert = db.prepare(
      `INSERT INTO sync_conflicts(id, origin_page_id, reason, message, base_revision, local_json, by_name, at, resolved_at) VALUES (?, 1, 'both-changed', 'm', 0, '{"text":""}', 'Sue', '2026-12-01', ?)`,
    );
    insert.run('open', null);
    insert.run('done', '2026-12-02');
    migrate(db, 16);
    expect(db.pragma('user_version', { simple: true })).toBe(16);
    const rows = db.prepare('SELECT id, resolution, resolution_sent_at FROM sync_conflicts ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'done', resolution: null, resolution_sent_at: '2026-12-02' },
      { id: 'open', resolution: null, resolution_sent_at: null },
    ]);
    expect(() => db.prepare(`UPDATE sync_conflicts SET resolution = 'theirs' WHERE id = 'open'`).run()).toThrow(/CHECK/);
    db.prepare(`UPDATE sync_conflicts SET resolution = 'both' WHERE id = 'open'`).run();
    db.close();
  });
});
