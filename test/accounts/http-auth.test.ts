// The team server's accounts over real HTTP (browser host wiring: teamAuth, a real SQLite archive):
// without passwords the host works as before; once a profile has one, every API call needs a login
// cookie — none, forged or expired gets 401 — failed logins are rate-limited (429, Retry-After),
// the actor is the login's profile whatever the client sends, approve takes the password again,
// a disabled user's session ends, the cookie alone (without the tab's token) gets nothing, and no
// clear password reaches a log line or the archive file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../../electron/accounts/password.ts';
import { createWebSessions } from '../../electron/accounts/web-sessions.ts';
import type { Backend } from '../../electron/host/backend.ts';
import { teamAuth } from '../../electron/host/browser-host.ts';
import { createHandlers } from '../../electron/host/handlers.ts';
import { startHttpHost, type HttpHost } from '../../electron/host/http-host.ts';
import { engineAdapter, importerAdapter } from '../../electron/host/load-backend.ts';
import { inProcess } from '../../electron/archive/async-archive.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { HTTP_TOKEN_HEADER } from '../../shared/ipc.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: { ok: boolean; value?: unknown; code?: string; reason?: string; details?: Record<string, unknown> };
}

const PASSWORDS = { Sue: 'sue-secret-pw', Ed: 'ed-secret-pw', Wu: 'wu-secret-pw' };

