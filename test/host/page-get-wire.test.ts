// page.get serialised once, on the archive's worker thread (electron/archive/page-json.ts), and
// sent by the HTTP host as that text (dispatch.ts JsonAnswer): the tab gets the same page as
// getPage returns, dispatch() callers (CLI, Electron IPC, tests) still get checked values, an
// archive without the method (PostgreSQL's shape) answers the same, and the size limit still holds.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchiveInWorker, type WorkerArchive } from '../../electron/archive/worker/client.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { inProcess, type AsyncArchive } from '../../electron/archive/async-archive.ts';
import { createHandlers, dispatch } from '../../electron/host/handlers.ts';
import { dispatchWire } from '../../electron/host/dispatch.ts';
import { startHttpHost, type HttpHost } from '../../electron/host/http-host.ts';
import { HTTP_TOKEN_HEADER } from '../../shared/ipc.ts';
import { parsePageRecord } from '../../shared/page-record-check.ts';
import { isWirePage, pageOfWire } from '../../shared/page-wire.ts';
import { MAX_PAGE_ITEMS } from '../../shared/page-limits.ts';
import { fakeDerive } from '../renderer/fake-engine.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';

const TEXT = '衡阳日报\n\n标题一\n本报讯（记者 张三）第一篇的内容。\n\n标题二\n本报讯（记者 李四）第二篇的内容。\n';
const tableOf = (archive: AsyncArchive) =>
  createHandlers({
    archive,
    engine: { deriveItems: fakeDerive },
    importer: { importPaths: async () => ({ outcomes: [], cancelled: false }), importUploads: async () => ({ outcomes: [], cancelled: false }) },
    host: 'browser',
    version: 'test',
    actor: { name: 'tester' },
    emit: () => undefined,
  });

describe('page.get serialised on the archive thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-wire-'));
  const path = join(dir, 'a.sqlite');
  let pageId = 0;
  let worker: WorkerArchive;
  let host: HttpHost;

  beforeAll(async () => {
    const a = openArchive(path, { logger: { warn: () => undefined } });
    pageId = a.importPages([{ sourceName: 'p1.txt', text: TEXT, encoding: 'UTF-8', segmentation: fakeSegment(TEXT, {}) }], { name: 'importer' })[0]!.pageId;
    a.close();
    worker = await openArchiveInWorker(path, { logger: { warn: () => undefined } });
    writeFileSync(join(dir, 'index.html'), '<html></html>');
    host = await startHttpHost({ staticDir: dir, createTable: () => tableOf(worker) });
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    await worker?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('crosses from the worker as one string with the sizes the limit is checked on', async () => {
    const page = await worker.getPage(pageId);
    const wire = await worker.getPageJson(pageId);
    expect(typeof wire.json).toBe('string');
    // The lean wire form (shared/page-wire.ts): the same page once read back.
    expect(isWirePage(JSON.parse(wire.json))).toBe(true);
    expect(pageOfWire(JSON.parse(wire.json))).toEqual(page);
    expect(wire.textChars).toBe(page.text.length);
    expect(wire.itemCount).toBe(page.items.length);
    expect(page.items.length).toBeGreaterThan(1);
  });

  it('goes out over HTTP as that text, and the tab’s check reads the same page', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    const res = await fetch(`${origin}/api/page.get`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: host.token },
      body: JSON.stringify({ pageId }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; value: unknown };
    expect(body.ok).toBe(true);
    expect(pageOfWire(body.value)).toEqual(await worker.getPage(pageId));
    // The check the tab runs (renderer/api/client.ts) reads the lean form; page records still pass it too.
    expect(parsePageRecord(await worker.getPage(pageId))).toEqual(await worker.getPage(pageId));
  });

  it('dispatch() still answers a checked value; dispatchWire() the text; failures are unchanged', async () => {
    const table = tableOf(worker);
    const value = await dispatch(table, 'page.get', { pageId });
    expect(value).toEqual({ ok: true, value: await worker.getPage(pageId) });
    const wire = await dispatchWire(table, 'page.get', { pageId });
    expect('json' in wire && pageOfWire(JSON.parse(wire.json))).toEqual(await worker.getPage(pageId));
    const missing = await dispatchWire(table, 'page.get', { pageId: 999 });
    expect(missing).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('an archive without getPageJson (serialised on the host) answers the same page', async () => {
    const a = openArchive(path, { logger: { warn: () => undefined }, readOnly: true });
    try {
      const { getPageJson: _dropped, ...plain } = inProcess(a);
      const r = await dispatchWire(tableOf(plain as unknown as AsyncArchive), 'page.get', { pageId });
      expect('json' in r && pageOfWire(JSON.parse(r.json))).toEqual(a.getPage(pageId));
    } finally {
      a.close();
    }
  });

  it('a page over the size limit is refused as before, by its item count', async () => {
    const a = openArchive(path, { logger: { warn: () => undefined }, readOnly: true });
    try {
      const big = inProcess(a);
      const real = big.getPageJson.bind(big);
      big.getPageJson = async (id) => ({ ...(await real(id)), itemCount: MAX_PAGE_ITEMS + 1 });
      const r = await dispatch(tableOf(big), 'page.get', { pageId });
      expect(r).toMatchObject({ ok: false, code: 'bad-request', reason: 'page-too-many-items', details: { items: MAX_PAGE_ITEMS + 1, max: MAX_PAGE_ITEMS } });
    } finally {
      a.close();
    }
  });
});
