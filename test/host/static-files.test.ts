// Compressed static files: the host sends the build's Brotli/gzip copy when the browser accepts
// it (Content-Encoding, Vary), the file itself otherwise, and long-lived caching for hashed assets.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/host/handlers.ts';
import { startHttpHost, type HttpHost } from '../../electron/host/http-host.ts';
import { acceptedEncodings, staticVariant } from '../../electron/host/static-files.ts';
import { fakeDerive } from '../renderer/fake-engine.ts';
import { memoryArchive } from './memory-archive.ts';
import { inProcess } from '../../electron/archive/async-archive.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const SCRIPT = Buffer.from(`console.log(${JSON.stringify('衡阳日报 '.repeat(500))});\n`);

describe('static files', () => {
  let dir: string;
  let host: HttpHost;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<html><body>app</body></html>');
    writeFileSync(join(dir, 'assets', 'app-abc123.js'), SCRIPT);
    writeFileSync(join(dir, 'assets', 'app-abc123.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(dir, 'assets', 'app-abc123.js.gz'), gzipSync(SCRIPT));
    // A leftover copy older than its file is never sent.
    writeFileSync(join(dir, 'assets', 'old-def456.js'), SCRIPT);
    writeFileSync(join(dir, 'assets', 'old-def456.js.br'), brotliCompressSync(Buffer.from('stale')));
    utimesSync(join(dir, 'assets', 'old-def456.js.br'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    const archive = memoryArchive();
    host = await startHttpHost({
      staticDir: dir,
      createTable: (emit) =>
        createHandlers({
          archive: inProcess(archive),
          engine: { deriveItems: fakeDerive },
          importer: {
            importPaths: async () => ({ outcomes: [], cancelled: false }),
            importUploads: async () => ({ outcomes: [], cancelled: false }),
          },
          host: 'browser',
          version: 'test',
          actor: { name: 'tester' },
          emit,
        }),
    });
  });

  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads Accept-Encoding with its weights', () => {
    expect(acceptedEncodings('gzip, deflate, br, zstd')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('gzip;q=0.5, br;q=0')).toEqual(['gzip']);
    expect(acceptedEncodings('*')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('*;q=0, gzip')).toEqual(['gzip']);
    expect(acceptedEncodings(undefined)).toEqual([]);
    expect(acceptedEncodings('identity')).toEqual([]);
  });

  it('sends the Brotli copy to a browser that takes br, the gzip one to one that takes gzip only', async () => {
    const br = await get(host.port, '/assets/app-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 5);
    expect(brotliDecompressSync(br.body).equals(SCRIPT)).toBe(true);

    const gz = await get(host.port, '/assets/app-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(SCRIPT)).toBe(true);
  });

  it('sends the file itself without an accepted encoding, and never a stale copy', async () => {
    const plain = await get(host.port, '/assets/app-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(SCRIPT)).toBe(true);
    const old = await get(host.port, '/assets/old-def456.js', { 'accept-encoding': 'br' });
    expect(old.headers['content-encoding']).toBeUndefined();
    expect(old.body.equals(SCRIPT)).toBe(true);
    expect(await staticVariant(join(dir, 'assets', 'old-def456.js'), SCRIPT.length, 'br')).toEqual({ path: join(dir, 'assets', 'old-def456.js'), size: SCRIPT.length });
  });

  it('index.html is not cached (it names the hashed assets of the current build)', async () => {
    const index = await get(host.port, '/', { 'accept-encoding': 'br' });
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-store');
  });
});
