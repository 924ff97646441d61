import { describe, expect, it } from 'vitest';
import type { Segmentation } from '../../shared/segmentation.ts';
import { freshArchive } from './helpers.ts';

const imp = { name: 'import' };

function article(headline: string, paragraphs: string[], extra: Partial<Segmentation['items'][number]> = {}): Segmentation['items'][number] {
  return {
    kind: 'article', start: 0, end: 1, kicker: null, headline, subheadline: null, series: null, byline: null,
    contributors: [], paragraphs, continuedOn: null, continuedFrom: null, flags: [], ...extra,
  };
}

function masthead(title: string, date: string): Segmentation['masthead'] {
  return { title, titleLatin: null, date, weekday: null, lunarDate: null, issueNumber: null, pageCount: null, serial: null, publisher: null, hotlines: [] };
}

function seeded() {
  const a = freshArchive();
  const put = (name: string, title: string, date: string, items: Segmentation['items']) =>
    a.importPage({ sourceName: name, text: name, encoding: 'UTF-8', segmentation: { schema: 'galley.segmentation/1', masthead: masthead(title, date), items } }, imp);
  put('a', '衡阳日报', '2021-10-29', [
    article('湘江大桥今日通车', ['经过三年建设,湘江大桥正式通车,市民可从东岸直达西岸。'], { contributors: [{ name: '彭斌', role: 'reporter' }] }),
    article('衡阳市召开经济工作会议', ['会议强调稳中求进。']),
  ]);
  put('b', '衡阳日报', '2022-03-01', [article('春耕备耕有序推进', ['各地抓住晴好天气开展春耕。'], { kind: 'brief' })]);
  put('c', '港灣時報', '2024-01-08', [article('海港大橋啟用', ['衡陽商會代表出席了啟用儀式。'])]);
  return a;
}

