// Silent corruption (issue 16, finding 3): a few flipped bytes inside one row pass SQLite's
// quick_check and integrity_check. Every revision, page text and item now carries a SHA-256
// (migration 0009); reading a damaged row is a clear "damaged revision N of page P" with the way to
// restore, `galley verify` lists it and exits 1, and a backup refuses to call the archive "checked ok".
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupArchive, BackupError, restoreArchive, BackupInvalidError } from '../../electron/archive/backup.ts';
import { DamagedRowError, rowChecksum, REVISION_COLUMNS, verifyAllRows } from '../../electron/archive/checksums.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { main } from '../../electron/cli/main.ts';
import { createHandlers, dispatch } from '../../electron/host/handlers.ts';
import { engineAdapter, importerAdapter } from '../../electron/host/load-backend.ts';
import { inProcess } from '../../electron/archive/async-archive.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const quiet = { logger: { warn: () => {} } };
const TEXT = '衡阳日报\n\n标题一\n本报讯（记者 张三）第一篇的内容。\n\n标题二\n本报讯（记者 李四）第二篇的内容。\n';
const FLIP_ACTOR = 'QQflipmeQQ';

/** An archive with one page saved once by an actor whose name is stored in that revision only. */
function makeArchive(): { path: string; pageId: number } {
  const dir = mkdtempSync(join(tmpdir(), 'galley-sum-'));
  dirs.push(dir);
  const path = join(dir, 'a.sqlite');
  const a = openArchive(path, quiet);
  // The test's own segmentation (two items): what is checked is the checksums, not the engine.
  const [outcome] = a.importPages([{ sourceName: 'p1.txt', text: TEXT, encoding: 'UTF-8', segmentation: fakeSegment(TEXT, {}) }], { name: 'importer' });
  const page = a.getPage(outcome!.pageId);
  a.savePage({ pageId: page.id, baseRevision: page.revision, text: page.text + '补记。\n', items: page.items }, { name: FLIP_ACTOR });
  a.close();
  return { path, pageId: page.id };
}

/** Flips one byte of `marker` in the file itself, the way a failing disk would (no SQL involved). */
function flipInFile(path: string, marker: string): void {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(Buffer.from(marker, 'utf8'));
  expect(at, 'marker on disk').toBeGreaterThan(0);
  expect(bytes.indexOf(Buffer.from(marker, 'utf8'), at + 1), 'marker once on disk').toBe(-1);
  const fd = openSync(path, 'r+');
  try {
    const one = Buffer.alloc(1);
    readSync(fd, one, 0, 1, at + 2);
    one[0] = one[0]! ^ 0x01;
    writeSync(fd, one, 0, 1, at + 2);
  } finally {
    closeSync(fd);
  }
}

/** Changes a revision's JSON while keeping its stored checksum, as damage would (SQL-free in effect). */
function damageRevisionJson(path: string, pageRevision: number): void {
  const db = new Database(path);
  const row = db.prepare(`SELECT id, checksum FROM revisions WHERE entity = 'page' AND page_revision = ?`).get(pageRevision) as { id: number; checksum: string };
  // The trigger recomputes the checksum through this function: make it return the old one.
  db.function('galley_sha256', { varargs: true }, () => row.checksum);
  db.prepare(`UPDATE revisions SET after_json = replace(after_json, '"text":"', '"text":"' || char(1)) WHERE id = ?`).run(row.id);
  db.close();
}

