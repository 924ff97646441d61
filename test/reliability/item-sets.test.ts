// A deleted (or added) item row (issue 16 leftover). Each item row carries its own SHA-256 (0009),
// but a row removed whole left no damaged row behind: reads, `galley verify` and backups all said
// the archive was sound. Migration 0014 keeps, per page, the number of its items and a checksum over
// their ids and row checksums in order; every page write records it, and a mismatch is named
// ("item set of page P does not match: N items expected, M found") with the restore command.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupArchive, BackupError, BackupInvalidError, restoreArchive } from '../../electron/archive/backup.ts';
import { DamagedRowError, describeDamage, itemSetChecksum, registerChecksumFunction, verifyAllRows } from '../../electron/archive/checksums.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { inProcess } from '../../electron/archive/async-archive.ts';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { main } from '../../electron/cli/main.ts';
import { createHandlers, dispatch } from '../../electron/host/handlers.ts';
import { engineAdapter, importerAdapter } from '../../electron/host/load-backend.ts';
import { localizeHostMessage } from '../../renderer/messages.ts';
import { STRINGS } from '../../shared/i18n.ts';
import { createInstance } from 'i18next';
import { fakeSegment } from '../archive/fake-segmenter.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const quiet = { logger: { warn: () => {} } };
const TEXT = '衡阳日报\n\n标题一\n本报讯（记者 张三）第一篇的内容。\n\n标题二\n本报讯（记者 李四）第二篇的内容。\n\n标题三\n本报讯（记者 王五）第三篇的内容。\n';
const who = { name: 'editor' };

/** An archive with one imported page of four items (masthead and three articles) (the test's own segmentation: the checks are under test, not the engine). */
function makeArchive(): { path: string; pageId: number; issueId: number } {
  const dir = mkdtempSync(join(tmpdir(), 'galley-set-'));
  dirs.push(dir);
  const path = join(dir, 'a.sqlite');
  const a = openArchive(path, quiet);
  const [outcome] = a.importPages([{ sourceName: 'p1.txt', text: TEXT, encoding: 'UTF-8', segmentation: fakeSegment(TEXT, {}) }], { name: 'importer' });
  const page = a.getPage(outcome!.pageId);
  expect(page.items.length).toBe(4);
  a.close();
  return { path, pageId: outcome!.pageId, issueId: outcome!.issueId };
}

/** Opens the file as any SQLite client would, optionally with the row-checksum function (so 0009's triggers run). */
function rawDb(path: string, withFunction: boolean): Database.Database {
  const db = new Database(path);
  if (withFunction) registerChecksumFunction(db);
  return db;
}

const damagedSets = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return verifyAllRows(db).damaged.filter((d) => d.part === 'item-set');
  } finally {
    db.close();
  }
};

