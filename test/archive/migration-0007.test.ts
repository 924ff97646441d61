import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/archive/migrations/index.ts';

describe('migration 0007 (page images)', () => {
  it('adds page_images (deduplicated by SHA-256, checked MIME) and page_scans (one per page, removed with the page)', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 6);
    db.exec(`INSERT INTO publications(id, title) VALUES (1, 'p'); INSERT INTO issues(id, publication_id, state) VALUES (1, 1, 'imported');
      INSERT INTO pages(id, issue_id, source_name, encoding, content_hash, raw_text, text, imported_at, updated_at) VALUES (1, 1, 'p', 'UTF-8', 'h', 'x', 'x', 'now', 'now');`);
    migrate(db, 7);
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    const sha = 'a'.repeat(64);
    db.prepare(`INSERT INTO page_images(sha256, mime, size, bytes) VALUES (?, 'image/png', 3, x'010203')`).run(sha);
    expect(() => db.prepare(`INSERT INTO page_images(sha256, mime, size, bytes) VALUES (?, 'image/png', 3, x'010203')`).run(sha)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare(`INSERT INTO page_images(sha256, mime, size, bytes) VALUES (?, 'text/html', 3, x'01')`).run('b'.repeat(64))).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO page_images(sha256, mime, size, bytes) VALUES ('short', 'image/png', 3, x'01')`).run()).toThrow(/CHECK/);
    db.prepare(`INSERT INTO page_scans(page_id, image_sha256, width, height, regions_json, source, updated_at) VALUES (1, ?, 10, 20, '[]', 'ocr', 'now')`).run(sha);
    expect(() => db.prepare(`INSERT INTO page_scans(page_id, image_sha256, source, updated_at) VALUES (2, NULL, 'ocr', 'now')`).run()).toThrow(/FOREIGN KEY/);
    db.exec(`DELETE FROM pages WHERE id = 1`);
    expect(db.prepare(`SELECT count(*) AS n FROM page_scans`).get()).toEqual({ n: 0 });
    db.close();
  });
});
