// Item paragraphs stored as references into the page's imported text (paragraph-refs.ts, migration
// 0017): what is stored decodes to exactly the paragraphs written, whatever they share with the
// text; the stored form is a small fraction of a copy; a page's edits never change what an item
// row it did not rewrite means; a reference outside the text is refused, not read as garbage.
import { describe, expect, it } from 'vitest';
import { verifyAllRows } from '../../electron/archive/checksums.ts';
import { baseText, decodeParagraphs, encodeParagraphs } from '../../electron/archive/paragraph-refs.ts';
import { editor, freshArchive, frontPage } from './helpers.ts';

const text = [
  '社区食堂开到“家门口”',
  '本报讯(记者 沈婕)11月18日中午,江州市东湖街道桂园社区食堂里飘出阵阵饭香。',
  '今年以来,我市把发展社区助餐服务列入民生实事项目,在全市建成社区食',
  '堂86家,覆盖老年人口超过12万人。',
  '𠀀𠀁 surrogate pairs 𠀂 stay whole',
].join('\n');

describe('paragraph references', () => {
  it('round-trips paragraphs that are pieces of the text, joined across lines, edited, or foreign', () => {
    const cases: string[][] = [
      ['11月18日中午,江州市东湖街道桂园社区食堂里飘出阵阵饭香。'],
      ['今年以来,我市把发展社区助餐服务列入民生实事项目,在全市建成社区食堂86家,覆盖老年人口超过12万人。'],
      ['今年以来,我市把发展社区助餐服务(编者改)列入民生实事项目', '完全不同的文字', '', '食堂'],
      ['𠀀𠀁 surrogate', '𠀁 sur', 'pairs 𠀂 stay'],
      ['stay whole', '社区食堂开到“家门口”'],
    ];
    for (const paragraphs of cases) {
      const stored = encodeParagraphs(paragraphs, text, 0, text.length);
      expect(decodeParagraphs(stored, text)).toEqual(paragraphs);
    }
    // A random fuzz over slices, joins and edits.
    let seed = 7;
    const rand = (n: number) => {
      // mulberry32 (a low-bit LCG would alternate parity and make the same choices every time).
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    for (let k = 0; k < 300; k++) {
      const paragraphs = Array.from({ length: 1 + rand(4) }, () => {
        const a = rand(text.length);
        let p = text.slice(a, a + rand(60)).replace(/\n/g, rand(2) ? '' : '\n');
        if (rand(3) === 0) p = p.slice(0, rand(p.length + 1)) + '改' + p.slice(rand(p.length + 1));
        return p;
      });
      const start = rand(text.length);
      expect(decodeParagraphs(encodeParagraphs(paragraphs, text, start, start + rand(200)), text)).toEqual(paragraphs);
    }
  });

  it('stores a reference instead of a copy, and plain JSON when there is no text to refer to', () => {
    const p = ['今年以来,我市把发展社区助餐服务列入民生实事项目,在全市建成社区食堂86家,覆盖老年人口超过12万人。'];
    const stored = encodeParagraphs(p, text, 0, text.length);
    expect(stored.length).toBeLessThan(JSON.stringify(p).length / 3);
    expect(stored).not.toContain('社区');
    expect(encodeParagraphs(p, '', 0, 0)).toBe(JSON.stringify(p));
    // Rows written before 0017 (plain strings) read as they are.
    expect(decodeParagraphs('["甲","乙"]', text)).toEqual(['甲', '乙']);
  });

  it('refuses a reference outside the text', () => {
    expect(() => decodeParagraphs('[[5,1000]]', text)).toThrow(/outside the page's imported text/);
    expect(() => decodeParagraphs('[[-1,2]]', text)).toThrow(/outside/);
    expect(() => decodeParagraphs('[{"x":1}]', text)).toThrow(/neither text nor pieces/);
  });

  it('the base is the text as imported: raw_text once changed, the text before, nothing for a page imported empty', () => {
    const hash = 'c'.repeat(64);
    expect(baseText({ raw_text: '', text: '原文', content_hash: hash })).toBe('原文');
    expect(baseText({ raw_text: '原文', text: '改过', content_hash: hash })).toBe('原文');
    expect(baseText({ raw_text: '', text: '后来打的字', content_hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })).toBe('');
  });

  it('in the archive: rows hold references, and edits of the text leave the items they did not rewrite meaning the same', () => {
    const a = freshArchive();
    const [out] = a.importPages([{ sourceName: '2021-10-29/p01.txt', text: frontPage(), encoding: 'UTF-8' }], { name: 'import' });
    const page = a.getPage(out!.pageId);
    const stored = a.db.raw.prepare('SELECT paragraphs_json FROM items WHERE page_id = ? ORDER BY ord').pluck().all(page.id) as string[];
    expect(stored.join('')).not.toMatch(/[\u4e00-\u9fff]/);
    // A same-length change inside an item keeps the item row (core/edit): its paragraphs are what
    // the editor saw, not the new text.
    const item = page.items.findIndex((i) => i.paragraphs.some((p) => p.includes('湘江大桥正式通车')));
    const at = page.text.indexOf('湘江大桥正式通车');
    a.editPage({ pageId: page.id, baseRevision: 0, ops: [{ op: 'text', at, remove: '湘江', insert: '资江' }] }, editor);
    const edited = a.getPage(page.id);
    expect(edited.text).toContain('资江大桥正式通车');
    expect(edited.items[item]!.paragraphs).toEqual(page.items[item]!.paragraphs);
    // Paragraph edits, a whole-page save and a restore go through as written.
    const paragraphs = ['经过三年建设,资江大桥正式通车。', '新加的一段'];
    a.editPage({ pageId: page.id, baseRevision: 1, ops: [{ op: 'paragraphs', index: item, at: 0, remove: edited.items[item]!.paragraphs, insert: paragraphs }] }, editor);
    expect(a.getPage(page.id).items[item]!.paragraphs).toEqual(paragraphs);
    a.restoreRevision(page.id, 0, editor);
    expect(a.getPage(page.id).items.map((i) => i.paragraphs)).toEqual(page.items.map((i) => i.paragraphs));
    expect(verifyAllRows(a.db.raw).damaged).toEqual([]);
  });
});
