// Issue 14: the controlled vocabulary normalises tags — an alias or a traditional form becomes the
// term, so the tag filter lists 衡阳 once.
import { describe, expect, it } from 'vitest';
import { freshArchive } from '../archive/helpers.ts';

const boss = { name: 'boss', role: 'supervisor' as const };

function world() {
  const a = freshArchive();
  const out = a.importPage(
    {
      sourceName: 'p.txt', text: '衡阳新闻', encoding: 'UTF-8',
      segmentation: { schema: 'galley.segmentation/1', masthead: null, items: ['一', '二'].map((h, i) => ({ kind: 'article' as const, start: i, end: i + 1, kicker: null, headline: h, subheadline: null, series: null, byline: null, contributors: [], paragraphs: ['x'], continuedOn: null, continuedFrom: null, flags: [] })) },
    },
    boss,
  );
  const [one, two] = a.getPage(out.pageId!).items.map((i) => i.id!);
  a.upsertVocabulary({ type: 'place', path: ['湖南'], label: '湖南', aliases: [] }, boss);
  a.upsertVocabulary({ type: 'place', path: ['湖南', '衡阳'], label: '衡阳', aliases: ['雁城'] }, boss);
  a.upsertVocabulary({ type: 'organisation', path: ['城市管理综合执法局'], label: '城市管理综合执法局', aliases: ['城管'] }, boss);
  return { a, one: one!, two: two! };
}

describe('tags follow the vocabulary', () => {
  it('an alias or a traditional form is stored as the term', () => {
    const { a, one } = world();
    expect(a.setItemTags(one, ['衡陽', '城管', '雁城', '自由标签'], boss).tags.sort()).toEqual(['城市管理综合执法局', '自由标签', '衡阳'].sort());
  });

  it('bulk tagging normalises too, and the tag list counts one entry per term', () => {
    const { a, one, two } = world();
    a.changeItemTags([one], ['衡阳'], [], boss);
    a.changeItemTags([two], ['衡陽'], [], boss);
    const tags = a.listTags().filter((t) => t.name.startsWith('衡'));
    expect(tags).toEqual([{ name: '衡阳', count: 2 }]);
    // Removing by the alias removes the term.
    a.changeItemTags([one, two], [], ['雁城'], boss);
    expect(a.listTags().some((t) => t.name === '衡阳')).toBe(false);
  });

  it('a free tag in traditional characters joins the existing simplified one', () => {
    const { a, one, two } = world();
    a.changeItemTags([one], ['经济'], [], boss);
    a.changeItemTags([two], ['經濟'], [], boss);
    expect(a.listTags().filter((t) => t.name === '经济' || t.name === '經濟')).toEqual([{ name: '经济', count: 2 }]);
  });
});

describe('vocabulary CSV problems in the UI language', () => {
  it('words the importer’s row problems through the tables', async () => {
    const { csvProblem } = await import('../../renderer/components/VocabularyManager.tsx');
    const { STRINGS } = await import('../../shared/i18n.ts');
    const zh = (k: string, o: Record<string, unknown> = {}) => {
      let v: unknown = STRINGS['zh-CN'];
      for (const p of k.split('.')) v = (v as Record<string, unknown>)[p];
      return String(v).replace(/\{\{(\w+)\}\}/g, (_, n: string) => String(o[n]));
    };
    // By the row's code and details, whatever its English message says.
    expect(csvProblem(zh, { message: 'x', code: 'no-parent', details: { type: 'place', path: '湖南' } })).toBe('上级地点“湖南”既不在文件中，也不在词表中');
    expect(csvProblem(zh, { message: 'x', code: 'fields', details: { expected: 4, found: 3 } })).toBe('应有 4 个字段，实际 3 个');
    const { parseVocabularyCsv } = await import('../../core/tagging/vocabulary.ts');
    const [row] = parseVocabularyCsv('type,path,label,aliases\nplace,湖南/衡阳,衡阳,\n').errors;
    expect(csvProblem(zh, row!)).toBe('上级地点“湖南”既不在文件中，也不在词表中');
  });
});