describe('item sets (migration 0014)', () => {
  it('records each page: the number of its items and a checksum over their ids and row checksums in order', () => {
    const { path, pageId } = makeArchive();
    const db = new Database(path, { readonly: true });
    const stored = db.prepare('SELECT item_count, checksum FROM item_sets WHERE page_id = ?').get(pageId) as { item_count: number; checksum: string };
    const rows = db.prepare('SELECT id, checksum FROM items WHERE page_id = ? ORDER BY ord').all(pageId) as { id: number; checksum: string }[];
    expect(stored.item_count).toBe(4);
    expect(stored.checksum).toBe(itemSetChecksum(rows));
    // Order matters: the same rows in another order are another set.
    expect(itemSetChecksum([...rows].reverse())).not.toBe(stored.checksum);
    expect(verifyAllRows(db).damaged).toEqual([]);
    db.close();
  });

  it('a deleted item row: verify names it, the page read fails clearly, backup refuses "checked ok", restore refuses such a backup', async () => {
    const { path, pageId, issueId } = makeArchive();
    // Deleted through a connection that has the checksum function, so every trigger there is runs.
    const db = rawDb(path, true);
    db.prepare('DELETE FROM items WHERE id = (SELECT id FROM items WHERE page_id = ? ORDER BY ord LIMIT 1 OFFSET 1)').run(pageId);
    db.close();
    const expected = `item set of page ${pageId} does not match: 4 items expected, 3 found`;
    expect(damagedSets(path).map(describeDamage)).toEqual([expected]);

    let io = captureIO();
    expect(await main(['verify', '--archive', path], io)).toBe(1);
    expect(io.out()).toContain(expected);
    expect(io.out()).toContain('galley restore BACKUP_FILE');
    expect(io.out()).not.toContain('checked ok');
    io = captureIO();
    expect(await main(['verify', '--archive', path, '--json'], io)).toBe(1);
    expect(JSON.parse(io.out()).rows.damaged).toEqual([{ part: 'item-set', id: pageId, pageId, pageRevision: null, items: { expected: 4, found: 3 } }]);

    const a = openArchive(path, quiet);
    try {
      expect(() => a.getPage(pageId)).toThrow(DamagedRowError);
      expect(() => a.getPage(pageId)).toThrow(expected);
      expect(() => a.getPage(pageId)).toThrow(`galley restore BACKUP_FILE --archive ${path}`);
      expect(() => a.issueForExport(issueId, 'now')).toThrow(expected);
      // A save over the damaged page is refused too: it would seal the loss as the new truth.
      expect(() => a.savePage({ pageId, baseRevision: 0, text: TEXT, items: [] }, who)).toThrow(expected);
      // Through the handler table both hosts use: code `damaged`, details the renderer words.
      const table = createHandlers({ archive: inProcess(a), engine: engineAdapter, importer: importerAdapter({ name: 't' }), host: 'browser', version: 't', actor: { name: 't' }, emit: () => {} });
      const r = await dispatch(table, 'page.get', { pageId });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('damaged');
        expect(r.message).toContain(expected);
        // Worded for the user in both languages from the answer's details.
        for (const lng of ['en', 'zh-CN'] as const) {
          const i = createInstance();
          await i.init({ lng, resources: { [lng]: { translation: STRINGS[lng] } }, interpolation: { escapeValue: false } });
          const shown = localizeHostMessage(i.t.bind(i) as (k: string, o?: Record<string, unknown>) => string, r.message, r);
          expect(shown).toContain(`galley restore BACKUP_FILE --archive ${path}`);
          expect(shown).toContain(lng === 'en' ? `the item set of page ${pageId}: 4 items expected, 3 found` : `第 ${pageId} 版的条目集合：应有 4 条，实有 3 条`);
        }
      }
    } finally {
      a.close();
    }

    const out = path + '.bak';
    await expect(backupArchive(path, out)).rejects.toThrow(BackupError);
    await expect(backupArchive(path, out)).rejects.toThrow(expected);
    expect(existsSync(out)).toBe(false);
    io = captureIO();
    expect(await main(['backup', '--archive', path, '--out', out], io)).toBe(1);
    expect(io.out()).not.toContain('checked ok');
    // The damaged file offered as a backup is refused before anything changes.
    const target = path + '.target';
    await expect(restoreArchive(path, target)).rejects.toThrow(BackupInvalidError);
    await expect(restoreArchive(path, target)).rejects.toThrow(/item set of page/);
    expect(existsSync(target)).toBe(false);
  });

  it('an added item row, a deleted record and a reordered set are each found', () => {
    const added = makeArchive();
    let db = rawDb(added.path, true);
    db.prepare(`INSERT INTO items(page_id, ord, kind, start_offset, end_offset) VALUES (?, 4, 'brief', 0, 1)`).run(added.pageId);
    db.close();
    expect(damagedSets(added.path).map(describeDamage)).toEqual([`item set of page ${added.pageId} does not match: 4 items expected, 5 found`]);

    const unrecorded = makeArchive();
    db = rawDb(unrecorded.path, false);
    db.prepare('DELETE FROM item_sets WHERE page_id = ?').run(unrecorded.pageId);
    db.close();
    expect(damagedSets(unrecorded.path).map(describeDamage)).toEqual([`item set of page ${unrecorded.pageId} has no checksum record (4 items found)`]);
    const a = openArchive(unrecorded.path, quiet);
    try {
      expect(() => a.getPage(unrecorded.pageId)).toThrow(/has no checksum record/);
    } finally {
      a.close();
    }

    // Two items' ord swapped with their row checksums recomputed (so no row is damaged): the set is.
    const swapped = makeArchive();
    db = rawDb(swapped.path, true);
    const [x, y] = db.prepare('SELECT id, ord FROM items WHERE page_id = ? ORDER BY ord LIMIT 2').all(swapped.pageId) as { id: number; ord: number }[];
    db.prepare('UPDATE items SET ord = ? WHERE id = ?').run(-1, x!.id);
    db.prepare('UPDATE items SET ord = ? WHERE id = ?').run(x!.ord, y!.id);
    db.prepare('UPDATE items SET ord = ? WHERE id = ?').run(y!.ord, x!.id);
    db.close();
    const found = damagedSets(swapped.path);
    expect(found.map(describeDamage)).toEqual([`item set of page ${swapped.pageId} does not match: 4 items expected, 4 found`]);
  });

  it('every archive write of items keeps the record current: save, one-field edit, merge, restore, re-import', () => {
    const { path, pageId } = makeArchive();
    const a = openArchive(path, quiet);
    const clean = () => {
      const db = new Database(path, { readonly: true });
      try {
        return verifyAllRows(db).damaged;
      } finally {
        db.close();
      }
    };
    try {
      let page = a.getPage(pageId);
      // Save with one item fewer (the page's items replaced).
      a.savePage({ pageId, baseRevision: page.revision, text: page.text, items: page.items.slice(0, 2).map((it, i) => (i === 1 ? { ...it, end: page.text.length } : it)) }, who);
      expect(clean()).toEqual([]);
      page = a.getPage(pageId);
      expect(page.items.length).toBe(2);
      // A one-field edit (rewrites one row in place) and a merge (renumbers the rows).
      a.editPage({ pageId, baseRevision: page.revision, ops: [{ op: 'field', index: 0, name: 'headline', from: page.items[0]!.headline, to: '新标题' }] }, who);
      expect(clean()).toEqual([]);
      page = a.getPage(pageId);
      expect(page.items[0]!.headline).toBe('新标题');
      a.editPage({ pageId, baseRevision: page.revision, ops: [{ op: 'merge', index: 1, start: page.items[1]!.start }] }, who);
      expect(clean()).toEqual([]);
      expect(a.getPage(pageId).items.length).toBe(1);
      // Restore the first revision, then re-import the file over the corrections.
      a.restoreRevision(pageId, 0, who);
      expect(clean()).toEqual([]);
      a.importPages([{ sourceName: 'p1.txt', text: TEXT + '补记。\n', encoding: 'UTF-8', segmentation: fakeSegment(TEXT + '补记。\n', {}) }], { name: 'importer' }, { overwriteCorrections: true });
      expect(clean()).toEqual([]);
      expect(a.getPage(pageId).text).toContain('补记');
    } finally {
      a.close();
    }
  });
});
