// The browser host's fences, checked on every kind of route (launch URL, page, static asset, each
// API channel, event stream) against the real handler table and a real SQLite archive: no token,
// a wrong token, the token in a cookie, a foreign Origin, a foreign Host (DNS rebinding), no CORS
// grants, malformed cookies, oversized bodies (413) — and the socket
// bound to 127.0.0.1 only (a connection to another local address of this machine is refused).
// test/host/http-host.test.ts covers the basics once; this file sweeps the whole matrix.
// Traffic never leaves the machine: only 127.0.0.1, ::1 and this container's own addresses.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/host/handlers.ts';
import { startHttpHost, type HttpHost } from '../../electron/host/http-host.ts';
import { loadBackend } from '../../electron/host/load-backend.ts';
import type { Backend } from '../../electron/host/backend.ts';
import { CHANNELS, HTTP_TOKEN_HEADER } from '../../shared/ipc.ts';
import { MAX_REQUEST_BODY_BYTES } from '../../shared/limits.ts';
import { recordFigures } from '../reliability/figures.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; host?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: options.host ?? '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, setHost: !options.headers?.host },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.setTimeout(5_000, () => req.destroy(new Error('timeout')));
    if (options.body) req.write(options.body);
    req.end();
  });
}

/** Another address of this machine that is not loopback (e.g. the container's eth0), if any. */
function otherLocalAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') return a.address;
  }
  return null;
}

function tryConnect(host: string, port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const s = connect({ host, port, timeout: 3_000 });
    s.once('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.once('timeout', () => {
      s.destroy();
      resolve('timeout');
    });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

