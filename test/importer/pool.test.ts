// The import pool: worker threads decode, parse and segment with the importer's own functions, so
// an import through the pool stores exactly what an import on one thread stores.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineSegmenter } from '../../electron/archive/engine-segmenter.ts';
import { normalizeNewlines } from '../../core/engine/index.ts';
import { ImportFileError } from '../../core/import/errors.ts';
import { importPaths, parseFile, type FileEntry, type FileResult } from '../../electron/importer/index.ts';
import { createParsePool, defaultPoolSize } from '../../electron/importer/pool/pool.ts';
import { freshArchive, frontPage, innerPage, tempDir } from '../archive/helpers.ts';
import { storedSearchDoc } from '../../core/search/search-doc.ts';
import { segmentationSchema } from '../../shared/segmentation.ts';
import { settleFirstSplit } from '../../electron/archive/profiles-store.ts';

const samples = new URL('../../resources/import-samples/', import.meta.url);
const pool = createParsePool(2, { inlineFirst: 0 });
afterAll(() => pool.close());

const entryFor = (path: string, display: string): FileEntry => ({ path, display, folders: ['衡阳日报', '2021-10-29'], explicit: false });

// Generous timeouts: the first parse starts a worker, which on a loaded machine takes seconds.
describe('the import pool', { timeout: 60_000 }, () => {
  it('parses like parseFile and adds the default engine segmentation of every page', async () => {
    const dir = tempDir();
    const path = join(dir, 'p01.txt');
    writeFileSync(path, frontPage());
    const entry = entryFor(path, 'p01.txt');
    const bytes = readFileSync(path);
    const direct = parseFile(entry, bytes);
    const pooled = await pool.parse(entry, bytes);
    expect(pooled.format).toBe(direct.format);
    expect(pooled.inputs.map(({ engineSegmentation, engineSearchDocs, ...rest }) => rest)).toEqual(direct.inputs);
    for (const input of pooled.inputs) {
      const seg = engineSegmenter(normalizeNewlines(input.text), input.pageNumberHint ? { pageNumber: input.pageNumberHint } : {});
      expect(input.engineSegmentation).toEqual(seg);
      // The folded index text is what the archive folds from the items it stores (checked by the schema, first split settled, no tags).
      const stored = settleFirstSplit(segmentationSchema.parse(seg).items.map((i) => ({ ...i, editedFields: [], tags: [] })));
      expect(input.engineSearchDocs).toEqual(stored.map((i) => storedSearchDoc(i)));
      expect(input.engineSearchDocs!.length).toBeGreaterThan(1);
    }
  });

  it("rejects with the importer's own error, code and message kept", async () => {
    const dir = tempDir();
    const path = join(dir, 'p02.xml');
    writeFileSync(path, '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><alto/>');
    const entry = entryFor(path, 'p02.xml');
    let direct: unknown;
    try {
      parseFile(entry, readFileSync(path));
    } catch (error) {
      direct = error;
    }
    expect(direct).toBeInstanceOf(ImportFileError);
    const pooled = await pool.parse(entry, readFileSync(path)).catch((error: unknown) => error);
    expect(pooled).toBeInstanceOf(ImportFileError);
    expect((pooled as ImportFileError).code).toBe((direct as ImportFileError).code);
    expect((pooled as ImportFileError).message).toBe((direct as ImportFileError).message);
  });

  it('imports a folder with the same results and the same stored items as without a pool', async () => {
    const root = join(tempDir(), 'batch');
    const day = join(root, '衡阳日报', '2021-10-29');
    mkdirSync(day, { recursive: true });
    writeFileSync(join(day, 'p01.txt'), frontPage());
    for (let p = 2; p <= 7; p++) writeFileSync(join(day, `p0${p}.txt`), innerPage(p, `标题${p}\n正文第${p}版的内容。`));
    copyFileSync(new URL('alto-v2.xml', samples), join(day, 'p08.xml'));
    writeFileSync(join(day, 'p09.txt'), '');
    const run = async (withPool: boolean) => {
      const archive = freshArchive();
      const results: FileResult[] = [];
      const it = importPaths([root], archive, withPool ? { pool } : {});
      let step = await it.next();
      while (!step.done) {
        results.push(step.value);
        step = await it.next();
      }
      const stored = results
        .filter((r) => r.pageId !== undefined)
        .map((r) => archive.getPage(r.pageId!).items.map((i) => [i.kind, i.headline, i.start, i.end]));
      return { results: results.map(({ pageId, pageIds, issueId, ...r }) => r), stored, summary: step.value };
    };
    const single = await run(false);
    const pooled = await run(true);
    expect(pooled.results).toEqual(single.results);
    expect(pooled.stored).toEqual(single.stored);
    expect(pooled.summary.pages).toBe(8);
  });

  it("an engine archive finds the same items through the workers' folded index text as through its own", async () => {
    const root = join(tempDir(), 'engine');
    const day = join(root, '衡阳日报', '2021-10-29');
    mkdirSync(day, { recursive: true });
    writeFileSync(join(day, 'p01.txt'), frontPage());
    writeFileSync(join(day, 'p02.txt'), innerPage(2, '衡陽市民歡迎湘江大橋\n經過三年建設，大橋正式通車。'));
    const hits = async (withPool: boolean) => {
      const archive = freshArchive({ engine: true });
      const it = importPaths([root], archive, withPool ? { pool } : {});
      for (let step = await it.next(); !step.done; step = await it.next());
      return ['湘江大桥', '衡阳市民', '交流合作', '彭斌', '秦国文', '三年建设'].map((q) => archive.search(q).map((h) => [h.itemId, h.snippet]));
    };
    const own = await hits(false);
    expect(own.filter((h) => h.length > 0).length).toBeGreaterThanOrEqual(2);
    expect(await hits(true)).toEqual(own);
  });

  it('refuses work once closed', async () => {
    const other = createParsePool(1);
    await other.close();
    await expect(other.parse(entryFor('/nowhere.txt', 'nowhere.txt'), new Uint8Array(1))).rejects.toThrow(/closed/);
    expect(() => createParsePool(0)).toThrow(RangeError);
  });

  it('leaves a core to the writer by default, and has one worker even on one core', () => {
    expect([1, 2, 4, 8].map((cores) => defaultPoolSize(cores))).toEqual([1, 1, 3, 7]);
  });

  it('parses the first files of an import on the calling thread (no worker for a small import)', async () => {
    const small = createParsePool(2, { inlineFirst: 1 });
    try {
      const dir = tempDir();
      const path = join(dir, 'p01.txt');
      writeFileSync(path, frontPage());
      const entry = entryFor(path, 'p01.txt');
      const first = await small.parse(entry, readFileSync(path));
      const second = await small.parse(entry, readFileSync(path));
      expect(first.inputs[0]?.engineSegmentation).toBeUndefined();
      expect(second.inputs[0]?.engineSegmentation).toBeDefined();
      expect(first.inputs).toEqual(second.inputs.map(({ engineSegmentation, engineSearchDocs, ...rest }) => rest));
    } finally {
      await small.close();
    }
  });
});