describe('team server accounts over HTTP', () => {
  let dir: string;
  let backend: Backend;
  let host: HttpHost;
  let clock = 0;
  const ids: Record<string, string> = {};
  let pageId = 0;
  let issueId = 0;
  const logged: string[] = [];

  const post = (path: string, body: unknown, opts: { cookie?: string; token?: boolean } = {}): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const data = JSON.stringify(body);
      const headers: Record<string, string> = { origin: `http://127.0.0.1:${host.port}`, 'content-type': 'application/json' };
      if (opts.token !== false) headers[HTTP_TOKEN_HEADER] = host.token;
      if (opts.cookie) headers.cookie = opts.cookie;
      const req = request({ host: '127.0.0.1', port: host.port, path, method: 'POST', headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let json: Reply['json'];
          try {
            json = JSON.parse(text) as Reply['json'];
          } catch {
            json = { ok: false, reason: text.trim() };
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
        });
      });
      req.on('error', reject);
      req.end(data);
    });
  const cookieOf = (r: Reply) => String((r.headers['set-cookie'] as string[] | undefined)?.[0] ?? '').split(';')[0]!;
  const login = async (name: keyof typeof PASSWORDS) => {
    const r = await post('/auth/login', { name, password: PASSWORDS[name] });
    expect(r.status).toBe(200);
    return cookieOf(r);
  };

  beforeAll(async () => {
    for (const m of ['log', 'warn', 'error', 'info'] as const) vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void logged.push(a.map(String).join(' ')));
    dir = mkdtempSync(join(tmpdir(), 'galley-accounts-'));
    const staticDir = join(dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<html></html>');
    // The test segmenter: these checks are about accounts, not the engine.
    const archive = inProcess(openArchive(join(dir, 'archive.sqlite'), { segment: fakeSegment, logger: { warn: (m) => void logged.push(m) } }));
    backend = { archive, engine: engineAdapter, importer: importerAdapter({ name: 'os' }) };
    const out = await backend.archive.importPage({ sourceName: '衡阳日报/2021-10-29/p01.txt', text: '衡阳日报\n\n标题\n本报讯（记者 张三）内容。\n', encoding: 'UTF-8' }, { name: 'os' });
    pageId = out.pageId;
    issueId = (await backend.archive.getPage(pageId)).issueId;
    const sessions = createWebSessions({ idleMs: 1_000, now: () => clock });
    host = await startHttpHost({
      staticDir,
      createTable: (emit) => createHandlers({ ...backend, host: 'browser', version: 't', actor: { name: 'os' }, emit }),
      auth: teamAuth(backend, 't', { name: 'os' }, sessions),
    });
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await host.close();
    await backend.archive.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('without passwords: no login needed, the host works as before', async () => {
    expect((await post('/auth/status', {})).json.value).toEqual({ active: false, profile: null });
    const sue = await post('/api/profiles.create', { name: 'Sue', role: 'supervisor' });
    expect(sue.status).toBe(200);
    ids.Sue = (sue.json.value as { id: string }).id;
    ids.Ed = ((await post('/api/profiles.create', { name: 'Ed', role: 'editor' })).json.value as { id: string }).id;
    ids.Wu = ((await post('/api/profiles.create', { name: 'Wu', role: 'archivist' })).json.value as { id: string }).id;
    expect(Object.values(ids).every(Boolean)).toBe(true);
    const actor = { name: 'Sue', profileId: ids.Sue!, role: 'supervisor' as const };
    for (const [name, pw] of Object.entries(PASSWORDS)) await backend.archive.setProfilePassword(ids[name]!, await hashPassword(pw), actor);
    expect((await post('/auth/status', {})).json.value).toEqual({ active: true, profile: null });
  });

  it('with passwords: no cookie, a forged cookie, or a cookie without the token gets 401', async () => {
    const none = await post('/api/library.tree', {});
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ code: 'unauthorized', reason: 'login-required' });
    const forged = await post('/api/library.tree', {}, { cookie: `galley_session_${host.port}=${'A'.repeat(43)}` });
    expect(forged.status).toBe(401);
    // The host's old shared session (the remembered profile) is no way in either.
    expect((await post('/api/session.selectProfile', { profileId: ids.Sue })).status).toBe(401);
    const cookie = await login('Ed');
    expect((await post('/api/library.tree', {}, { cookie, token: false })).status).toBe(401);
    // Another port's cookie name does not count here.
    expect((await post('/api/library.tree', {}, { cookie: cookie.replace(`_${host.port}=`, '_1=') })).status).toBe(401);
  });

  it('login: the cookie is HttpOnly, SameSite=Strict, expiring; the session acts as its profile only', async () => {
    const r = await post('/auth/login', { name: 'ed', password: PASSWORDS.Ed });
    expect(r.status).toBe(200);
    const set = String((r.headers['set-cookie'] as string[])[0]);
    expect(set).toMatch(new RegExp(`^galley_session_${host.port}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200$`));
    const cookie = cookieOf(r);
    const who = await post('/api/session.current', {}, { cookie });
    expect(who.json.value).toMatchObject({ profile: { name: 'Ed', role: 'editor' }, login: true });
    // A forged profile id gets nothing: the login's session cannot switch, with or without a password.
    const forged = await post('/api/session.selectProfile', { profileId: ids.Sue }, { cookie });
    expect(forged.status).toBe(403);
    expect(forged.json.reason).toBe('logged-in');
    const again = await post('/api/session.selectProfile', { profileId: ids.Sue, password: 'guess-guess' }, { cookie });
    expect(again.status).toBe(403);
    // An editor may not approve, whatever is sent.
    expect((await post('/api/issues.approve', { issueId, password: PASSWORDS.Ed }, { cookie })).json).toMatchObject({ code: 'forbidden', reason: 'issue.approve' });
    // Nor promote themselves (issue 13: profiles.update was the other way up), even with their own password.
    const promote = await post('/api/profiles.update', { id: ids.Ed, role: 'supervisor', password: PASSWORDS.Ed }, { cookie });
    expect(promote.status).toBe(403);
    expect(promote.json).toMatchObject({ code: 'forbidden', reason: 'profile.manage' });
    expect((await backend.archive.listProfiles()).find((p) => p.id === ids.Ed)?.role).toBe('editor');
    // The editor proofs the page; the revision log names Ed.
    expect((await post('/api/page.setState', { pageId, state: 'proofed' }, { cookie })).status).toBe(200);
    const revs = await backend.archive.listRevisionDetails(pageId);
    expect(revs.at(-1)).toMatchObject({ profileId: ids.Ed, role: 'editor' });
    // Logout ends it.
    expect((await post('/auth/logout', {}, { cookie })).headers['set-cookie']).toEqual([`galley_session_${host.port}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`]);
    expect((await post('/api/session.current', {}, { cookie })).status).toBe(401);
  });

  it('approve asks for the password again: none or a wrong one is refused, the right one approves', async () => {
    const cookie = await login('Sue');
    const without = await post('/api/issues.approve', { issueId }, { cookie });
    expect(without.status).toBe(403);
    expect(without.json).toMatchObject({ code: 'forbidden', reason: 'password-required', details: { name: 'Sue' } });
    expect((await post('/api/issues.approve', { issueId, password: 'not-sues-pw' }, { cookie })).json.reason).toBe('wrong-password');
    const ok = await post('/api/issues.approve', { issueId, password: PASSWORDS.Sue }, { cookie });
    expect(ok.status).toBe(200);
    expect(ok.json.value).toMatchObject({ issue: { state: 'approved' } });
    const history = await backend.archive.listIssueHistory(issueId);
    expect(history.at(-1)).toMatchObject({ event: 'approve', profileId: ids.Sue });
  });

  it('wrong passwords are rate-limited per account: 429 with Retry-After, even for the right one', async () => {
    for (let i = 0; i < 5; i++) expect((await post('/auth/login', { name: 'Wu', password: `wrong-${i}-pw` })).status).toBe(401);
    const blocked = await post('/auth/login', { name: 'Wu', password: PASSWORDS.Wu });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.json).toMatchObject({ reason: 'rate-limited' });
    // Unknown names get the same answer as wrong passwords.
    expect((await post('/auth/login', { name: 'Nobody', password: 'whatever-pw' })).json.reason).toBe('wrong-credentials');
    expect((await post('/auth/login', { name: 'Ed' })).status).toBe(400);
  });

  it('an expired session gets 401; a disabled user is logged out and cannot log in', async () => {
    const cookie = await login('Ed');
    clock += 999;
    expect((await post('/api/session.current', {}, { cookie })).status).toBe(200);
    clock += 1_000;
    const expired = await post('/api/session.current', {}, { cookie });
    expect(expired.status).toBe(401);
    expect(expired.json.reason).toBe('login-required');
    const fresh = await login('Ed');
    await backend.archive.setProfileDisabled(ids.Ed!, true, { name: 'Sue', profileId: ids.Sue!, role: 'supervisor' });
    expect((await post('/api/session.current', {}, { cookie: fresh })).status).toBe(401);
    const refused = await post('/auth/login', { name: 'Ed', password: PASSWORDS.Ed });
    expect(refused.status).toBe(403);
    expect(refused.json.reason).toBe('account-disabled');
  });

  it('no clear password in any log line or in the archive files', () => {
    const files = ['archive.sqlite', 'archive.sqlite-wal'].map((f) => {
      try {
        return readFileSync(join(dir, f)).toString('latin1');
      } catch {
        return '';
      }
    });
    for (const pw of [...Object.values(PASSWORDS), 'not-sues-pw', 'guess-guess']) {
      for (const line of logged) expect(line).not.toContain(pw);
      for (const bytes of files) expect(bytes).not.toContain(pw);
    }
  });
});
