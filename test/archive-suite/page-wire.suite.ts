// page.get's lean wire form (issue 14, shared/page-wire.ts) read back in the tab is exactly the
// page getPage returns, on both archives: SQLite builds it from its rows (page-lean.ts), PostgreSQL
// from the record. Covers paragraphs across OCR line breaks, literal paragraphs, contributors,
// tags, flags, confidence, continuations, and a page whose text was edited after import (its
// stored paragraphs refer to the imported text, the wire's to the text now).
import { describe, expect, it } from 'vitest';
import { pageOfWire } from '../../shared/page-wire.ts';
import type { Segmentation } from '../../shared/segmentation.ts';
import { editor, imp, supervisor, type OpenSuiteArchive } from './support.ts';

const TEXT = ['衡阳日报', '', '湘江大桥今日通车', '本报讯（记者 彭斌 通讯员 李明）经过三年', '建设，湘江大桥正式通车。', '', '短讯', '全市春耕有序推进。', ''].join('\n');
const at = (s: string) => TEXT.indexOf(s);

function segmentation(): Segmentation {
  const base = { kicker: null, subheadline: null, series: null, continuedOn: null, continuedFrom: null, flags: [] };
  return {
    schema: 'galley.segmentation/1',
    masthead: { title: '衡阳日报', titleLatin: null, date: '2021-10-29', weekday: null, lunarDate: null, issueNumber: null, pageCount: null, serial: null, publisher: null, hotlines: [] },
    items: [
      { ...base, kind: 'masthead', start: 0, end: at('湘江'), headline: '衡阳日报', byline: null, contributors: [], paragraphs: [] },
      {
        ...base,
        kind: 'article',
        start: at('湘江'),
        end: at('短讯'),
        headline: '湘江大桥今日通车',
        byline: '本报讯（记者 彭斌 通讯员 李明）',
        contributors: [{ name: '彭斌', role: 'reporter' }, { name: '李明', role: 'correspondent' }],
        // Across an OCR line break (joined without it), and one the text does not hold.
        paragraphs: ['经过三年建设，湘江大桥正式通车。', '编者按：此段不在原文中'],
        continuedOn: 6,
        flags: [{ code: 'lost-text', message: '疑似缺字', start: at('经过'), end: at('经过') + 2 }],
        confidence: { boundary: 0.75, titles: 0.5 },
      },
      { ...base, kind: 'brief', start: at('短讯'), end: TEXT.length, headline: '短讯', byline: null, contributors: [], paragraphs: ['全市春耕有序推进。', '全'] },
    ],
  };
}

export function pageWireSuite(open: OpenSuiteArchive): void {
  describe('page.get lean wire form', () => {
    it('reads back as exactly getPage, before and after the text is edited, with tags and edited fields', async () => {
      const a = await open();
      const { pageId } = await a.importPage({ sourceName: 'p1.txt', text: TEXT, encoding: 'UTF-8', segmentation: segmentation() }, imp);
      const same = async () => {
        const wire = await a.getPageJson(pageId);
        const page = await a.getPage(pageId);
        expect(pageOfWire(JSON.parse(wire.json))).toEqual(page);
        expect(wire.itemCount).toBe(page.items.length);
        expect(wire.textChars).toBe(page.text.length);
        return { wire: wire.json, page };
      };
      const first = await same();
      expect(first.page.items[1]!.paragraphs).toEqual(['经过三年建设，湘江大桥正式通车。', '编者按：此段不在原文中']);
      // Texts the page holds go as references, not copies; text it does not hold goes as it is.
      expect(first.wire).not.toContain('"湘江大桥今日通车"');
      expect(first.wire).toContain('"编者按：此段不在原文中"');
      expect(first.wire.length).toBeLessThan(JSON.stringify(first.page).length);

      const article = first.page.items[1]!;
      await a.setItemTags(article.id!, ['交通', '衡阳'], supervisor);
      const tagged = (await same()).page;
      // Text typed before the article: every offset after it moves; the stored paragraphs still refer to the imported text.
      const text = first.page.text.replace('湘江大桥今日通车', '快讯\n湘江大桥今日通车');
      const shift = '快讯\n'.length;
      const items = tagged.items.map((it, i) =>
        i === 0
          ? it
          : {
              ...it,
              start: it.start + shift,
              end: it.end + shift,
              ...(i === 2 ? { paragraphs: ['全市春耕有序推进，', '改过的段落'], editedFields: ['paragraphs' as const] } : {}),
            },
      );
      const saved = await a.savePage({ pageId, baseRevision: tagged.revision, text, items }, editor);
      expect(saved.revision).toBeGreaterThan(tagged.revision);
      const second = await same();
      expect(second.page.text).toBe(text);
      expect(second.page.items[1]).toMatchObject({ tags: ['交通', '衡阳'], paragraphs: ['经过三年建设，湘江大桥正式通车。', '编者按：此段不在原文中'] });
      expect(second.page.items[2]).toMatchObject({ paragraphs: ['全市春耕有序推进，', '改过的段落'], editedFields: ['paragraphs'] });
    });
  });
}
