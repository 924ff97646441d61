// Migration 0012: profiles gain password_hash (NULL) and disabled (0); existing profiles keep
// their rows and have neither; the columns refuse what is not a scrypt hash string or a flag.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/archive/migrations/index.ts';
import { migration } from '../../electron/archive/migrations/0012-accounts.ts';

describe('migration 0012 (accounts)', () => {
  it('adds password_hash and disabled to the profiles an older archive has', () => {
    expect(migration.version).toBe(12);
    const db = new Database(':memory:');
    migrate(db, 11);
    db.exec(`INSERT INTO profiles(id, name, role, created_at) VALUES ('p1', 'Sue', 'supervisor', 'now'), ('p2', 'Ed', 'editor', 'now')`);
    migrate(db, 12);
    const rows = db.prepare('SELECT id, name, role, password_hash, disabled FROM profiles ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'p1', name: 'Sue', role: 'supervisor', password_hash: null, disabled: 0 },
      { id: 'p2', name: 'Ed', role: 'editor', password_hash: null, disabled: 0 },
    ]);
    db.close();
  });

  it('refuses a clear-text password and a flag other than 0 or 1', () => {
    const db = new Database(':memory:');
    migrate(db, 12);
    db.exec(`INSERT INTO profiles(id, name, role, created_at) VALUES ('p1', 'Sue', 'supervisor', 'now')`);
    expect(() => db.prepare(`UPDATE profiles SET password_hash = 'hunter22' WHERE id = 'p1'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE profiles SET disabled = 2 WHERE id = 'p1'`).run()).toThrow(/CHECK/);
    db.prepare(`UPDATE profiles SET password_hash = 'scrypt$16384$8$1$abc$def', disabled = 1 WHERE id = 'p1'`).run();
    expect(db.prepare('SELECT disabled FROM profiles').get()).toEqual({ disabled: 1 });
    db.close();
  });
});
