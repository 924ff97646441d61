// Fixtures for the replica tests: a server archive with two issues, three profiles (Sue the
// supervisor, Amy the archivist, Ed the editor) and a tagged item; the CLI driven in-process.
import { join } from 'node:path';
import type { Archive } from '../../electron/archive/archive-api.ts';
import { openArchive, type SqliteArchive } from '../../electron/archive/sqlite-archive.ts';
import { main } from '../../electron/cli/main.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { frontPage, innerPage, tempDir, track } from '../archive/helpers.ts';

export const SUE = { name: 'Sue' };

export function cli() {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), isTTY: false };
  return {
    io,
    out: () => out.join(''),
    err: () => err.join(''),
    run: (args: string[]) => main(args, io),
  };
}

/** Runs one galley command; fails the test with its output when the exit code is not `expected`. */
export async function galley(args: string[], expected = 0): Promise<string> {
  const c = cli();
  const code = await c.run(args);
  if (code !== expected) throw new Error(`galley ${args.join(' ')} exited ${code}: ${c.err()}${c.out()}`);
  return c.out();
}

/** Pages of two issues, imported with the test segmenter, into any archive (SQLite or PostgreSQL). */
export async function seedServer(server: Pick<Archive, 'importPage' | 'createProfile' | 'listIssues' | 'listPages' | 'getPage' | 'setItemTags'> | AsyncSeed): Promise<void> {
  const s = server as AsyncSeed;
  await s.createProfile({ name: 'Sue', role: 'supervisor' }, SUE);
  await s.createProfile({ name: 'Amy', role: 'archivist' }, SUE);
  await s.createProfile({ name: 'Ed', role: 'editor' }, SUE);
  const pages = [
    { sourceName: '2021-10-29/p01.txt', text: frontPage() },
    { sourceName: '2021-10-29/p02.txt', dateHint: '2021-10-29', publicationHint: '衡阳日报', text: innerPage(2, '城市更新稳步推进\n今年以来我市完成老旧小区改造四十个。\n\n秋粮收购开始\n各收购点有序开秤。') },
    { sourceName: '2021-10-30/p01.txt', text: frontPage('2021年10月30日', 17981, '\n\n体育馆开放\n新体育馆今起向市民开放。') },
  ];
  for (const p of pages) {
    await s.importPage({ ...p, encoding: 'UTF-8', segmentation: fakeSegment(p.text, {}) }, SUE);
  }
  const first = (await s.listIssues()).find((i) => i.date === '2021-10-29')!;
  const page = await s.getPage((await s.listPages(first.id))[0]!.id);
  const item = page.items.find((i) => i.kind !== 'masthead')!;
  await s.setItemTags(item.id!, ['交通', '城建'], SUE);
}

type AsyncSeed = { [K in 'importPage' | 'createProfile' | 'listIssues' | 'listPages' | 'getPage' | 'setItemTags']: (...a: Parameters<Archive[K]>) => Promise<Awaited<ReturnType<Archive[K]>>> | ReturnType<Archive[K]> };

/** A SQLite server archive file with the seed, closed again (the commands open it themselves). */
export async function sqliteServer(): Promise<string> {
  const path = join(tempDir(), 'server.sqlite');
  const a = openArchive(path, { segment: fakeSegment, logger: { warn: () => {} } });
  try {
    await seedServer(a);
  } finally {
    a.close();
  }
  return path;
}

/** Opens an archive file for a few direct reads or writes; closed after the test. */
export const open = (path: string): SqliteArchive => track(openArchive(path, { segment: fakeSegment, learner: null, logger: { warn: () => {} } }));

export const localPath = () => join(tempDir(), 'laptop.sqlite');
