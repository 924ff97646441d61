// Search, against either archive (AsyncArchive only): Chinese terms of one, two and more
// characters, traditional/simplified folding, filters, ranking, snippets, paging totals, tags on
// hits, and an item searchable right after the change that wrote it.
import { describe, expect, it } from 'vitest';
import { article, putPage, seeded, seededRandom, supervisor, type SuiteOpen } from './seed.ts';

const heads = (hits: { headline: string | null }[]) => hits.map((h) => h.headline);

export function searchSuite(open: SuiteOpen): void {
  describe('search', () => {
    it('finds Chinese words of three or more characters in headlines and bodies, ranked, with a marked snippet', async () => {
      const a = await seeded(open);
      const hits = await a.search('湘江大桥');
      expect(heads(hits)).toEqual(['湘江大桥今日通车']);
      expect(hits[0]).toMatchObject({ publication: '衡阳日报', date: '2021-10-29' });
      expect(hits[0]!.snippet).toContain('[[湘江大桥]]');
      expect(hits[0]!.rank).toBeLessThan(0); // bm25: lower is better
      expect(heads(await a.search('稳中求进'))).toEqual(['衡阳市召开经济工作会议']);
      expect((await a.search('东岸直达西岸'))[0]!.snippet).toMatch(/\[\[东岸直达西岸\]\]/);
    });

    it('ranks a headline match above a body match, best rank first', async () => {
      const a = await open();
      await putPage(a, 'x', '报', '2020-01-01', [
        article('其他新闻', ['这里提到了一次船山书院的活动,内容很长很长很长很长很长很长很长很长很长很长。']),
        article('船山书院修缮完工', ['工程完工。']),
      ]);
      const hits = await a.search('船山书院');
      expect(heads(hits)).toEqual(['船山书院修缮完工', '其他新闻']);
      expect(hits[0]!.rank).toBeLessThan(hits[1]!.rank);
    });

    it('finds one- and two-character terms (scan or the rare-term lookup)', async () => {
      const a = await seeded(open);
      expect(heads(await a.search('大桥')).sort()).toEqual(['海港大橋啟用', '湘江大桥今日通车'].sort());
      expect(heads(await a.search('耕'))).toEqual(['春耕备耕有序推进']);
      expect((await a.search('大桥')).map((h) => h.snippet)).toContain('海港[[大橋]]啟用');
      expect(await a.search('无此')).toEqual([]);
    });

    it('finds a rare two-character name at the very end of a column', async () => {
      const a = await seeded(open);
      expect(heads(await a.search('彭斌'))).toEqual(['湘江大桥今日通车']);
      expect(heads(await a.search('斌'))).toEqual(['湘江大桥今日通车']);
      expect(heads(await a.search('儀式'))).toEqual(['海港大橋啟用']); // last two characters of a body
    });

    it('combines short and long terms (all must match)', async () => {
      const a = await seeded(open);
      expect(heads(await a.search('湘江大桥 东岸'))).toEqual(['湘江大桥今日通车']);
      expect(await a.search('湘江大桥 西湖')).toEqual([]);
    });

    it('folds traditional and simplified both ways, showing the original characters', async () => {
      const a = await seeded(open);
      expect(heads(await a.search('衡陽')).sort()).toEqual(['海港大橋啟用', '衡阳市召开经济工作会议'].sort());
      expect(heads(await a.search('海港大桥'))).toEqual(['海港大橋啟用']);
      const hit = (await a.search('衡阳商会'))[0]!;
      expect(hit.headline).toBe('海港大橋啟用');
      expect(hit.snippet).toContain('[[衡陽商會]]');
    });

    it('filters by publication, issue, date range, kind, tag and state; a malformed filter is refused', async () => {
      const a = await seeded(open);
      const hk = (await a.listPublications()).find((p) => p.title === '港灣時報')!;
      expect((await a.search('衡陽', { publicationId: hk.id })).map((h) => h.publication)).toEqual(['港灣時報']);
      const issue = (await a.listIssues(hk.id))[0]!;
      expect(heads(await a.search('衡陽', { issueId: issue.id }))).toEqual(['海港大橋啟用']);
      expect(await a.search('推进', { dateFrom: '2022-01-01', dateTo: '2022-12-31' })).toHaveLength(1);
      expect(await a.search('湘江大桥', { dateFrom: '2022-01-01' })).toEqual([]);
      expect(await a.search('春耕', { kind: 'brief' })).toHaveLength(1);
      expect(await a.search('春耕', { kind: 'article' })).toEqual([]);
      expect(await a.search('春耕', { state: 'proofed' })).toEqual([]);
      expect(await a.search('春耕', { state: 'imported' })).toHaveLength(1);
      expect(await a.search('春耕', { tag: '农业' })).toEqual([]);
      await expect(a.search('春耕', { dateFrom: '2022/01/01' })).rejects.toThrow(/YYYY-MM-DD/);
    });

    it('matches long terms as real substrings, not just as a bag of their trigrams', async () => {
      const a = await open();
      await putPage(a, 'x', '报', '2020-01-01', [article('日报社与报社出', ['两个三字片段都在,四字整体不在。']), article('衡阳日报社出版', ['完整出现。'])]);
      expect(heads(await a.search('日报社出'))).toEqual(['衡阳日报社出版']);
      expect(heads(await a.search('报社出')).sort()).toEqual(['日报社与报社出', '衡阳日报社出版'].sort());
    });

    it('finds exactly the items a brute-force substring search finds (1- to 5-character queries)', async () => {
      const a = await open();
      const alphabet = '衡阳日报江河湖海山川';
      const rand = seededRandom(42);
      const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const items = Array.from({ length: 150 }, () =>
        article(word(1 + Math.floor(rand() * 4)), [word(Math.floor(rand() * 12))], { contributors: rand() < 0.3 ? [{ name: word(2), role: 'reporter' }] : [] }),
      );
      const pageId = await putPage(a, 'x', '报', '2020-01-01', items);
      const ids = (await a.getPage(pageId)).items.map((i) => i.id!);
      for (let n = 0; n < 60; n++) {
        const q = word(1 + (n % 5));
        const expected = items
          .map((it, k) => ({ id: ids[k]!, text: [it.headline ?? '', ...it.paragraphs, ...it.contributors.map((c) => c.name)] }))
          .filter((it) => it.text.some((t) => t.includes(q)))
          .map((it) => it.id)
          .sort((x, y) => x - y);
        const got = (await a.search(q, {}, 1000)).map((h) => h.itemId).sort((x, y) => x - y);
        expect(got, `query ${q}`).toEqual(expected);
        // Ranked hits come best first (ties by id); scanned ones newest first with rank 0.
        const hits = await a.search(q, {}, 1000);
        for (let k = 1; k < hits.length; k++) {
          const [p, h] = [hits[k - 1]!, hits[k]!];
          if (p.rank === 0 && h.rank === 0) expect(p.itemId).toBeGreaterThan(h.itemId);
          else expect(p.rank < h.rank || (p.rank === h.rank && p.itemId < h.itemId), `order of ${q}`).toBe(true);
        }
      }
    });

    it('lists a common short term newest first, up to the limit, with and without filters', async () => {
      const a = await open();
      const items = Array.from({ length: 600 }, (_, k) =>
        k % 3 === 0 ? article(`简讯${k}`, ['无关内容。'], { kind: 'brief' }) : article(`标题${k}`, [k % 2 ? '江河奔流。' : '山川江河。']),
      );
      const pageId = await putPage(a, 'x', '报', '2020-01-01', items);
      const ids = (await a.getPage(pageId)).items.map((i) => i.id!);
      const holding = ids.filter((_, k) => k % 3 !== 0).sort((x, y) => y - x);
      expect((await a.search('江河', {}, 20)).map((h) => h.itemId)).toEqual(holding.slice(0, 20));
      expect((await a.search('江河', {}, 1000)).map((h) => h.itemId)).toEqual(holding);
      expect((await a.search('江河', { kind: 'article' }, 7)).map((h) => h.itemId)).toEqual(holding.slice(0, 7));
      expect(await a.search('江河', { kind: 'brief' }, 20)).toEqual([]);
      const pub = (await a.listPublications())[0]!.id;
      expect((await a.search('江河', { state: 'imported', publicationId: pub }, 5)).map((h) => h.itemId)).toEqual(holding.slice(0, 5));
      expect((await a.search('江河', { dateFrom: '2020-01-01', dateTo: '2020-01-01' }, 5)).map((h) => h.itemId)).toEqual(holding.slice(0, 5));
      expect(await a.search('江河', { dateFrom: '2021-01-01' }, 5)).toEqual([]);
      const hit = (await a.search('江河', {}, 1))[0]!;
      expect(hit.snippet).toContain('[[江河]]');
      expect(hit).toMatchObject({ publication: '报', pageId, rank: 0 });

      // Paging: the true total, pages that neither repeat nor skip, the same order as searchAllIds.
      const all = await a.searchAllIds('江河');
      expect(all).toEqual(holding);
      const first = await a.searchPage('江河', {}, 0, 150);
      const second = await a.searchPage('江河', {}, 150, 150);
      const rest = await a.searchPage('江河', {}, 300, 150);
      expect(first).toMatchObject({ total: 400, capped: false });
      expect([...first.hits, ...second.hits, ...rest.hits].map((h) => h.itemId)).toEqual(all);
      expect((await a.searchPage('江河', { kind: 'brief' })).total).toBe(0);
      expect(await a.searchAllIds('江河', {}, 7)).toEqual(holding.slice(0, 7));
    });

    it('pages a ranked query: the ranked window first, then the rest newest first, with the true total', async () => {
      const a = await open();
      const items = Array.from({ length: 40 }, (_, k) => article(k % 4 === 0 ? `湘江大桥${k}` : `标题${k}`, [k % 2 ? '湘江大桥通车。' : '无关。']));
      await putPage(a, 'x', '报', '2020-01-01', items);
      const hits = await a.search('湘江大桥', {}, 1000);
      const all = await a.searchAllIds('湘江大桥');
      expect(all).toEqual(hits.map((h) => h.itemId));
      const page = await a.searchPage('湘江大桥', {}, 5, 10);
      expect(page.total).toBe(all.length);
      expect(page.hits.map((h) => h.itemId)).toEqual(all.slice(5, 15));
      expect(page.hits.map((h) => h.rank)).toEqual(hits.slice(5, 15).map((h) => h.rank));
    });

    it('treats query syntax as plain text; no words and no tag find nothing', async () => {
      const a = await seeded(open);
      expect(await a.search('"湘江 OR NEAR(')).toEqual([]);
      expect(await a.search('   ')).toEqual([]);
      expect(await a.search('100%')).toEqual([]);
      expect(await a.searchPage('   ')).toEqual({ total: 0, capped: false, hits: [] });
    });

    it('finds an item by its tags and shows them on the hit right after tagging; lists by tag alone', async () => {
      const a = await seeded(open);
      const hit = (await a.search('湘江大桥'))[0]!;
      expect(hit.tags).toEqual([]);
      await a.setItemTags(hit.itemId, ['交通', '基础设施'], supervisor);
      const again = (await a.search('湘江大桥'))[0]!;
      expect(again.tags).toEqual(['交通', '基础设施']);
      expect((await a.search('基础设施')).map((h) => h.itemId)).toEqual([hit.itemId]);
      expect((await a.search('基础设施'))[0]!.snippet).toContain('[[基础设施]]');
      expect((await a.search('', { tag: '交通' })).map((h) => h.itemId)).toEqual([hit.itemId]);
      expect((await a.search('通车', { tag: '交通' })).map((h) => h.itemId)).toEqual([hit.itemId]);
      await a.setItemTags(hit.itemId, [], supervisor);
      expect(await a.search('基础设施')).toEqual([]);
    });

    it('finds a saved page by its new words and no longer by its old ones', async () => {
      const a = await seeded(open);
      const pageId = (await a.search('稳中求进'))[0]!.pageId;
      const page = await a.getPage(pageId);
      const items = page.items.map((i) => (i.headline === '衡阳市召开经济工作会议' ? { ...i, headline: '船山书院修缮完工', editedFields: [...i.editedFields, 'headline' as const] } : i));
      await a.savePage({ pageId, baseRevision: page.revision, text: page.text, items }, supervisor);
      expect(heads(await a.search('船山书院'))).toEqual(['船山书院修缮完工']);
      expect(await a.search('经济工作会议')).toEqual([]);
    });
  });
}
