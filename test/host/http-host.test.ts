// The loopback HTTP host's fences: token header, Host, Origin, loopback peers; and the handler
// table behind it (validation of every payload with zod).
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/host/handlers.ts';
import { startHttpHost, type HttpHost } from '../../electron/host/http-host.ts';
import { isLoopbackAddress } from '../../electron/host/security.ts';
import { HTTP_TOKEN_HEADER } from '../../shared/ipc.ts';
import { fakeDerive } from '../renderer/fake-engine.ts';
import { memoryArchive } from './memory-archive.ts';
import { inProcess } from '../../electron/archive/async-archive.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, setHost: !options.headers?.host }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

describe('HTTP host', () => {
  let host: HttpHost;
  let dir: string;
  const archive = memoryArchive();
  let origin: string;
  const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    send(host.port, `/api/${channel}`, {
      method: 'POST',
      headers: {
        origin,
        'content-type': 'application/json',
        [HTTP_TOKEN_HEADER]: host.token,
        ...headers,
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-host-'));
    writeFileSync(join(dir, 'index.html'), '<html><head></head><body>app</body></html>');
    archive.importPage({ sourceName: 'p1.txt', text: 'Title\nbody\n', encoding: 'UTF-8' }, { name: 't' });
    host = await startHttpHost({
      staticDir: dir,
      createTable: (emit) =>
        createHandlers({
          archive: inProcess(archive),
          engine: { deriveItems: fakeDerive },
          importer: {
            importPaths: async () => ({ outcomes: [], cancelled: false }),
            importUploads: async (files) => ({ outcomes: files.map((f) => ({ source: f.relativePath, status: 'imported' as const })), cancelled: false }),
          },
          host: 'browser',
          version: 'test',
          actor: { name: 'tester' },
          emit,
        }),
    });
    origin = `http://127.0.0.1:${host.port}`;
  });

  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds to 127.0.0.1 only', () => {
    const address = host.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{40,}$/);
  });

  it('accepts loopback peers only', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('192.168.1.4')).toBe(false);
    expect(isLoopbackAddress('::ffff:10.0.0.1')).toBe(false);
    expect(isLoopbackAddress('128.0.0.1')).toBe(false);
    expect(isLoopbackAddress(undefined)).toBe(false);
  });

  it('hands the token only in the URL fragment: the page holds no secret and no cookie is ever set', async () => {
    const page = await send(host.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(host.token);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    // An old-style launch URL is not an exchange any more: nothing is set, nothing echoed.
    const old = await send(host.port, `/?token=${host.token}`);
    expect(old.headers['set-cookie']).toBeUndefined();
    expect(old.body).not.toContain(host.token);
    const tree = await api('library.tree', {});
    expect(tree.status).toBe(200);
    expect(tree.headers['set-cookie']).toBeUndefined();
  });

  it('refuses API calls and the event stream without the token header, or with a wrong one (401)', async () => {
    expect((await send(host.port, '/api/events')).status).toBe(401);
    expect((await send(host.port, '/api/events', { headers: { cookie: `galley_session=${host.token}` } })).status).toBe(401);
    expect((await api('library.tree', {}, { [HTTP_TOKEN_HEADER]: '' })).status).toBe(401);
    expect((await api('library.tree', {}, { [HTTP_TOKEN_HEADER]: 'x'.repeat(43) })).status).toBe(401);
    // The token in a cookie (what the old design used) is not a credential.
    const cookieOnly = await send(host.port, '/api/library.tree', {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', cookie: `galley_session=${host.token}` },
      body: '{}',
    });
    expect(cookieOnly.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await send(host.port, '/', { headers: { host: `evil.example:${host.port}` } })).status).toBe(421);
    expect((await api('library.tree', {}, { host: `attacker.test:${host.port}` })).status).toBe(421);
    expect((await api('library.tree', {}, { host: `127.0.0.1:${host.port + 1}` })).status).toBe(421);
  });

  it('refuses a foreign or missing Origin on API calls', async () => {
    expect((await api('library.tree', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('library.tree', {}, { origin: `http://127.0.0.1:${host.port + 1}` })).status).toBe(403);
    expect((await api('library.tree', {}, { origin: 'null' })).status).toBe(403);
    const r = await send(host.port, '/api/library.tree', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: host.token },
      body: '{}',
    });
    expect(r.status).toBe(403);
  });

  it('serves the handler table and validates every payload', async () => {
    const tree = await api('library.tree', {});
    expect(tree.status).toBe(200);
    expect(JSON.parse(tree.body).value.publications[0].title).toBe('Test Daily');
    expect((await api('page.get', { pageId: 'one' })).status).toBe(400);
    expect((await api('page.get', { pageId: 1, extra: true })).status).toBe(400);
    expect((await api('no.such', {})).status).toBe(404);
    expect((await api('page.get', { pageId: 99 })).status).toBe(404);
    expect((await api('library.tree', {}, { 'content-type': 'text/plain' })).status).toBe(415);
    const bad = await send(host.port, '/api/library.tree', {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: host.token },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect((await send(host.port, '/api/library.tree', { headers: { [HTTP_TOKEN_HEADER]: host.token } })).status).toBe(405);
  });

  it('saves with a base revision and refuses a stale one', async () => {
    const page = JSON.parse((await api('page.get', { pageId: 1 })).body).value;
    const { items } = JSON.parse((await api('engine.derive', { text: page.text, starts: [0], kinds: [null] })).body).value;
    expect(items.length).toBeGreaterThan(0);
    const save = await api('page.edit', { pageId: 1, baseRevision: 0, ops: [{ op: 'text', at: page.text.length, remove: '', insert: '补。' }] });
    expect(JSON.parse(save.body).value.revision).toBe(1);
    const stale = await api('page.edit', { pageId: 1, baseRevision: 0, ops: [{ op: 'text', at: 0, remove: '', insert: 'x' }] });
    expect(stale.status).toBe(409);
    expect((await api('engine.derive', { text: 'ab', starts: [0, 5], kinds: [null, null] })).status).toBe(400);
    expect((await api('engine.derive', { text: 'ab', starts: [0], kinds: [] })).status).toBe(400);
  });

  it('refuses import by path in the browser host and upload names that climb out', async () => {
    expect((await api('import.paths', { paths: ['/etc/passwd'] })).status).toBe(404); // no such channel any more
    expect((await api('import.handles', { handles: ['/etc/passwd'] })).status).toBe(400);
    expect((await api('import.handles', { handles: ['A'.repeat(22)] })).status).toBe(400);
    expect((await api('import.files', { files: [{ name: '../x.txt', data: 'YQ==' }] })).status).toBe(400);
    expect((await api('import.files', { files: [{ name: '/abs.txt', data: 'YQ==' }] })).status).toBe(400);
    const ok = await api('import.files', { files: [{ name: 'Daily/2021-10-29/p1.txt', data: Buffer.from('x').toString('base64') }] });
    expect(JSON.parse(ok.body).value.outcomes[0].source).toBe('Daily/2021-10-29/p1.txt');
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await send(host.port, '/../package.json')).status).toBe(404);
    expect((await send(host.port, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });
});