describe('browser host fences (matrix)', () => {
  let host: HttpHost;
  let backend: Backend;
  let dir: string;
  let origin: string;
  const cookie = () => `galley_session=${host.token}`;
  let checked = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-sec-'));
    const staticDir = join(dir, 'static');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<html><head></head><body>app</body></html>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside the renderer folder');
    backend = await loadBackend(join(dir, 'archive.sqlite'), { name: 'sec' });
    await backend.archive.importPage({ sourceName: 'p1.txt', text: '衡阳日报\n\n标题\n本报讯（记者 张三）内容。\n', encoding: 'UTF-8' }, { name: 'sec' });
    host = await startHttpHost({
      staticDir,
      createTable: (emit) => createHandlers({ ...backend, host: 'browser', version: 'sec', actor: { name: 'sec' }, emit }),
    });
    origin = `http://127.0.0.1:${host.port}`;
  });

  afterAll(async () => {
    await host.close();
    await backend.archive.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const goodApiHeaders = () => ({ origin, 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: host.token });

  it('refuses every API channel without the token, with a wrong token, from a foreign Origin or Host', async () => {
    const wrong = host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A');
    for (const channel of CHANNELS) {
      const path = `/api/${channel}`;
      const variants: [string, Record<string, string>, number][] = [
        ['no header', { origin, 'content-type': 'application/json' }, 401],
        ['the token as a cookie', { cookie: cookie(), origin, 'content-type': 'application/json' }, 401],
        ['the token as a query', { origin, 'content-type': 'application/json', 'x-path-token': host.token }, 401],
        ['wrong header', { ...goodApiHeaders(), [HTTP_TOKEN_HEADER]: wrong }, 401],
        ['malformed cookie, no header', { cookie: 'galley_session=%E0%A4%A; a=%', origin, 'content-type': 'application/json' }, 401],
        ['token upper-cased', { ...goodApiHeaders(), [HTTP_TOKEN_HEADER]: host.token.toUpperCase() }, 401],
        // (Leading/trailing blanks are not a variant: HTTP strips them from every header value.)
        ['token with a suffix', { ...goodApiHeaders(), [HTTP_TOKEN_HEADER]: `${host.token}x` }, 401],
        ['token prefix', { ...goodApiHeaders(), [HTTP_TOKEN_HEADER]: host.token.slice(0, 20) }, 401],
        ['foreign Origin', { ...goodApiHeaders(), origin: 'http://evil.example' }, 403],
        ['Origin of another port', { ...goodApiHeaders(), origin: `http://127.0.0.1:${host.port + 1}` }, 403],
        ['Origin suffix trick', { ...goodApiHeaders(), origin: `http://127.0.0.1:${host.port}.evil.example` }, 403],
        ['https Origin', { ...goodApiHeaders(), origin: `https://127.0.0.1:${host.port}` }, 403],
        ['null Origin', { ...goodApiHeaders(), origin: 'null' }, 403],
        ['no Origin', { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: host.token }, 403],
        ['DNS rebinding Host', { ...goodApiHeaders(), host: `evil.example:${host.port}` }, 421],
        ['Host lookalike', { ...goodApiHeaders(), host: `localhost.evil.example:${host.port}` }, 421],
        ['Host without port', { ...goodApiHeaders(), host: '127.0.0.1' }, 421],
        ['Host of another port', { ...goodApiHeaders(), host: `127.0.0.1:${host.port + 1}` }, 421],
      ];
      for (const [what, headers, status] of variants) {
        const r = await send(host.port, what === 'the token as a query' ? `${path}?token=${host.token}` : path, { method: 'POST', headers, body: '{}' });
        checked++;
        expect(r.status, `${channel}: ${what}`).toBe(status);
        expect(r.headers['access-control-allow-origin'], `${channel}: ${what}`).toBeUndefined();
        expect(r.body, `${channel}: ${what}`).not.toContain('衡阳日报');
      }
    }
  });

  it('serves the renderer (no secret in it) but refuses foreign Hosts and Origins; the event stream wants the token', async () => {
    const routes = ['/', '/index.html', '/assets/app.js', '/api/events'];
    for (const path of routes) {
      const guarded = path === '/api/events';
      const variants: [string, Record<string, string>, number][] = [
        ['no token', {}, guarded ? 401 : 200],
        ['the token as a cookie', { cookie: cookie() }, guarded ? 401 : 200],
        ['malformed cookie', { cookie: 'galley_session=%E0%A4%A; =; ;;x' }, guarded ? 401 : 200],
        ['foreign Host', { [HTTP_TOKEN_HEADER]: host.token, host: `evil.example:${host.port}` }, 421],
        ['foreign Origin', { [HTTP_TOKEN_HEADER]: host.token, origin: 'http://evil.example' }, 403],
      ];
      for (const [what, headers, status] of variants) {
        const r = await send(host.port, path, { headers });
        checked++;
        expect(r.status, `${path}: ${what}`).toBe(status);
        expect(r.body).not.toContain(host.token);
        expect(r.headers['set-cookie'], `${path}: ${what}`).toBeUndefined();
      }
    }
    // The old launch URL shape sets nothing and echoes nothing.
    for (const [headers, path, status] of [
      [{}, '/?token=wrong', 200],
      [{}, `/?token=${host.token}`, 200],
      [{ host: `evil.example:${host.port}` }, `/?token=${host.token}`, 421],
      [{ origin: 'http://evil.example' }, `/?token=${host.token}`, 403],
    ] as [Record<string, string>, string, number][]) {
      const r = await send(host.port, path, { headers });
      checked++;
      expect(r.status).toBe(status);
      expect(r.headers['set-cookie']).toBeUndefined();
      expect(r.body).not.toContain(host.token);
    }
    const ok = await send(host.port, '/assets/app.js');
    expect(ok.status).toBe(200);
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect(ok.headers['x-frame-options']).toBe('DENY');
    expect(ok.headers['cross-origin-resource-policy']).toBe('same-origin');
    // Traversal out of the renderer folder, encoded or not.
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%2e%2e%2f%2e%2e%2fsecret.txt', '/%E0%A4%A']) {
      const r = await send(host.port, p);
      checked++;
      expect(r.status, p).not.toBe(200);
      expect(r.status, p).toBeLessThan(500);
      expect(r.body).not.toContain('outside the renderer folder');
    }
  });

  it('answers a body over the limit with 413 (declared or streamed), not a reset', async () => {
    // Declared: refused before a byte of the body is read.
    const declared = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/api/import.files', method: 'POST', headers: { ...goodApiHeaders(), 'content-length': String(200 * 1024 * 1024) } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('{"files":[');
      // Keep the request open: the answer must come without the rest of the 200 MB.
    });
    expect(declared).toBe(413);
    // Streamed (chunked, no length): answered 413 once the limit is crossed.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/api/import.files', method: 'POST', headers: goodApiHeaders() }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (e) => reject(e));
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent <= MAX_REQUEST_BODY_BYTES + 2 * chunk.length) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(streamed).toBe(413);
    checked += 2;
  });

  it('answers no CORS preflight and no other method', async () => {
    for (const method of ['OPTIONS', 'PUT', 'DELETE', 'PATCH']) {
      const r = await send(host.port, '/api/library.tree', {
        method,
        headers: { ...goodApiHeaders(), 'access-control-request-method': 'POST' },
      });
      checked++;
      expect(r.status, method).toBe(405);
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('serves a well-formed request (the fences are not simply closed)', async () => {
    const r = await send(host.port, '/api/library.tree', { method: 'POST', headers: goodApiHeaders(), body: '{}' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).value.publications.length).toBe(1);
  });

  it('is bound to 127.0.0.1 only: other local addresses of this machine are refused', async () => {
    const address = host.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    const other = otherLocalAddress();
    const results: Record<string, string> = {};
    if (other) {
      results[other] = await tryConnect(other, host.port);
      expect(results[other]).toBe('ECONNREFUSED');
    }
    results['::1'] = await tryConnect('::1', host.port);
    expect(results['::1']).not.toBe('connected');
    results['127.0.0.2'] = await tryConnect('127.0.0.2', host.port);
    expect(results['127.0.0.2']).not.toBe('connected');
    recordFigures('security-http', { otherLocalAddressTried: other ?? 'none on this machine', connectResults: results, fenceRequestsChecked: checked });
  });
});
