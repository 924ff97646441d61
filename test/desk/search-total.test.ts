// Issue 14: search says the true total (not the first 200), pages through every match without
// repeats, and bulk tagging acts on all matches after the count was confirmed; the CLI prints
// the total (also in --json) and no raw [[…]] markers.
import { describe, expect, it } from 'vitest';
import type { Segmentation } from '../../shared/segmentation.ts';
import { freshArchive } from '../archive/helpers.ts';
import { showSnippet } from '../../electron/cli/commands/search.ts';
import { RANK_WINDOW } from '../../electron/archive/sqlite-archive.ts';

const imp = { name: 'import' };

function seeded(n: number) {
  const a = freshArchive();
  const items: Segmentation['items'] = Array.from({ length: n }, (_, i) => ({
    kind: 'article', start: 0, end: 1, kicker: null, headline: `湘江新闻第${i}条`, subheadline: null, series: null, byline: null,
    contributors: [], paragraphs: [`湘江大桥相关报道，编号${i}。`], continuedOn: null, continuedFrom: null, flags: [],
  }));
  a.importPage({ sourceName: 'p', text: 'p', encoding: 'UTF-8', segmentation: { schema: 'galley.segmentation/1', masthead: { title: '衡阳日报', titleLatin: null, date: '2021-10-29', weekday: null, lunarDate: null, issueNumber: null, pageCount: null, serial: null, publisher: null, hotlines: [] }, items } }, imp);
  return a;
}

describe('search totals and paging', () => {
  it('counts every match beyond the rank window and pages through all of them once', () => {
    const n = RANK_WINDOW + 230;
    const a = seeded(n);
    const first = a.searchPage('湘江大桥', {}, 0, 200);
    expect(first.total).toBe(n);
    expect(first.capped).toBe(false);
    expect(first.hits).toHaveLength(200);
    const seen = new Set<number>();
    for (let off = 0; off < n; off += 200) for (const h of a.searchPage('湘江大桥', {}, off, 200).hits) seen.add(h.itemId);
    expect(seen.size).toBe(n);
    expect(a.searchAllIds('湘江大桥')).toHaveLength(n);
    // Short terms (the scan path) are counted too.
    expect(a.searchPage('湘江', {}, 0, 10).total).toBe(n);
    expect(a.searchPage('没有的词语', {}, 0, 10)).toEqual({ total: 0, capped: false, hits: [] });
  });

  it('bulk tagging through the ids reaches every match, not only the page shown', () => {
    const a = seeded(260);
    const ids = a.searchAllIds('湘江大桥');
    const r = a.changeItemTags(ids, ['桥梁'], [], { name: 'archivist' });
    expect(r.changed).toBe(260);
    expect(a.searchPage('', { tag: '桥梁' }, 0, 10).total).toBe(260);
  });
});

describe('galley search output', () => {
  it('shows matches without the raw markers (bold on a terminal)', () => {
    expect(showSnippet('一座[[大桥]]通车', false)).toBe('一座大桥通车');
    expect(showSnippet('一座[[大桥]]通车', true)).toBe('一座\u001b[1m大桥\u001b[22m通车');
  });
});
