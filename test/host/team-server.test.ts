// The team server's reach (issue 13 §2, galley serve --listen/--tls-*): over HTTPS with a throwaway
// self-signed certificate made here, a login and an API call work and the cookie is Secure; a
// foreign Host (DNS rebinding) and a foreign Origin are refused; listening beyond loopback is
// refused without accounts, and without TLS unless --insecure-http; the TLS files and the --listen
// value are checked with one clear sentence each.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../electron/accounts/password.ts';
import type { Backend } from '../../electron/host/backend.ts';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host.ts';
import { engineAdapter, importerAdapter } from '../../electron/host/load-backend.ts';
import { ListenError, parseListen, parseServerNames, serverNames } from '../../electron/host/listen.ts';
import { TeamReachError } from '../../electron/host/team-reach.ts';
import { TlsError, loadTlsFiles } from '../../electron/host/tls.ts';
import { inProcess } from '../../electron/archive/async-archive.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { HTTP_TOKEN_HEADER } from '../../shared/ipc.ts';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { run as serve } from '../../electron/cli/commands/serve.ts';

const dir = mkdtempSync(join(tmpdir(), 'galley-team-server-'));
const staticDir = join(dir, 'static');

/** A self-signed certificate for 127.0.0.1/localhost, made with openssl for this run only. */
function makeCert(name: string, days = 2): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', String(days), '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'pipe' });
  return { cert, key };
}

function openBackend(file: string): Backend {
  const archive = inProcess(openArchive(join(dir, file), { segment: fakeSegment, logger: { warn: () => undefined } }));
  return { archive, engine: engineAdapter, importer: importerAdapter({ name: 'os' }) };
}

