// A call made for a page of the archive a tab was loaded from must never land in the archive the
// host opened since (issue 13 §6, seen in session 5): both archives here hold page 1 at revision 0,
// so without the check an edit sent by a tab loaded before "Open archive…" would apply to the new
// archive's page. The host names the open archive on every answer (x-galley-archive), the tab sends
// it back, and a call naming another archive is refused with 'archive-switched' — nothing applied.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host.ts';
import { archiveSwitchedError, windowArchiveFence } from '../../electron/host/archive-switch.ts';
import { describeKnown } from '../../electron/host/known-archives.ts';
import { archiveId, knownArchives } from '../../electron/host/known-archives.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { HTTP_ARCHIVE_HEADER, HTTP_TOKEN_HEADER } from '../../shared/ipc.ts';

interface Reply {
  status: number;
  archive: string | undefined;
  json: { ok: boolean; value?: unknown; code?: string; reason?: string };
}

const dir = mkdtempSync(join(tmpdir(), 'galley-switch-inflight-'));
const A = join(dir, 'a.sqlite');
const B = join(dir, 'b.sqlite');
const knownFile = join(dir, 'data', 'known-archives.json');
let host: BrowserHost;

function post(channel: string, body: unknown, archive?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { origin: `http://127.0.0.1:${host.port}`, 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: host.token };
    if (archive !== undefined) headers[HTTP_ARCHIVE_HEADER] = archive;
    const req = request({ host: '127.0.0.1', port: host.port, path: `/api/${channel}`, method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        const named = res.headers[HTTP_ARCHIVE_HEADER];
        resolve({ status: res.statusCode ?? 0, archive: typeof named === 'string' ? named : undefined, json: JSON.parse(text) as Reply['json'] });
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const page = (text: string) => [{ sourceName: '衡阳日报/2021-10-29/p01.txt', text, encoding: 'UTF-8' }];
const TEXT_A = '衡阳日报\n\n甲档案标题\n本报讯 甲档案的内容。\n';
const TEXT_B = '衡阳日报\n\n乙档案标题\n本报讯 乙档案的内容。\n';

beforeAll(async () => {
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<html></html>');
  // The same page id and revision in both archives (no profiles: the one local user may switch).
  for (const [file, text] of [
    [A, TEXT_A],
    [B, TEXT_B],
  ] as const) {
    const archive = openArchive(file);
    archive.importPages(page(text), { name: 'setup' });
    archive.close();
  }
  // B on the host's list, so a tab can open it by id.
  knownArchives(knownFile).remember(B);
  host = await startBrowserHost({ archivePath: A, staticDir, tokenDir: join(dir, 'data', 'host-tokens'), knownArchivesFile: knownFile });
}, 60_000);

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a call from a tab loaded on the previous archive', () => {
  it('every answer names the open archive', async () => {
    const r = await post('page.get', { pageId: 1 });
    expect(r.status).toBe(200);
    expect(r.archive).toBe(archiveId(A));
  });

  it('is refused after Open archive…, and the page of the same id and revision in the new archive is untouched', async () => {
    // The tab loads page 1 from A: its id, revision and text.
    const loaded = await post('page.get', { pageId: 1 });
    const fromA = loaded.json.value as { revision: number; text: string };
    const tabArchive = loaded.archive!;
    expect(fromA.text).toBe(TEXT_A);
    // Another tab switches the host to B.
    const opened = await post('archives.open', { target: { known: archiveId(B) } });
    expect(opened.json).toMatchObject({ ok: true, value: { opened: true, label: B } });
    const before = (await post('page.get', { pageId: 1 })).json.value as { revision: number; text: string };
    expect(before.text).toBe(TEXT_B);
    expect(before.revision).toBe(fromA.revision);

    // The first tab's save, made on A's page 1 at A's revision, arrives now.
    const ops = [{ op: 'text', at: 0, remove: '', insert: '甲的修改' }];
    const late = await post('page.edit', { pageId: 1, baseRevision: fromA.revision, ops }, tabArchive);
    expect(late.status).toBe(409);
    expect(late.json).toMatchObject({ ok: false, code: 'conflict', reason: 'archive-switched' });
    expect(late.archive).toBe(archiveId(B));
    // Nor a tag, a state change or a read: every call of that tab names A.
    expect((await post('page.setState', { pageId: 1, state: 'proofed' }, tabArchive)).json).toMatchObject({ reason: 'archive-switched' });
    expect((await post('page.get', { pageId: 1 }, tabArchive)).json).toMatchObject({ reason: 'archive-switched' });

    const after = (await post('page.get', { pageId: 1 })).json.value as { revision: number; text: string; state: string };
    expect(after.text).toBe(TEXT_B);
    expect(after.revision).toBe(before.revision);
    expect(after.state).not.toBe('proofed');
    // A tab loaded on B (it names B) saves as before.
    const saved = await post('page.edit', { pageId: 1, baseRevision: after.revision, ops: [{ op: 'text', at: 0, remove: '', insert: '乙的修改' }] }, archiveId(B));
    expect(saved.status).toBe(200);
    expect((await post('page.get', { pageId: 1 }, archiveId(B))).json.value).toMatchObject({ text: `乙的修改${TEXT_B}` });
  }, 30_000);
});

describe("the desktop window's fence (electron-main: the page's load, not a header, says which archive)", () => {
  it('a page loaded before a switch is stale until its next load', () => {
    let open = describeKnown(A);
    const fence = windowArchiveFence({ current: () => open });
    expect(fence.stale()).toBe(false);
    open = describeKnown(B);
    expect(fence.stale()).toBe(true);
    fence.loaded();
    expect(fence.stale()).toBe(false);
    expect(archiveSwitchedError('page.edit').toData()).toMatchObject({ code: 'conflict', reason: 'archive-switched', details: { channel: 'page.edit' } });
  });
});
