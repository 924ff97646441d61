// Path traversal: uploaded files (the browser host's import.files) whose names climb out with
// "..", absolute paths, drive letters or backslashes are refused before anything is written, and
// accepted uploads are written only inside the upload folder (under the temp folder, removed
// afterwards). The importer itself writes nothing but the archive: a file name only becomes the
// page's source name. Runs against the real handler table, importer and SQLite archive.
import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type HandlerTable } from '../../electron/host/handlers.ts';
import { loadBackend } from '../../electron/host/load-backend.ts';
import type { Backend } from '../../electron/host/backend.ts';
import { importAll } from '../../electron/importer/index.ts';
import { recordFigures } from '../reliability/figures.ts';

function listAll(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      out.push(relative(root, p));
      if (statSync(p).isDirectory()) walk(p);
    }
  };
  walk(root);
  return out.sort();
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('path traversal through imported file names', () => {
  let root: string;
  let sandboxTmp: string;
  let backend: Backend;
  let table: HandlerTable;
  const savedTmp = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'galley-traversal-'));
    sandboxTmp = join(root, 'tmp');
    mkdirSync(sandboxTmp);
    backend = await loadBackend(join(root, 'archive', 'archive.sqlite'), { name: 'sec' });
    table = createHandlers({ ...backend, host: 'browser', version: 'sec', actor: { name: 'sec' }, emit: () => {} });
    // Uploads go under os.tmpdir(): point it into the sandbox to see every file written.
    process.env.TMPDIR = process.env.TMP = process.env.TEMP = sandboxTmp;
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(savedTmp)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await backend.archive.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Every page's source name, as the archive stored it. */
  const sourceNames = async (): Promise<string[]> => {
    const pages = await Promise.all((await backend.archive.listIssues()).map((i) => backend.archive.listPages(i.id)));
    return pages.flat().map((p) => p.sourceName);
  };

  it('refuses climbing names before writing anything', async () => {
    const names = [
      '../x.txt', '../../x.txt', 'a/../../x.txt', 'a/b/../../../x.txt', '..', '../', 'a/..', '..\\x.txt', 'a\\..\\..\\x.txt',
      '/etc/x.txt', '\\x.txt', '//server/share/x.txt', 'C:\\x.txt', 'c:/x.txt', 'C:x.txt', 'a//b.txt', 'a/', '',
    ];
    const before = listAll(root);
    let refused = 0;
    for (const name of names) {
      const r = await dispatch(table, 'import.files', { files: [{ name, data: b64('衡阳日报\n标题\n正文。\n') }] });
      expect(r.ok, JSON.stringify(name)).toBe(false);
      if (!r.ok) expect(r.code, name).toBe('bad-request');
      refused++;
    }
    expect(listAll(root)).toEqual(before);
    expect((await backend.archive.stats()).pages).toBe(0);
    recordFigures('security-traversal', { climbingNamesRefused: refused, namesTried: names.length });
  });

  it('writes accepted uploads only inside its own temp folder and removes them; names stay names', async () => {
    const names = ['县报/2021-10-29/p01.txt', 'p02.txt', '...txt', '..a.txt', 'a..b/c.txt', '%2e%2e/x.txt', 'a/./p03.txt', 'ｘ／．．／p04.txt'];
    const r = await dispatch(table, 'import.files', {
      files: names.map((name, i) => ({ name, data: b64(`标题${i}\n本报讯（记者 张三）第${i}篇正文。\n`) })),
    });
    expect(r.ok).toBe(true);
    // Nothing left behind, nothing written next to the sandbox.
    expect(listAll(sandboxTmp)).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(['archive', 'tmp']);
    // The names became source names, unchanged (display only; the archive writes no files).
    const sources = (await sourceNames()).sort();
    expect(sources).toEqual([...names].sort());
  });

  it('the importer reads what it is given and writes only to the archive (symlinks are followed for reading)', async () => {
    const inside = join(root, 'drop');
    mkdirSync(join(inside, 'sub'), { recursive: true });
    writeFileSync(join(root, 'outside.txt'), '外部文件\n本报讯（记者 李四）不在文件夹里。\n');
    writeFileSync(join(inside, 'sub', 'p01.txt'), '标题\n本报讯（记者 王五）正文。\n');
    symlinkSync(join(root, 'outside.txt'), join(inside, 'link.txt'));
    const before = listAll(root).filter((p) => !p.startsWith('archive'));
    const summary = await importAll([inside], backend.archive);
    expect(summary.failed).toBe(0);
    expect(listAll(root).filter((p) => !p.startsWith('archive'))).toEqual(before);
    const sources = await sourceNames();
    // Finding (documented): a symlink inside a dropped folder is read like a file.
    expect(sources.some((s) => s.endsWith('link.txt'))).toBe(true);
  });
});