async function withSupervisor(backend: Backend, password = 'sue-secret-pw'): Promise<void> {
  const sue = await backend.archive.createProfile({ name: 'Sue', role: 'supervisor' }, { name: 'Sue' });
  await backend.archive.setProfilePassword(sue.id, await hashPassword(password), { name: 'Sue', profileId: sue.id, role: 'supervisor' });
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function post(host: BrowserHost, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: 'POST',
        // The throwaway certificate is trusted for this request only.
        ca: certs.good.certPem,
        servername: 'localhost',
        headers: { host: `127.0.0.1:${host.port}`, origin: `https://127.0.0.1:${host.port}`, 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: host.token, ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const certs = {} as { good: { cert: string; key: string; certPem: string }; other: { cert: string; key: string } };

beforeAll(() => {
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<html></html>');
  const good = makeCert('good');
  certs.good = { ...good, certPem: execFileSync('cat', [good.cert], { encoding: 'utf8' }) };
  certs.other = makeCert('other');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--listen values', () => {
  it('reads HOST:PORT, [IPv6]:PORT, HOST and PORT', () => {
    expect(parseListen('0.0.0.0:4870')).toEqual({ host: '0.0.0.0', port: 4870, loopback: false, wildcard: true });
    expect(parseListen('[::]:443')).toEqual({ host: '::', port: 443, loopback: false, wildcard: true });
    expect(parseListen('127.0.0.1:9000')).toMatchObject({ loopback: true, wildcard: false });
    expect(parseListen('galley.newsroom.example')).toEqual({ host: 'galley.newsroom.example', port: undefined, loopback: false, wildcard: false });
    expect(parseListen('9000')).toEqual({ host: '127.0.0.1', port: 9000, loopback: true, wildcard: false });
    expect(parseListen('::1')).toMatchObject({ host: '::1', loopback: true });
  });
  it('refuses bad ports and hosts with a sentence naming the value, in both languages', () => {
    for (const bad of ['0.0.0.0:0', '0.0.0.0:65536', 'host:http', '0.0.0.0:-1', '']) expect(() => parseListen(bad)).toThrow(ListenError);
    expect(() => parseListen('0.0.0.0:70000')).toThrow('--listen 0.0.0.0:70000: the port must be a whole number from 1 to 65535.');
    expect(() => parseListen('999.1.1.1:80')).toThrow('“999.1.1.1” is neither an IP address nor a host name');
    expect(() => parseListen('bad_host!:80', 'zh-CN')).toThrow('--listen bad_host!:80：“bad_host!”既不是 IP 地址，也不是主机名。');
    expect(() => parseListen('[nothost]:80')).toThrow(ListenError);
    expect(() => parseServerNames('ok.example,not a name')).toThrow('--server-name not a name');
  });
  it('accepts loopback names and the machine’s own on a wildcard address, never a foreign one', () => {
    const names = serverNames(parseListen('0.0.0.0:1'), ['galley.example']);
    expect(names).toEqual(expect.arrayContaining(['127.0.0.1', 'localhost', hostname().toLowerCase(), 'galley.example']));
    expect(names).not.toContain('evil.example');
    expect(serverNames(parseListen('192.168.7.9:1'))).toEqual(['192.168.7.9']);
  });
});

describe('TLS files', () => {
  it('takes a matching PEM pair', () => {
    expect(loadTlsFiles(certs.good.cert, certs.good.key)?.cert.length).toBeGreaterThan(100);
  });
  it('refuses a missing, mismatched, wrong-kind or half pair with one sentence', () => {
    expect(() => loadTlsFiles(certs.good.cert, undefined)).toThrow('--tls-cert and --tls-key go together');
    expect(() => loadTlsFiles(join(dir, 'nope.crt'), certs.good.key)).toThrow(`--tls-cert ${join(dir, 'nope.crt')}: no such file.`);
    expect(() => loadTlsFiles(certs.good.cert, certs.other.key)).toThrow(`--tls-key ${certs.other.key} does not belong to the certificate in ${certs.good.cert}.`);
    expect(() => loadTlsFiles(certs.good.key, certs.good.key)).toThrow('not a PEM certificate');
    expect(() => loadTlsFiles(certs.good.cert, certs.good.cert, 'zh-CN')).toThrow('不是未加密的 PEM 私钥');
    expect(() => loadTlsFiles(certs.good.cert, dir)).toThrow(TlsError);
    const later = new Date(Date.now() + 5 * 86_400_000);
    expect(() => loadTlsFiles(certs.good.cert, certs.good.key, 'en', later)).toThrow('the certificate expired on');
  });
});

describe('beyond loopback', () => {
  it('is refused without accounts, whatever the TLS', async () => {
    const backend = openBackend('open.sqlite');
    const tls = loadTlsFiles(certs.good.cert, certs.good.key)!;
    const start = startBrowserHost({ backend, staticDir, tokenDir: null, knownArchivesFile: null, listen: parseListen('0.0.0.0'), port: 0, tls });
    await expect(start).rejects.toThrow(TeamReachError);
    await expect(start).rejects.toThrow('Listening on 0.0.0.0 reaches beyond this computer, so the archive must have accounts');
  });
  it('is refused without TLS unless --insecure-http is given', async () => {
    const backend = openBackend('no-tls.sqlite');
    await withSupervisor(backend);
    await expect(startBrowserHost({ backend, staticDir, tokenDir: null, knownArchivesFile: null, listen: parseListen('0.0.0.0:48999'), language: 'zh-CN' })).rejects.toThrow(
      '不使用 TLS 在 0.0.0.0:48999 上监听',
    );
  });
  it('galley serve says so in one line and exits 1', async () => {
    const io = captureIO();
    const code = await serve(['--archive', join(dir, 'cli-open.sqlite'), '--listen', '0.0.0.0:48999', '--insecure-http'], io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^galley serve: Listening on 0\.0\.0\.0:48999 reaches beyond this computer.*galley users add NAME --role supervisor/);
    const io2 = captureIO();
    expect(await serve(['--listen', '1.2.3.4:99999'], io2)).toBe(1);
    expect(io2.err()).toContain('the port must be a whole number from 1 to 65535');
    const io3 = captureIO();
    expect(await serve(['--archive', join(dir, 'cli-open.sqlite'), '--tls-cert', certs.good.cert, '--tls-key', certs.other.key], io3)).toBe(1);
    expect(io3.err()).toContain('does not belong to the certificate');
    // Opens a SQLite archive in its worker thread: slow on a loaded machine.
  }, 60_000);
});

describe('over HTTPS on every interface', () => {
  let host: BrowserHost;
  let backend: Backend;
  const logged: string[] = [];

  beforeAll(async () => {
    backend = openBackend('team.sqlite');
    await withSupervisor(backend);
    host = await startBrowserHost({
      backend,
      staticDir,
      tokenDir: null,
      knownArchivesFile: null,
      listen: parseListen('0.0.0.0'),
      port: 0,
      tls: loadTlsFiles(certs.good.cert, certs.good.key)!,
      serverNames: ['galley.example'],
      log: (l) => void logged.push(l),
    });
  });
  afterAll(async () => host.close());

  it('prints an https address', () => {
    expect(host.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/#token=/);
    expect(host.scheme).toBe('https');
  });

  it('logs in (Secure cookie) and answers an API call as that user', async () => {
    const r = await post(host, '/auth/login', { name: 'Sue', password: 'sue-secret-pw' });
    expect(r.status).toBe(200);
    const set = String((r.headers['set-cookie'] as string[])[0]);
    expect(set).toMatch(/; Secure/);
    expect(set).toMatch(/HttpOnly; SameSite=Strict/);
    const cookie = set.split(';')[0]!;
    const who = await post(host, '/api/session.current', {}, { cookie });
    expect(who.status).toBe(200);
    expect(JSON.parse(who.body)).toMatchObject({ ok: true, value: { profile: { name: 'Sue' }, login: true } });
    // Without the cookie: login required.
    expect((await post(host, '/api/session.current', {})).status).toBe(401);
  });

  it('accepts a configured name and refuses a foreign Host (DNS rebinding) and a foreign or plain-http Origin', async () => {
    const named = await post(host, '/auth/status', {}, { host: `galley.example:${host.port}`, origin: `https://galley.example:${host.port}` });
    expect(named.status).toBe(200);
    expect((await post(host, '/auth/status', {}, { host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await post(host, '/auth/status', {}, { origin: `https://evil.example:${host.port}` })).status).toBe(403);
    expect((await post(host, '/auth/status', {}, { origin: `http://127.0.0.1:${host.port}` })).status).toBe(403);
  });

  it('does not switch archives: a network team server serves one', async () => {
    const cookie = String(((await post(host, '/auth/login', { name: 'Sue', password: 'sue-secret-pw' })).headers['set-cookie'] as string[])[0]).split(';')[0]!;
    const known = JSON.parse((await post(host, '/api/archives.known', {}, { cookie })).body) as { value: { canSwitch: boolean; entries: unknown[] } };
    expect(known.value.canSwitch).toBe(false);
    // Nor does it show the server machine's archive paths to its users.
    expect(known.value.entries).toEqual([]);
    const r = await post(host, '/api/archives.open', { target: { postgres: 'postgresql://x@h/db' }, password: 'sue-secret-pw' }, { cookie });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ reason: 'switch-team-server' });
  });
});

describe('--insecure-http', () => {
  it('starts with a warning in the log', async () => {
    const backend = openBackend('insecure.sqlite');
    await withSupervisor(backend);
    const logged: string[] = [];
    const host = await startBrowserHost({ backend, staticDir, tokenDir: null, knownArchivesFile: null, listen: parseListen('0.0.0.0'), port: 0, insecureHttp: true, log: (l) => void logged.push(l) });
    try {
      expect(host.url).toMatch(/^http:\/\//);
      expect(logged.join('\n')).toContain('Warning: serving plain HTTP on 0.0.0.0 (--insecure-http)');
    } finally {
      await host.close();
    }
  });
});
