// The import panel's "N of M files" for a folder picked in the desktop app's dialog (issue 14):
// the importer walks folders lazily, so the host counts the folder's page files first and every
// progress event carries that total — before, a folder import reported a total of 0 and the panel
// could only say "N done".
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcess } from '../../electron/archive/async-archive.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { importerAdapter } from '../../electron/host/load-backend.ts';
import type { ImportProgress } from '../../shared/ipc.ts';
import { tempDir } from '../archive/helpers.ts';

const PAGE = readFileSync(new URL('../../resources/pages/hengyang-daily-2021-10-29-p1.txt', import.meta.url), 'utf8');

describe('a folder import counts its files first', () => {
  it('every progress event of a folder import carries the folder’s file count', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const folder = join(dir, '衡阳日报', '2021-10-29');
    mkdirSync(folder, { recursive: true });
    // Three pages, one of them in a nested folder, and a hidden file the importer skips.
    writeFileSync(join(folder, 'p01.txt'), PAGE);
    writeFileSync(join(folder, 'p02.txt'), PAGE.replace('衡阳', '衡州'));
    mkdirSync(join(folder, 'extra'));
    writeFileSync(join(folder, 'extra', 'p03.txt'), PAGE.replace('衡阳', '湘南'));
    writeFileSync(join(folder, '.DS_Store'), 'x');
    const archive = inProcess(openArchive(join(dir, 'archive.sqlite')));
    const events: ImportProgress[] = [];
    const report = await importerAdapter({ name: 'test' }).importPaths([join(dir, '衡阳日报')], archive, { onProgress: (p) => events.push(p) });
    expect(report.outcomes).toHaveLength(3);
    expect(events.map((e) => [e.done, e.total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    await archive.close();
  });
});

describe('a cancelled upload import says it was cancelled', () => {
  it('whether the cancel comes before the first file or while the last one is read', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const file = join(dir, 'p01.txt');
    writeFileSync(file, PAGE);
    const archive = inProcess(openArchive(join(dir, 'archive.sqlite')));
    const adapter = importerAdapter({ name: 'test' });
    const before = new AbortController();
    before.abort();
    const early = await adapter.importUploads([{ path: file, relativePath: 'p01.txt' }], archive, { onProgress: () => {}, signal: before.signal });
    expect(early).toEqual({ outcomes: [], cancelled: true });
    // The cancel lands while the only file is being read (here: as its outcome is reported).
    const during = new AbortController();
    const late = await adapter.importUploads([{ path: file, relativePath: 'p01.txt' }], archive, { onProgress: () => during.abort(), signal: during.signal });
    expect(late.outcomes).toHaveLength(1);
    expect(late.cancelled).toBe(true);
    // Not cancelled: not said.
    const plain = await adapter.importUploads([{ path: file, relativePath: 'p01.txt' }], archive, { onProgress: () => {} });
    expect(plain.cancelled).toBe(false);
    await archive.close();
  });
});
