// The SQLite archive in its worker thread behind the asynchronous interface: results and errors
// (as their own classes) cross the thread, writes are serialized by the single writer, page images
// come back as Buffers, and the in-process adapter behaves the same for tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveError, type ImportPageInput } from '../../electron/archive/archive-api.ts';
import { inProcess } from '../../electron/archive/async-archive.ts';
import { DamagedRowError } from '../../electron/archive/checksums.ts';
import { ArchiveDamagedError } from '../../electron/archive/open-checks.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { openArchiveInWorker, type WorkerArchive } from '../../electron/archive/worker/client.ts';
import { TransitionError } from '../../core/review/index.ts';
import { importAll } from '../../electron/importer/index.ts';
import { fakeSegment } from './fake-segmenter.ts';
import { editor, frontPage, innerPage, tempDir } from './helpers.ts';

const quiet = { warn: () => {} };
/** The PNG signature and a few bytes: the archive stores images as they come. */
const PNG_1x1 = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
/** Pages carry their segmentation (the fake one): the worker then never runs the engine. */
const page = (sourceName: string, text: string, extra: Partial<ImportPageInput> = {}): ImportPageInput => ({
  sourceName,
  text,
  encoding: 'UTF-8',
  segmentation: fakeSegment(text, {}),
  ...extra,
});

// Starting a worker from the TypeScript sources registers tsx in the thread (seconds on a loaded
// machine; the compiled worker starts in a fraction): one archive serves the tests that need no
// fresh file, each on a date of its own.
const SLOW = 90_000;
let shared: WorkerArchive;
let sharedPath = '';
beforeAll(async () => {
  sharedPath = join(tempDir(), 'archive.sqlite');
  shared = await openArchiveInWorker(sharedPath, { logger: quiet, learn: false });
}, SLOW);
afterAll(() => shared?.close());

async function withWorker(run: (a: WorkerArchive, path: string) => Promise<void>): Promise<void> {
  await run(shared, sharedPath);
}

