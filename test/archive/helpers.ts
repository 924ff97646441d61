// Shared test fixtures: a fresh archive in a temp folder, hand-made pages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openArchive, type SqliteArchive } from '../../electron/archive/sqlite-archive.ts';
import { fakeSegment } from './fake-segmenter.ts';

const dirs: string[] = [];
const open: SqliteArchive[] = [];

afterEach(() => {
  for (const a of open.splice(0)) a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'galley-archive-'));
  dirs.push(d);
  return d;
}

/** A fresh archive that segments with the test segmenter (or the engine when asked). */
export function freshArchive(options: { engine?: boolean; path?: string } = {}): SqliteArchive {
  const path = options.path ?? join(tempDir(), 'archive.sqlite');
  const a = openArchive(path, options.engine ? {} : { segment: fakeSegment, logger: { warn: () => {} } });
  open.push(a);
  return a;
}

export function track(a: SqliteArchive): SqliteArchive {
  open.push(a);
  return a;
}

export const editor = { name: 'editor' };

/** Front page with a masthead: title, date, issue number; items separated by blank lines. */
export function frontPage(date = '2021年10月29日', no = 17980, extra = ''): string {
  return [
    '衡阳日报',
    '',
    `${date} 星期五`,
    '',
    `第${no}号`,
    '',
    '加强两地交流合作',
    '本报讯(记者 彭斌)市委书记秦国文率队赴苏州考察学习。',
    '',
    '湘江大桥今日通车',
    '经过三年建设,湘江大桥正式通车。(转第6版)',
    extra,
  ].join('\n');
}

export function innerPage(page: number, body: string): string {
  return [`第${page}版 要闻`, '', body].join('\n');
}
