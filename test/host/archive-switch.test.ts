// "Open archive…" on the host side (issue 13 §6), over real HTTP against the browser host's wiring
// with two SQLite archives: the host lists what it knows by id (a path is never accepted from the
// client); the one user of a local archive without profiles may switch; on an archive with profiles
// only a supervisor, with the password again; a failed opening keeps the old archive; a switch
// closes the old archive, rebuilds the tables (login sessions of the old archive end), tells the
// windows (archive.switched) and remembers the archive in known-archives.json (0600).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../electron/accounts/password.ts';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host.ts';
import { archiveId, knownArchives } from '../../electron/host/known-archives.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { HTTP_TOKEN_HEADER } from '../../shared/ipc.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: { ok: boolean; value?: unknown; code?: string; reason?: string };
}

const dir = mkdtempSync(join(tmpdir(), 'galley-switch-'));
const A = join(dir, 'a.sqlite');
const B = join(dir, 'b.sqlite');
const GONE = join(dir, 'gone.sqlite');
const knownFile = join(dir, 'data', 'known-archives.json');
let host: BrowserHost;
const events: string[] = [];

function post(path: string, body: unknown, cookie?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { origin: `http://127.0.0.1:${host.port}`, 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: host.token };
    if (cookie) headers.cookie = cookie;
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(text) as Reply['json'] }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** Listens on the event stream and keeps the event names. */
function listen(): () => void {
  const req = request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { [HTTP_TOKEN_HEADER]: host.token } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (c: string) => {
      for (const m of c.matchAll(/^event: (.+)$/gm)) events.push(m[1]!);
    });
  });
  req.on('error', () => undefined);
  req.end();
  return () => req.destroy();
}

const known = async () => (await post('/api/archives.known', {})).json.value as { entries: { id: string; label: string; current: boolean; kind: string }[]; canSwitch: boolean; canBrowse: boolean };
const pageCount = async (cookie?: string) => {
  const tree = (await post('/api/library.tree', {}, cookie)).json.value as { issues?: unknown[] }[] | { publications?: unknown[] };
  return JSON.stringify(tree).length;
};

