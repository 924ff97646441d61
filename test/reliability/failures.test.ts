// Failures worded for the user (issue 16, finding 5): a full disk and a read-only archive reach the
// user as codes worded in both languages, never raw SQLite text with code 'internal'; a read-only
// archive opens read-only (banner) instead of stopping the host; a save that hit a full disk keeps
// the edit and is tried again.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInstance } from 'i18next';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { archiveWritable } from '../../electron/archive/open-mode.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { createHandlers, dispatch } from '../../electron/host/handlers.ts';
import { engineAdapter, importerAdapter, loadBackend } from '../../electron/host/load-backend.ts';
import type { Backend } from '../../electron/host/backend.ts';
import { inProcess } from '../../electron/archive/async-archive.ts';
import { localizeHostMessage } from '../../renderer/messages.ts';
import { ApiError } from '../../renderer/api/client.ts';
import { createAppStore } from '../../renderer/state/store.ts';
import { STRINGS } from '../../shared/i18n.ts';
import type { GalleyApi } from '../../shared/ipc.ts';
import { applyOps } from '../../core/edit/index.ts';
import { editOpsSchema } from '../../shared/edit-ops.ts';

const quiet = { logger: { warn: () => {} } };
const TEXT = '衡阳日报\n\n标题一\n本报讯（记者 张三）第一篇的内容。\n';
const dirs: string[] = [];
const immutable: string[] = [];
afterAll(() => {
  for (const p of immutable) execFileSync('chattr', ['-i', p]);
  for (const d of dirs) {
    chmodSync(d, 0o755);
    rmSync(d, { recursive: true, force: true });
  }
});

function archiveWithPage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-fail-'));
  dirs.push(dir);
  const path = join(dir, 'a.sqlite');
  const a = openArchive(path, quiet);
  a.importPages([{ sourceName: 'p1.txt', text: TEXT, encoding: 'UTF-8' }], { name: 't' });
  a.close();
  return path;
}

/** Makes the archive and its folder unwritable: permissions, or (as root) the immutable flag. */
function makeReadOnly(path: string): void {
  const dir = join(path, '..');
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', path, dir]);
    immutable.push(path, dir);
  } else {
    chmodSync(path, 0o444);
    chmodSync(dir, 0o555);
  }
  expect(archiveWritable(path)).toBe(false);
}

async function tFor(lng: 'en' | 'zh-CN') {
  const i = createInstance();
  await i.init({ lng, resources: { [lng]: { translation: STRINGS[lng] } }, interpolation: { escapeValue: false } });
  return i.t.bind(i) as (key: string, options?: Record<string, unknown>) => string;
}

const handlersFor = (backend: Backend) =>
  createHandlers({ ...backend, host: 'browser', version: 't', actor: { name: 't' }, emit: () => {} });

