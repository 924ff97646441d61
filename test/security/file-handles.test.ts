// The renderer never names a file path (issue 16, finding 2). Electron: dropped and picked files
// reach the handlers only as opaque handles the main process handed out, each usable once; a path
// or an unknown handle is refused with one answer that says nothing about the file system (the red
// team imported /etc/passwd with import.paths and read it back with page.get). Exports: only the
// configured export folder, or in Electron a folder the main process's own dialog returned — no
// folder of the client's choosing is made (the browser host made one on request).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_DIR_SETTING } from '../../electron/export/archive-export.ts';
import { createFileHandles } from '../../electron/host/file-handles.ts';
import { createHandlers, dispatch, type HandlerTable } from '../../electron/host/handlers.ts';
import { loadBackend } from '../../electron/host/load-backend.ts';
import type { Backend } from '../../electron/host/backend.ts';

const SAMPLE = fileURLToPath(new URL('../../resources/pages/hengyang-daily-2021-10-29-p1.txt', import.meta.url));

describe('handles instead of paths', () => {
  let dir: string;
  let backend: Backend;
  let desktop: HandlerTable;
  let browser: HandlerTable;
  const files = createFileHandles();
  let chosen: string | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-handles-'));
    backend = await loadBackend(join(dir, 'archive.sqlite'), { name: 'sec' });
    await backend.archive.setSetting(EXPORT_DIR_SETTING, join(dir, 'exports'));
    const base = { ...backend, version: 't', actor: { name: 'sec' }, emit: () => {} };
    desktop = createHandlers({ ...base, host: 'electron', files, showFolderDialog: async () => chosen });
    browser = createHandlers({ ...base, host: 'browser' });
    await dispatch(desktop, 'profiles.create', { name: 'Chief', role: 'supervisor' });
  });
  afterAll(async () => {
    await backend.archive.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has no channel that takes a path to import', async () => {
    for (const table of [desktop, browser]) {
      expect(await dispatch(table, 'import.paths', { paths: ['/etc/passwd'] })).toMatchObject({ ok: false, code: 'not-found' });
      expect(await dispatch(table, 'import.handles', { handles: ['/etc/passwd'] })).toMatchObject({ ok: false, code: 'bad-request' });
    }
  });

  it('answers an unknown handle the same way whatever exists, and imports a handed-out handle once', async () => {
    const unknown = await dispatch(desktop, 'import.handles', { handles: ['A'.repeat(22)] });
    const other = await dispatch(desktop, 'import.handles', { handles: ['B'.repeat(22)] });
    expect(unknown).toMatchObject({ ok: false, code: 'bad-request' });
    expect(other).toEqual(unknown);
    // Handles for a system file and a missing file, handed out by someone else's registry: refused alike.
    const foreign = createFileHandles().register(['/etc/passwd', '/no/such/file']);
    for (const h of foreign) expect(await dispatch(desktop, 'import.handles', { handles: [h] })).toEqual(unknown);
    const [handle] = files.register([SAMPLE]);
    const r = await dispatch(desktop, 'import.handles', { handles: [handle!] });
    expect(r.ok).toBe(true);
    expect((r as { value: { outcomes: { status: string }[] } }).value.outcomes[0]!.status).toBe('imported');
    expect(await dispatch(desktop, 'import.handles', { handles: [handle!] })).toEqual(unknown); // used up
    // The browser host has no handles at all (it takes uploads).
    const [h2] = files.register([SAMPLE]);
    expect(await dispatch(browser, 'import.handles', { handles: [h2!] })).toMatchObject({ ok: false, code: 'bad-request' });
  });

  it('writes exports only to the export folder or a folder the native dialog returned', async () => {
    const nested = join(dir, 'client', 'chosen', 'deep');
    const existing = dir;
    const answers = [];
    for (const table of [browser, desktop]) {
      for (const outDir of [nested, existing, '/etc']) {
        const r = await dispatch(table, 'issues.export', { issueId: 1, formats: ['json'], outDir });
        expect(r).toMatchObject({ ok: false, code: 'bad-request' });
        answers.push((r as { message: string }).message);
      }
    }
    expect(existsSync(join(dir, 'client'))).toBe(false); // no folder of the client's choosing was made
    expect(new Set(answers.slice(0, 3)).size).toBe(1); // same answer, existing or not
    expect(new Set(answers.slice(3)).size).toBe(1);
    // The configured folder passes the folder check (the issue is not approved: refused for that).
    expect(await dispatch(browser, 'issues.export', { issueId: 1, formats: ['json'] })).toMatchObject({ ok: false, reason: 'not-approved' });
    // A folder the desktop dialog returned is accepted from then on.
    chosen = join(dir, 'picked');
    expect(await dispatch(desktop, 'export.chooseFolder', {})).toMatchObject({ ok: true, value: { outDir: chosen } });
    expect(await dispatch(desktop, 'issues.export', { issueId: 1, formats: ['json'], outDir: chosen })).toMatchObject({ ok: false, reason: 'not-approved' });
    expect(await dispatch(browser, 'issues.export', { issueId: 1, formats: ['json'], outDir: chosen })).toMatchObject({ ok: false, code: 'bad-request' });
  });
});