beforeAll(async () => {
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<html></html>');
  // B: one page, a supervisor and an editor with passwords (an archive with accounts).
  const b = openArchive(B);
  b.importPages([{ sourceName: '衡阳日报/2021-10-29/p01.txt', text: '衡阳日报\n\n标题\n本报讯（记者 张三）内容。\n', encoding: 'UTF-8' }], { name: 'setup' });
  const sue = b.createProfile({ name: 'Sue', role: 'supervisor' }, { name: 'setup' });
  const ed = b.createProfile({ name: 'Ed', role: 'editor' }, { name: 'Sue', profileId: sue.id, role: 'supervisor' });
  b.setProfilePassword(sue.id, await hashPassword('sue-secret-pw'), { name: 'Sue', profileId: sue.id, role: 'supervisor' });
  b.setProfilePassword(ed.id, await hashPassword('ed-secret-pw'), { name: 'Sue', profileId: sue.id, role: 'supervisor' });
  b.close();
  // A: empty, no profiles. GONE: listed, then deleted.
  openArchive(A).close();
  openArchive(GONE).close();
  knownArchives(knownFile).remember(B);
  knownArchives(knownFile).remember(GONE);
  rmSync(GONE);
  host = await startBrowserHost({ archivePath: A, staticDir, tokenDir: join(dir, 'data', 'host-tokens') });
}, 60_000);

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('archive switch in the browser host', () => {
  it('lists the archives it knows by id, the open one marked, and keeps the list private', async () => {
    const k = await known();
    expect(k.canSwitch).toBe(true);
    expect(k.canBrowse).toBe(false);
    expect(k.entries.map((e) => e.label)).toEqual([A, GONE, B]);
    expect(k.entries.find((e) => e.current)?.label).toBe(A);
    expect(k.entries.every((e) => /^[0-9a-f]{16}$/.test(e.id))).toBe(true);
    if (process.platform !== 'win32') expect(statSync(knownFile).mode & 0o077).toBe(0);
  });

  it('refuses a path, an unknown id, a listed file that is gone, the open archive and a malformed URL', async () => {
    expect((await post('/api/archives.open', { target: { path: B } })).status).toBe(400);
    expect((await post('/api/archives.open', { target: { known: '0123456789abcdef' } })).json).toMatchObject({ code: 'not-found', reason: 'switch-unknown' });
    expect((await post('/api/archives.open', { target: { known: archiveId(GONE) } })).json).toMatchObject({ code: 'not-found', reason: 'switch-unknown' });
    expect((await post('/api/archives.open', { target: { known: archiveId(A) } })).json).toMatchObject({ reason: 'switch-same' });
    expect((await post('/api/archives.open', { target: { postgres: 'postgresql://' } })).json).toMatchObject({ code: 'bad-request', reason: 'invalid-input' });
  });

  it('a PostgreSQL server that does not answer leaves the old archive open', async () => {
    const r = await post('/api/archives.open', { target: { postgres: `postgresql://nobody@/galley?host=${join(dir, 'no-socket-here')}` } });
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({ code: 'unavailable', reason: 'switch-failed' });
    expect(host.archivePath).toBe(A);
    expect((await known()).entries.find((e) => e.current)?.label).toBe(A);
  }, 30_000);

  it('the one user of a local archive without profiles switches; windows are told; the old archive is closed', async () => {
    const stop = listen();
    try {
      await new Promise((ok) => setTimeout(ok, 200));
      const before = await pageCount();
      const r = await post('/api/archives.open', { target: { known: archiveId(B) } });
      expect(r.status).toBe(200);
      expect(r.json.value).toEqual({ opened: true, kind: 'local', label: B });
      expect(host.archivePath).toBe(B);
      await new Promise((ok) => setTimeout(ok, 200));
      expect(events).toContain('archive.switched');
      // B has accounts: the same tab now needs a login, and then sees B's page.
      expect((await post('/api/library.tree', {})).json).toMatchObject({ reason: 'login-required' });
      const login = await post('/auth/login', { name: 'Ed', password: 'ed-secret-pw' });
      const cookie = String((login.headers['set-cookie'] as string[])[0]).split(';')[0]!;
      expect(await pageCount(cookie)).toBeGreaterThan(before);
      // The list remembers B first now.
      expect(JSON.parse(readFileSync(knownFile, 'utf8')).archives[0].target).toBe(B);
    } finally {
      stop();
    }
  }, 30_000);

  it('on an archive with accounts: an editor is refused, a supervisor needs the password again; the old logins end', async () => {
    const ed = String(((await post('/auth/login', { name: 'Ed', password: 'ed-secret-pw' })).headers['set-cookie'] as string[])[0]).split(';')[0]!;
    const refused = await post('/api/archives.open', { target: { known: archiveId(A) }, password: 'ed-secret-pw' }, ed);
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: 'forbidden', reason: 'archive.switch' });
    const sue = String(((await post('/auth/login', { name: 'Sue', password: 'sue-secret-pw' })).headers['set-cookie'] as string[])[0]).split(';')[0]!;
    expect((await post('/api/archives.open', { target: { known: archiveId(A) } }, sue)).json).toMatchObject({ reason: 'password-required' });
    expect((await post('/api/archives.open', { target: { known: archiveId(A) }, password: 'wrong-password' }, sue)).json).toMatchObject({ reason: 'wrong-password' });
    expect(host.archivePath).toBe(B);
    const ok = await post('/api/archives.open', { target: { known: archiveId(A) }, password: 'sue-secret-pw' }, sue);
    expect(ok.json.value).toMatchObject({ opened: true, label: A });
    expect(host.archivePath).toBe(A);
    // A has no accounts: no login is asked, and B's old session cookie no longer names anyone.
    expect((await post('/auth/status', {}, sue)).json.value).toEqual({ active: false, profile: null });
    // The closed archive B can be opened again by another process (the old handle is gone).
    const again = openArchive(B);
    expect(again.listProfiles().map((p) => p.name).sort()).toEqual(['Ed', 'Sue']);
    again.close();
  }, 30_000);
});
