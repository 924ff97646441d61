// Pages for the shared archive suites (search, review): hand-made segmentations, so the
// archive's own segmenter plays no part and both archives store exactly the same items.
import type { AsyncArchive } from '../../electron/archive/async-archive.ts';
import type { Segmentation } from '../../shared/segmentation.ts';

export type SuiteOpen = () => Promise<AsyncArchive>;

export const importer = { name: 'import' };
export const supervisor = { name: '主任', profileId: 'sup-1', role: 'supervisor' as const };
export const archivist = { name: '档案员', profileId: 'arc-1', role: 'archivist' as const };

export type SuiteItem = Segmentation['items'][number];

export function article(headline: string, paragraphs: string[], extra: Partial<SuiteItem> = {}): SuiteItem {
  return {
    kind: 'article', start: 0, end: 1, kicker: null, headline, subheadline: null, series: null, byline: null,
    contributors: [], paragraphs, continuedOn: null, continuedFrom: null, flags: [], ...extra,
  };
}

export function masthead(title: string, date: string): Segmentation['masthead'] {
  return { title, titleLatin: null, date, weekday: null, lunarDate: null, issueNumber: null, pageCount: null, serial: null, publisher: null, hotlines: [] };
}

/** Imports one page of these items; returns its page id. */
export async function putPage(a: AsyncArchive, name: string, title: string, date: string, items: SuiteItem[]): Promise<number> {
  const out = await a.importPage(
    { sourceName: name, text: name, encoding: 'UTF-8', segmentation: { schema: 'galley.segmentation/1', masthead: masthead(title, date), items } },
    importer,
  );
  return out.pageId;
}

/** The three pages search.test.ts has always used: two publications, simplified and traditional. */
export async function seeded(open: SuiteOpen): Promise<AsyncArchive> {
  const a = await open();
  await putPage(a, 'a', '衡阳日报', '2021-10-29', [
    article('湘江大桥今日通车', ['经过三年建设,湘江大桥正式通车,市民可从东岸直达西岸。'], { contributors: [{ name: '彭斌', role: 'reporter' }] }),
    article('衡阳市召开经济工作会议', ['会议强调稳中求进。']),
  ]);
  await putPage(a, 'b', '衡阳日报', '2022-03-01', [article('春耕备耕有序推进', ['各地抓住晴好天气开展春耕。'], { kind: 'brief' })]);
  await putPage(a, 'c', '港灣時報', '2024-01-08', [article('海港大橋啟用', ['衡陽商會代表出席了啟用儀式。'])]);
  return a;
}

/** A small deterministic generator (the same sequence on every run and in both archives). */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}