describe('the archive in a worker thread', () => {
  it('imports, lists, reads and saves through messages; the file is the same archive on any thread', async () => {
    let pageId = 0;
    await withWorker(async (a, path) => {
      const [first] = await a.importPages([page('2021-10-29/p01.txt', frontPage())], editor);
      expect(first).toMatchObject({ status: 'imported' });
      pageId = first!.pageId;
      const issue = await a.getIssue(first!.issueId);
      expect(issue).toMatchObject({ date: '2021-10-29', pagesTotal: 1 });
      expect(await a.listIssues()).toEqual([issue]);
      expect(await a.findIssue('衡阳日报:2021-10-29')).toEqual(issue);
      const record = await a.getPage(pageId);
      expect(record.items.length).toBeGreaterThan(0);
      const saved = await a.savePage({ pageId, baseRevision: record.revision, text: record.text, items: record.items.slice(1) }, editor);
      expect(saved.revision).toBe(record.revision + 1);
      expect((await a.search('湘江大桥')).map((h) => h.pageId)).toEqual([pageId]);
      expect(await a.stats()).toMatchObject({ pages: 1, issues: 1 });
      const reader = openArchive(path, { segment: fakeSegment, logger: quiet, readOnly: true });
      expect(reader.getPage(pageId).revision).toBe(saved.revision);
      reader.close();
      expect(a.path).toBe(path);
      const diag = await a.diagnostics();
      expect(diag.timings.map(([name]) => name)).toContain('pages.save');
    });
  });

  it('rejects with the archive’s own error classes and codes', async () => {
    await withWorker(async (a) => {
      const [p] = await a.importPages([page('2021-10-30/p01.txt', frontPage('2021年10月30日', 17981))], editor);
      const stale = a.savePage({ pageId: p!.pageId, baseRevision: 99, text: 'x', items: [] }, editor);
      await expect(stale).rejects.toBeInstanceOf(ArchiveError);
      await expect(stale).rejects.toMatchObject({ code: 'revision-conflict', message: expect.stringMatching(/changed since revision 99/) });
      await expect(a.getPage(999)).rejects.toMatchObject({ name: 'ArchiveError', code: 'not-found' });
      await expect(a.importPage({ sourceName: '', text: 'x', encoding: 'UTF-8' }, editor)).rejects.toMatchObject({ code: 'invalid-input' });
      // Approve needs a proofed issue: the state machine's refusal arrives as a TransitionError.
      const refused = a.issueEvent(p!.issueId, { type: 'approve' }, { name: 'boss', role: 'supervisor' });
      await expect(refused).rejects.toBeInstanceOf(TransitionError);
      await expect(refused).rejects.toMatchObject({ code: 'not-proofed' });
    });
  });

  it('reports each failed file of a batch with its revived error, and keeps the others', async () => {
    await withWorker(async (a) => {
      const outcomes = await a.importFiles!(
        [
          [page('2021-10-31/p01.txt', frontPage('2021年10月31日', 17982))],
          [{ sourceName: 'bad.txt', text: 'x', encoding: '' }],
          [page('2021-10-31/p02.txt', innerPage(2, '正文。'), { dateHint: '2021-10-31' })],
        ],
        editor,
      );
      expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
      const failed = outcomes[1] as { ok: false; error: unknown };
      expect(failed.error).toBeInstanceOf(ArchiveError);
      expect((failed.error as ArchiveError).code).toBe('invalid-input');
      expect(outcomes.flatMap((o) => (o.ok ? o.outcomes.map((x) => x.status) : []))).toEqual(['imported', 'imported']);
    });
  });

  it('serializes concurrent writes on its single writer (no busy errors, every revision counted)', async () => {
    await withWorker(async (a) => {
      const [p] = await a.importPages([page('2021-11-01/p01.txt', frontPage('2021年11月01日', 17983))], editor);
      const tags = await Promise.all(
        Array.from({ length: 20 }, (_, i) => a.getPage(p!.pageId).then((r) => a.setItemTags(r.items[0]!.id!, [`t${i}`], editor))),
      );
      expect(tags.map((t) => t.revision).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const history = await a.listRevisions(p!.pageId);
      expect(history.filter((r) => r.action === 'tag')).toHaveLength(20);
    });
  });

  it('returns page images as Buffers', async () => {
    await withWorker(async (a) => {
      const [p] = await a.importPages(
        [page('2021-11-02/p01.txt', frontPage('2021年11月02日', 17984), { scan: { image: { bytes: PNG_1x1, mime: 'image/png' }, regions: null, source: 'ocr' } })],
        editor,
      );
      const image = await a.getPageImage!(p!.pageId);
      expect(Buffer.isBuffer(image!.bytes)).toBe(true);
      expect(image!.bytes.subarray(1, 4).toString()).toBe('PNG');
      expect(await a.getPageScan!(p!.pageId)).toMatchObject({ source: 'ocr', image: { mime: 'image/png' } });
    });
  });

  it('refuses a damaged file when opening, with the restore advice of ArchiveDamagedError', async () => {
    const path = join(tempDir(), 'damaged.sqlite');
    writeFileSync(path, Buffer.alloc(8192, 7));
    const opening = openArchiveInWorker(path, { logger: quiet });
    await expect(opening).rejects.toBeInstanceOf(ArchiveDamagedError);
    await expect(opening).rejects.toMatchObject({ message: expect.stringMatching(/galley restore/) });
  }, SLOW);

  it('finds damage written behind its back on its own reads: DamagedRowError on the calling thread', async () => {
    const path = join(tempDir(), 'archive.sqlite');
    const direct = openArchive(path, { segment: fakeSegment, logger: quiet });
    const { pageId } = direct.importPage({ sourceName: '2021-10-29/p01.txt', text: frontPage(), encoding: 'UTF-8' }, editor);
    direct.db.raw.prepare(`UPDATE pages SET checksum = 'x'`).run();
    direct.close();
    const lines: string[] = [];
    const a = await openArchiveInWorker(path, { logger: { warn: (m) => lines.push(m) }, learn: false });
    try {
      await expect(a.getPage(pageId)).rejects.toBeInstanceOf(DamagedRowError);
      await expect(a.getPage(pageId)).rejects.toMatchObject({ code: 'damaged', damaged: { part: 'page', id: pageId } });
      expect(await a.listIssues()).toHaveLength(1);
    } finally {
      await a.close();
    }
    await expect(a.stats()).rejects.toThrow(/closed/);
  }, SLOW);
});

describe('the in-process adapter (tests and tools)', () => {
  it('drives the importer, which awaits every archive call, exactly as the synchronous archive did', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, '2021-10-29'));
    writeFileSync(join(dir, '2021-10-29', 'p01.txt'), frontPage());
    writeFileSync(join(dir, '2021-10-29', 'p02.txt'), innerPage(2, '(上接第一版)经过三年建设。'));
    writeFileSync(join(dir, '2021-10-29', 'bad.txt'), Buffer.from([0, 1, 2, 3]));
    const sync = openArchive(join(tempDir(), 'archive.sqlite'), { segment: fakeSegment, logger: quiet });
    const a = inProcess(sync);
    try {
      const summary = await importAll([dir], a, { actor: editor });
      expect(summary).toMatchObject({ files: 3, imported: 2, failed: 1, pages: 2 });
      expect((await a.listIssues()).map((i) => i.pagesTotal)).toEqual([2]);
    } finally {
      await a.close();
    }
  });

  it('answers the same calls as promises, with the same errors', async () => {
    const a = inProcess(openArchive(join(tempDir(), 'archive.sqlite'), { segment: fakeSegment, logger: quiet }));
    try {
      const p = await a.importPage({ sourceName: '2021-10-29/p01.txt', text: frontPage(), encoding: 'UTF-8' }, editor);
      expect((await a.getIssue(p.issueId)).date).toBe('2021-10-29');
      await expect(a.getPage(999)).rejects.toMatchObject({ code: 'not-found' });
      expect(a.sync.db.raw.open).toBe(true);
    } finally {
      await a.close();
    }
  });
});