describe('worded failures', () => {
  it('opens a read-only archive read-only (app.info says so) and refuses a save with a worded code', { timeout: 90_000 }, async () => {
    const path = archiveWithPage();
    makeReadOnly(path);
    const backend = await loadBackend(path, { name: 't' }); // used to fail: SQLITE_CANTOPEN
    try {
      const table = handlersFor(backend);
      const info = await dispatch(table, 'app.info', {});
      expect(info).toMatchObject({ ok: true, value: { readOnly: true } });
      const page = await dispatch(table, 'page.get', { pageId: 1 });
      expect(page.ok).toBe(true);
      const rec = (page as { value: { text: string; items: unknown[]; revision: number } }).value;
      const save = await dispatch(table, 'page.edit', { pageId: 1, baseRevision: rec.revision, ops: [{ op: 'text', at: rec.text.length, remove: '', insert: '补。' }] });
      expect(save).toMatchObject({ ok: false, code: 'read-only' });
      expect((save as { message: string }).message).not.toMatch(/attempt to write/);
    } finally {
      await backend.archive.close();
    }
  });

  it('answers a full disk with code disk-full, not the raw "database or disk is full"', async () => {
    const path = archiveWithPage();
    // On this thread, so the test can shrink the file's page limit under the archive.
    const archive = inProcess(openArchive(path));
    const backend: Backend = { archive, engine: engineAdapter, importer: importerAdapter({ name: 't' }) };
    try {
      const table = handlersFor(backend);
      const rec = (await dispatch(table, 'page.get', { pageId: 1 })) as { ok: true; value: { text: string; items: unknown[]; revision: number } };
      // No page may be added to the file any more: the next growing write is SQLITE_FULL.
      const raw = archive.sync.db.raw;
      const pages = raw.pragma('page_count', { simple: true }) as number;
      raw.pragma(`max_page_count = ${pages}`);
      const save = await dispatch(table, 'page.edit', { pageId: 1, baseRevision: rec.value.revision, ops: [{ op: 'text', at: rec.value.text.length, remove: '', insert: '长'.repeat(200_000) }] });
      expect(save).toMatchObject({ ok: false, code: 'disk-full' });
      expect((save as { message: string }).message).not.toMatch(/database or disk is full/);
    } finally {
      await backend.archive.close();
    }
  });

  it('words disk full, read-only and damage in both languages (zh-CN with full-width punctuation)', async () => {
    for (const lng of ['en', 'zh-CN'] as const) {
      const t = await tFor(lng);
      const full = localizeHostMessage(t, 'raw', { code: 'disk-full' });
      const ro = localizeHostMessage(t, 'raw', { code: 'read-only' });
      const damaged = localizeHostMessage(t, 'raw', { code: 'damaged', reason: 'damaged', details: { part: 'revision', id: 9, page: 3, revision: 4, path: '/a/archive.sqlite' } });
      expect(full).toBe(STRINGS[lng].security.diskFull);
      expect(ro).toBe(STRINGS[lng].security.readOnly);
      expect(damaged).toContain('galley restore BACKUP_FILE --archive /a/archive.sqlite');
      if (lng === 'en') expect(damaged).toContain('revision 4 of page 3');
      else {
        expect(damaged).toContain('第 3 版的第 4 次修订');
        expect(full).toContain('磁盘已满');
        for (const s of Object.values(STRINGS[lng].security)) expect(s, s).not.toMatch(/[,;:!?]\s|\(|\)/);
      }
    }
  });

  it('keeps an edit refused for a full disk and saves it once there is room again', async () => {
    vi.useFakeTimers();
    try {
      let full = true;
      const saved: string[] = [];
      const page = { id: 7, issueId: 1, pageNumber: 1, sourceName: 'p', encoding: 'UTF-8', contentHash: 'x', text: 'T\nb', state: 'imported', masthead: null, items: [], revision: 1 };
      const api: GalleyApi = {
        host: 'browser',
        async invoke(channel, request) {
          await Promise.resolve();
          if (channel === 'page.get') return structuredClone(page) as never;
          if (channel === 'page.edit') {
            if (full) throw new ApiError('disk-full', 'disk full');
            // The page as the archive would store it: the editor's ops applied by the same core.
            saved.push(applyOps(page as never, editOpsSchema.parse((request as { ops: unknown }).ops)).text);
            return { revision: 2, itemIds: [] } as never;
          }
          return { publications: [], issues: [] } as never;
        },
        on: () => () => undefined,
        importDropped: async () => ({ outcomes: [], cancelled: false }),
      };
      const store = createAppStore({ api, language: 'en', saveDelayMs: 10, diskFullRetryMs: 1_000 });
      await store.getState().openPage(7);
      store.getState().editText([{ offset: 0, length: 1, text: 'X' }]);
      await vi.advanceTimersByTimeAsync(50);
      expect(store.getState().saveState).toBe('error');
      expect(store.getState().saveErrorReason?.code).toBe('disk-full');
      expect(store.getState().session!.history.present.text).toBe('X\nb');
      full = false;
      await vi.advanceTimersByTimeAsync(1_100);
      expect(saved).toEqual(['X\nb']);
      expect(store.getState().saveState).toBe('saved');
    } finally {
      vi.useRealTimers();
    }
  });
});