describe('checksums (migration 0009)', () => {
  it('stores a SHA-256 for every revision, page and item, kept up to date by every write', () => {
    const { path } = makeArchive();
    const db = new Database(path, { readonly: true });
    for (const t of ['revisions', 'pages', 'items']) {
      const missing = db.prepare(`SELECT count(*) AS n FROM ${t} WHERE checksum IS NULL OR length(checksum) <> 64`).get() as { n: number };
      expect(missing.n, t).toBe(0);
    }
    const rev = db.prepare(`SELECT * FROM revisions ORDER BY id DESC LIMIT 1`).get() as Record<string, unknown>;
    expect(rev.checksum).toBe(rowChecksum(REVISION_COLUMNS.map((c) => rev[c] ?? null)));
    const report = verifyAllRows(db);
    db.close();
    expect(report.damaged).toEqual([]);
    expect(report.revisions).toBeGreaterThanOrEqual(2);
    expect(report.items).toBeGreaterThanOrEqual(2);
  });

  it('finds bytes flipped on disk that quick_check and integrity_check pass, and names the revision', () => {
    const { path, pageId } = makeArchive();
    flipInFile(path, FLIP_ACTOR);
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('quick_check', { simple: true })).toBe('ok');
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const a = openArchive(path, quiet);
    try {
      expect(() => a.listRevisionDetails(pageId)).toThrow(DamagedRowError);
      expect(() => a.listRevisionDetails(pageId)).toThrow(`damaged revision 1 of page ${pageId}`);
      expect(() => a.listRevisionDetails(pageId)).toThrow(`galley restore BACKUP_FILE --archive ${path}`);
      // The page itself is sound and still opens.
      expect(a.getPage(pageId).text).toContain('补记');
    } finally {
      a.close();
    }
  });

  it('answers the history of a damaged revision with the damage, not "Bad control character" (HTTP and IPC handlers)', async () => {
    const { path, pageId } = makeArchive();
    damageRevisionJson(path, 1);
    const archive = openArchive(path, quiet);
    try {
      const table = createHandlers({ archive: inProcess(archive), engine: engineAdapter, importer: importerAdapter({ name: 't' }), host: 'browser', version: 't', actor: { name: 't' }, emit: () => {} });
      const r = await dispatch(table, 'history.forPage', { pageId });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.code).toBe('damaged');
      expect(r.message).toContain(`damaged revision 1 of page ${pageId}`);
      expect(r.message).not.toMatch(/control character/);
      // Restoring from the damaged history is refused the same way.
      expect(() => archive.restoreRevision(pageId, 1, { name: 't' })).toThrow(`damaged revision 1 of page ${pageId}`);
    } finally {
      archive.close();
    }
  });

  it('refuses to open damaged page text or items, and to export them', () => {
    const { path, pageId } = makeArchive();
    const db = new Database(path);
    const item = db.prepare('SELECT id, checksum FROM items WHERE page_id = ? ORDER BY ord LIMIT 1').get(pageId) as { id: number; checksum: string };
    const { issue_id: issueId } = db.prepare('SELECT issue_id FROM pages WHERE id = ?').get(pageId) as { issue_id: number };
    db.function('galley_sha256', { varargs: true }, () => item.checksum);
    db.prepare(`UPDATE items SET headline = '标题X' WHERE id = ?`).run(item.id);
    db.close();
    const a = openArchive(path, quiet);
    try {
      expect(() => a.getPage(pageId)).toThrow(`damaged item ${item.id} of page ${pageId}`);
      expect(() => a.issueForExport(issueId, 'now')).toThrow(/damaged item/);
    } finally {
      a.close();
    }
  });

  it('galley verify lists the damage and exits 1; a sound archive is "checked ok" with exit 0', async () => {
    const sound = makeArchive();
    let io = captureIO();
    expect(await main(['verify', '--archive', sound.path], io)).toBe(0);
    expect(io.out()).toContain('checked ok');
    const bad = makeArchive();
    flipInFile(bad.path, FLIP_ACTOR);
    io = captureIO();
    expect(await main(['verify', '--archive', bad.path], io)).toBe(1);
    expect(io.out()).toContain(`damaged revision 1 of page ${bad.pageId}`);
    expect(io.out()).toContain('galley restore BACKUP_FILE');
    expect(io.out()).not.toContain('checked ok');
    io = captureIO();
    expect(await main(['verify', '--archive', bad.path, '--json'], io)).toBe(1);
    expect(JSON.parse(io.out()).rows.damaged[0]).toMatchObject({ part: 'revision', pageId: bad.pageId, pageRevision: 1 });
  });

  it('a revision removed from the log is found by galley verify and refused by backup (audit hash chain, 0011)', async () => {
    const { path } = makeArchive();
    const db = new Database(path);
    const [first, second] = db.prepare('SELECT id FROM revisions ORDER BY id').all() as { id: number }[];
    db.prepare('DELETE FROM revisions WHERE id = ?').run(first!.id);
    db.close();
    const io = captureIO();
    expect(await main(['verify', '--archive', path], io)).toBe(1);
    expect(io.out()).toContain(`the revision log is broken at entry ${second!.id} (its first entry)`);
    expect(io.out()).toContain('1 broken audit chain');
    expect(io.out()).not.toContain('checked ok');
    await expect(backupArchive(path, path + '.bak')).rejects.toThrow(/revision log is broken/);
    expect(existsSync(path + '.bak')).toBe(false);
  });

  it('backup refuses to call a damaged archive "checked ok" and writes no backup; restore refuses a damaged backup', async () => {
    const bad = makeArchive();
    flipInFile(bad.path, FLIP_ACTOR);
    const out = join(bad.path + '.bak');
    await expect(backupArchive(bad.path, out)).rejects.toThrow(BackupError);
    await expect(backupArchive(bad.path, out)).rejects.toThrow(`damaged revision 1 of page ${bad.pageId}`);
    expect(existsSync(out)).toBe(false);
    const io = captureIO();
    expect(await main(['backup', '--archive', bad.path, '--out', out], io)).toBe(1);
    expect(io.out()).not.toContain('checked ok');
    expect(io.err()).toContain('damaged revision 1');
    // A damaged file offered as a backup is refused before anything changes.
    const target = join(bad.path + '.target');
    await expect(restoreArchive(bad.path, target)).rejects.toThrow(BackupInvalidError);
    expect(existsSync(target)).toBe(false);
  });

  it('a connection without the checksum function cannot write those tables (never a row without its checksum)', () => {
    const { path } = makeArchive();
    const db = new Database(path);
    try {
      expect(() => db.prepare(`UPDATE pages SET text = text || 'x'`).run()).toThrow(/galley_sha256/);
    } finally {
      db.close();
    }
  });
});