describe('search', () => {
  it('finds Chinese words of three or more characters in headlines and bodies, ranked, with a marked snippet', () => {
    const a = seeded();
    const hits = a.search('湘江大桥');
    expect(hits.map((h) => h.headline)).toEqual(['湘江大桥今日通车']);
    expect(hits[0]).toMatchObject({ publication: '衡阳日报', date: '2021-10-29' });
    expect(hits[0]!.snippet).toContain('[[湘江大桥]]');
    expect(hits[0]!.rank).toBeLessThan(0); // bm25: lower is better
    expect(a.search('稳中求进').map((h) => h.headline)).toEqual(['衡阳市召开经济工作会议']);
    expect(a.search('东岸直达西岸')[0]!.snippet).toMatch(/\[\[东岸直达西岸\]\]/);
  });

  it('ranks a headline match above a body match', () => {
    const a = freshArchive();
    a.importPage({ sourceName: 'x', text: 'x', encoding: 'UTF-8', segmentation: { schema: 'galley.segmentation/1', masthead: masthead('报', '2020-01-01'), items: [
      article('其他新闻', ['这里提到了一次船山书院的活动,内容很长很长很长很长很长很长很长很长很长很长。']),
      article('船山书院修缮完工', ['工程完工。']),
    ] } }, imp);
    expect(a.search('船山书院').map((h) => h.headline)).toEqual(['船山书院修缮完工', '其他新闻']);
  });

  it('falls back to a scan for one- and two-character queries', () => {
    const a = seeded();
    expect(a.search('大桥').map((h) => h.headline).sort()).toEqual(['海港大橋啟用', '湘江大桥今日通车'].sort());
    expect(a.search('耕').map((h) => h.headline)).toEqual(['春耕备耕有序推进']);
    expect(a.search('大桥').map((h) => h.snippet)).toContain('海港[[大橋]]啟用');
    expect(a.search('无此')).toEqual([]);
  });

  it('combines short and long terms (all must match)', () => {
    const a = seeded();
    expect(a.search('湘江大桥 东岸').map((h) => h.headline)).toEqual(['湘江大桥今日通车']);
    expect(a.search('湘江大桥 西湖')).toEqual([]);
  });

  it('folds traditional and simplified both ways', () => {
    const a = seeded();
    expect(a.search('衡陽').map((h) => h.headline).sort()).toEqual(['海港大橋啟用', '衡阳市召开经济工作会议'].sort());
    expect(a.search('海港大桥').map((h) => h.headline)).toEqual(['海港大橋啟用']);
    const hit = a.search('衡阳商会')[0]!;
    expect(hit.headline).toBe('海港大橋啟用');
    expect(hit.snippet).toContain('[[衡陽商會]]'); // the original characters are shown
  });

  it('searches contributors', () => {
    const a = seeded();
    expect(a.search('彭斌').map((h) => h.headline)).toEqual(['湘江大桥今日通车']);
  });

  it('filters by publication, date range, kind, tag and state', () => {
    const a = seeded();
    const pubs = a.listPublications();
    const hk = pubs.find((p) => p.title === '港灣時報')!;
    expect(a.search('衡陽', { publicationId: hk.id }).map((h) => h.publication)).toEqual(['港灣時報']);
    expect(a.search('推进', { dateFrom: '2022-01-01', dateTo: '2022-12-31' })).toHaveLength(1);
    expect(a.search('湘江大桥', { dateFrom: '2022-01-01' })).toEqual([]);
    expect(a.search('春耕', { kind: 'brief' })).toHaveLength(1);
    expect(a.search('春耕', { kind: 'article' })).toEqual([]);
    expect(a.search('春耕', { state: 'proofed' })).toEqual([]);
    expect(a.search('春耕', { state: 'imported' })).toHaveLength(1);
    expect(a.search('春耕', { tag: '农业' })).toEqual([]);
    expect(() => a.search('春耕', { dateFrom: '2022/01/01' })).toThrow(/YYYY-MM-DD/);
  });

  it('matches long terms as real substrings, not just as a bag of their trigrams', () => {
    const a = freshArchive();
    a.importPage({ sourceName: 'x', text: 'x', encoding: 'UTF-8', segmentation: { schema: 'galley.segmentation/1', masthead: masthead('报', '2020-01-01'), items: [
      article('日报社与报社出', ['两个三字片段都在,四字整体不在。']),
      article('衡阳日报社出版', ['完整出现。']),
    ] } }, imp);
    expect(a.search('日报社出').map((h) => h.headline)).toEqual(['衡阳日报社出版']);
    expect(a.search('报社出').map((h) => h.headline).sort()).toEqual(['日报社与报社出', '衡阳日报社出版'].sort());
  });

  it('finds exactly the items a brute-force substring search finds (1- to 5-character queries)', () => {
    const a = freshArchive();
    const alphabet = '衡阳日报江河湖海山川';
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const items = Array.from({ length: 150 }, () =>
      article(word(1 + Math.floor(rand() * 4)), [word(Math.floor(rand() * 12))], { contributors: rand() < 0.3 ? [{ name: word(2), role: 'reporter' }] : [] }),
    );
    a.importPage({ sourceName: 'x', text: 'x', encoding: 'UTF-8', segmentation: { schema: 'galley.segmentation/1', masthead: masthead('报', '2020-01-01'), items } }, imp);
    const ids = a.getPage(1).items.map((i) => i.id!);
    for (let n = 0; n < 60; n++) {
      const q = word(1 + (n % 5));
      const expected = items
        .map((it, k) => ({ id: ids[k]!, text: [it.headline ?? '', ...it.paragraphs, ...it.contributors.map((c) => c.name)] }))
        .filter((it) => it.text.some((t) => t.includes(q)))
        .map((it) => it.id)
        .sort((x, y) => x - y);
      const got = a.search(q, {}, 1000).map((h) => h.itemId).sort((x, y) => x - y);
      expect(got, `query ${q}`).toEqual(expected);
    }
  });

  it('scans a common short term newest first, up to the limit, with and without filters', () => {
    const a = freshArchive();
    // More than SHORT_TERM_MAX_DOCS rows hold 江河, so it takes the scan rather than the index.
    const items = Array.from({ length: 600 }, (_, k) =>
      k % 3 === 0 ? article(`简讯${k}`, ['无关内容。'], { kind: 'brief' }) : article(`标题${k}`, [k % 2 ? '江河奔流。' : '山川江河。']),
    );
    a.importPage({ sourceName: 'x', text: 'x', encoding: 'UTF-8', segmentation: { schema: 'galley.segmentation/1', masthead: masthead('报', '2020-01-01'), items } }, imp);
    const ids = a.getPage(1).items.map((i) => i.id!);
    const holding = ids.filter((_, k) => k % 3 !== 0).sort((x, y) => y - x);
    expect(a.search('江河', {}, 20).map((h) => h.itemId)).toEqual(holding.slice(0, 20));
    expect(a.search('江河', {}, 1000).map((h) => h.itemId)).toEqual(holding);
    expect(a.search('江河', { kind: 'article' }, 7).map((h) => h.itemId)).toEqual(holding.slice(0, 7));
    expect(a.search('江河', { kind: 'brief' }, 20)).toEqual([]);
    expect(a.search('江河', { state: 'imported', publicationId: a.listPublications()[0]!.id }, 5).map((h) => h.itemId)).toEqual(holding.slice(0, 5));
    expect(a.search('江河', { dateFrom: '2020-01-01', dateTo: '2020-01-01' }, 5).map((h) => h.itemId)).toEqual(holding.slice(0, 5));
    expect(a.search('江河', { dateFrom: '2021-01-01' }, 5)).toEqual([]);
    expect(a.search('江河', { tag: '农业' }, 5)).toEqual([]);
    const hit = a.search('江河', {}, 1)[0]!;
    expect(hit.snippet).toContain('[[江河]]');
    expect(hit.publication).toBe('报');
    expect(hit.pageId).toBe(1);
  });

  it('finds a rare two-character name at the very end of a column through the index', () => {
    const a = seeded();
    expect(a.search('彭斌').map((h) => h.headline)).toEqual(['湘江大桥今日通车']);
    expect(a.search('斌').map((h) => h.headline)).toEqual(['湘江大桥今日通车']);
    expect(a.search('儀式').map((h) => h.headline)).toEqual(['海港大橋啟用']); // last two characters of a body
  });

  it('treats FTS syntax in the query as plain text', () => {
    const a = seeded();
    expect(a.search('"湘江 OR NEAR(')).toEqual([]);
    expect(a.search('   ')).toEqual([]);
  });
});
