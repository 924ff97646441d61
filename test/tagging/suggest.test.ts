import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentPage } from '../../core/engine/index.ts';
import { findPersonNames, suggestTags } from '../../electron/tagging/index.ts';
import { nameAt } from '../../core/tagging/person-names.ts';

const page = segmentPage(readFileSync(join(import.meta.dirname, '../../resources/pages/hengyang-daily-2021-10-29-p1.txt'), 'utf8'));
const all = (s: ReturnType<typeof suggestTags>) => [...s.keywords, ...s.people, ...s.places, ...s.organisations];

describe('suggestTags on the first Hengyang article', () => {
  const item = page.items[1]!;
  const s = suggestTags(item);

  it('includes 衡阳, 苏州 and 秦国文', () => {
    for (const w of ['衡阳', '苏州', '秦国文']) expect(all(s)).toContain(w);
  });
  it('puts them in the right lists', () => {
    expect(s.people).toContain('秦国文');
    expect(s.people).toContain('吴庆文');
    expect(s.places).toEqual(expect.arrayContaining(['衡阳', '苏州']));
    expect(s.organisations).toContain('苏州工业园区管委会');
  });
  it('finds listed officials after 领导', () => {
    expect(s.people).toEqual(expect.arrayContaining(['沈觅', '潘国强', '刘正兴', '毛朝晖', '黄艳娥']));
  });
  it('leaves the reporter out, and the dictionary fragment 秦国 (the Qin state)', () => {
    expect(item.contributors.map((c) => c.name)).toContain('彭斌');
    expect(all(s)).not.toContain('彭斌');
    expect(all(s)).not.toContain('秦国');
  });
  it('gives keywords without numbers or duplicates of the entity lists', () => {
    expect(s.keywords.length).toBeGreaterThan(3);
    expect(s.keywords.length).toBeLessThanOrEqual(10);
    for (const k of s.keywords) {
      expect(k).not.toMatch(/^\d+$/);
      expect([...s.people, ...s.places, ...s.organisations]).not.toContain(k);
    }
    expect(new Set(all(s)).size).toBe(all(s).length);
  });
});

describe('suggestTags on other items', () => {
  it('finds a name before a title-verb on the second article and drops its reporter', () => {
    const s = suggestTags(page.items[2]!);
    expect(s.people).toContain('朱健');
    expect(s.people).not.toContain('罗文鹏');
    expect(s.organisations).toContain('南华大学');
  });
  it('keeps common words jieba tags as names out of people', () => {
    const s = suggestTags(page.items[4]!);
    for (const w of ['阳奉阴违', '严肃查处', '蓝图']) expect(s.people).not.toContain(w);
  });
  it('returns empty lists for an item without text', () => {
    expect(suggestTags({ headline: null, paragraphs: [] })).toEqual({ keywords: [], people: [], places: [], organisations: [] });
  });
  it('validates its input', () => {
    expect(() => suggestTags({ paragraphs: 'text' } as unknown as { paragraphs: string[] })).toThrow();
  });
});

describe('person name patterns', () => {
  it('reads a name after a title, choosing its length by what follows', () => {
    expect(nameAt('秦国文率队赴苏州', 0)).toBe('秦国文');
    expect(nameAt('朱健出席并讲话', 0)).toBe('朱健');
    expect(nameAt('欧阳修说', 0)).toBe('欧阳修');
    expect(nameAt('高新区', 0)).toBeNull();
    expect(nameAt('发展', 0)).toBeNull();
  });
  it('finds names after titles, in lists and before speech verbs', () => {
    const names = findPersonNames('市委书记秦国文率队。苏州市领导沈觅、潘国强参加会见。随后,秦国文指出,要加强合作。');
    expect([...names.keys()]).toEqual(['秦国文', '沈觅', '潘国强']);
    expect(names.get('秦国文')).toBe(2);
  });
});
