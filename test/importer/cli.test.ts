import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultArchivePath } from '../../electron/archive/default-path.ts';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { run as runImport } from '../../electron/cli/commands/import.ts';
import { run as runSearch } from '../../electron/cli/commands/search.ts';
import { main } from '../../electron/cli/main.ts';
import { tempDir } from '../archive/helpers.ts';

const pages = new URL('../../resources/pages/', import.meta.url);

function folder(): { dir: string; archive: string } {
  const root = tempDir();
  const dir = join(root, '云溪日报', '2023-03-14');
  mkdirSync(dir, { recursive: true });
  for (const p of ['p1', 'p2']) copyFileSync(new URL(`yunxi-daily-2023-03-14-${p}.txt`, pages), join(dir, `${p}.txt`));
  writeFileSync(join(dir, 'p3.txt'), '');
  return { dir: join(root, '云溪日报'), archive: join(root, 'a', 'archive.sqlite') };
}

describe('galley import', () => {
  it('prints JSON lines per file and a summary, exit 1 when a file failed', async () => {
    const { dir, archive } = folder();
    const io = captureIO();
    expect(await runImport([dir, '--archive', archive, '--json'], io)).toBe(1);
    const lines = io.out().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ file: join('云溪日报', '2023-03-14', 'p1.txt'), status: 'imported', pageId: 1 });
    expect(lines[2]).toMatchObject({ status: 'failed', error: expect.stringMatching(/p3\.txt: .*empty/) });
    expect(lines[3]).toMatchObject({ summary: { files: 3, imported: 2, failed: 1, pages: 2, archive } });

    const again = captureIO();
    expect(await runImport([join(dir, '2023-03-14', 'p1.txt'), '--archive', archive], again)).toBe(0);
    expect(again.out()).toMatch(/^1 files: 0 imported, 1 unchanged, 0 failed/);
  });

  it('shows a progress bar on stderr on a terminal and reports failures by name', async () => {
    const { dir, archive } = folder();
    const io = captureIO(true);
    expect(await runImport([dir, '--archive', archive], io)).toBe(1);
    expect(io.err()).toMatch(/\[#+\.*\] 1\/3/);
    expect(io.err()).toMatch(/\[#{24}\] 3\/3/);
    expect(io.err()).toMatch(/failed: .*p3\.txt: .*empty/);
    expect(io.out()).toMatch(/3 files: 2 imported, 0 unchanged, 1 failed; 2 pages/);
  });

  it('rejects a bad command line with a usage error', async () => {
    const io = captureIO();
    expect(await main(['import'], io)).toBe(1);
    expect(io.err()).toMatch(/missing PATH \(usage: galley import PATH/);
    const io2 = captureIO();
    expect(await main(['import', 'x', '--bogus'], io2)).toBe(1);
    expect(io2.err()).toMatch(/unknown option --bogus/);
    const help = captureIO();
    expect(await main(['import', '--help'], help)).toBe(0);
    expect(help.out()).toContain('docs/import.md');
  });
});

describe('galley search', () => {
  it('prints hits with item id, publication, date, page, headline and a marked snippet', async () => {
    const { dir, archive } = folder();
    await runImport([dir, '--archive', archive], captureIO());
    const io = captureIO();
    expect(await runSearch(['雲溪', '--archive', archive, '--limit', '2'], io)).toBe(0);
    expect(io.out()).toMatch(/^#\d+ {2}云溪日报 · 2023-03-14 · p\.\d/m);
    // Off a terminal the match is plain text: no raw [[…]] markers in a pipe or a file.
    expect(io.out()).toMatch(/^ {4}.*云溪/m);
    expect(io.out()).not.toContain('[[');
    // Two shown of the true total, with the way to the next ones when there are more.
    expect(io.out()).toMatch(/(^2 hits|^hits 1–2 of \d+) in [\d.]+ ms/m);
    const tty = captureIO(true);
    expect(await runSearch(['雲溪', '--archive', archive, '--limit', '2'], tty)).toBe(0);
    expect(tty.out()).toContain('\u001b[1m云溪\u001b[22m');

    const json = captureIO();
    expect(await runSearch(['幸福院', '--archive', archive, '--json', '--kind', 'article', '--from', '2023-01-01', '--to', '2023-12-31'], json)).toBe(0);
    const out = JSON.parse(json.out()) as { hits: { snippet: string; date: string }[]; filters: unknown };
    expect(out.filters).toEqual({ kind: 'article', dateFrom: '2023-01-01', dateTo: '2023-12-31' });
    expect(out.hits.length).toBeGreaterThan(0);
    expect(out.hits[0]!.snippet).toContain('[[幸福院]]');

    const none = captureIO();
    expect(await runSearch(['幸福院', '--archive', archive, '--to', '2022-01-01'], none)).toBe(0);
    expect(none.out()).toMatch(/No hits/);
  });

  it('validates its options and the archive path', async () => {
    const io = captureIO();
    expect(await main(['search', '大桥', '--from', '2021/1/1'], io)).toBe(1);
    expect(io.err()).toMatch(/--from: must be a date YYYY-MM-DD/);
    const missing = captureIO();
    expect(await runSearch(['大桥', '--archive', join(tempDir(), 'none.sqlite')], missing)).toBe(1);
    expect(missing.err()).toMatch(/no archive at/);
    const noQuery = captureIO();
    expect(await main(['search'], noQuery)).toBe(1);
    expect(noQuery.err()).toMatch(/missing QUERY/);
  });
});

describe('default archive path', () => {
  it('follows each platform’s data folder and honours GALLEY_ARCHIVE', () => {
    expect(defaultArchivePath({}, 'linux', '/home/u')).toBe('/home/u/.local/share/Galley/archive.sqlite');
    expect(defaultArchivePath({ XDG_DATA_HOME: '/data' }, 'linux', '/home/u')).toBe('/data/Galley/archive.sqlite');
    expect(defaultArchivePath({ XDG_DATA_HOME: 'relative' }, 'linux', '/home/u')).toBe('/home/u/.local/share/Galley/archive.sqlite');
    expect(defaultArchivePath({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Galley/archive.sqlite');
    expect(defaultArchivePath({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming\\Galley\\archive.sqlite');
    expect(defaultArchivePath({ GALLEY_ARCHIVE: '/x/a.sqlite' }, 'linux', '/home/u')).toBe('/x/a.sqlite');
  });
});
