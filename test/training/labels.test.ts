// Line roles from hand annotations and from editor-corrected items (core/engine/model/labels.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentPage } from '../../core/engine/index.ts';
import { anchorsMatch, labelFromGold, labelFromItems } from '../../core/engine/model/labels.ts';
import { LINE_ROLES, type LabelledPage } from '../../core/engine/model/line-roles.ts';
import { goldStartLines, parseGold } from '../../core/eval/gold.ts';
import { evaluatePage } from '../../core/eval/metrics.ts';

const RESOURCES = join(import.meta.dirname, '..', '..', 'resources');
const HENGYANG = 'hengyang-daily-2021-10-29-p1';

function labelled(name: string): LabelledPage {
  const gold = parseGold(JSON.parse(readFileSync(join(RESOURCES, 'gold', `${name}.json`), 'utf8')), name);
  const text = readFileSync(join(RESOURCES, gold.text), 'utf8');
  return labelFromGold(text, gold, name.replace(/-\d{4}-.*/, ''), name);
}

function roleOf(page: LabelledPage, startsWith: string): string | null {
  const lines = page.text.split('\n');
  const i = lines.findIndex((l) => l.trim().startsWith(startsWith));
  if (i < 0) throw new Error(`no line starts with ${startsWith}`);
  return page.roles[i] ?? null;
}

describe('labelFromGold', () => {
  it('labels the Hengyang page: 9 items, titles by place, bylines, credits, masthead', () => {
    const page = labelled(HENGYANG);
    expect(page.itemStarts).toHaveLength(9);
    expect(page.month).toBe('2021-10');
    expect(page.roles).toHaveLength(page.text.split('\n').length);
    expect(roleOf(page, '衡阳日报')).toBe('masthead');
    expect(roleOf(page, '第17980号')).toBe('masthead');
    // The couplet above the headline is the kicker; the factual line is the headline.
    expect(roleOf(page, '加强两地交流合作')).toBe('kicker');
    expect(roleOf(page, '秦国文率队赴苏州考察学习')).toBe('headline');
    expect(roleOf(page, '强化中心意识')).toBe('headline');
    expect(roleOf(page, '朱健到石鼓区专题调度')).toBe('subheadline');
    expect(roleOf(page, '■本报评论员')).toBe('byline');
    expect(roleOf(page, '■本报记者 邹红辉')).toBe('byline');
    expect(roleOf(page, '■见习记者 王皓永 摄')).toBe('credit');
    expect(roleOf(page, '10月28日,高新区柘里渡小学')).toBe('caption');
    expect(roleOf(page, '工伤预防★三年行动')).toBe('advertisement');
    // A gold join: the line under an OCR break continues the paragraph.
    expect(roleOf(page, '察湖南重要讲话精神')).toBe('body');
    expect(roleOf(page, '本报讯 (记者 彭斌)')).toBe('body-start');
    // Every item start carries a role; blank lines carry none.
    for (const s of page.itemStarts) expect(page.roles[s]).not.toBeNull();
    page.text.split('\n').forEach((l, i) => {
      if (!l.trim()) expect(page.roles[i]).toBeNull();
    });
  });

  it('counts one body-start per gold paragraph on the Hengyang articles', () => {
    const page = labelled(HENGYANG);
    const ends = [...page.itemStarts.slice(1), page.roles.length];
    page.gold.items.forEach((item, k) => {
      if (item.kind !== 'article' && item.kind !== 'editorial') return;
      const starts = page.roles.slice(page.itemStarts[k], ends[k]).filter((r) => r === 'body-start').length;
      expect(starts, item.start).toBe(item.paragraphs);
    });
  });

  it('labels every annotated page consistently: anchors, starts, known roles', () => {
    for (const file of readdirSync(join(RESOURCES, 'gold'))) {
      const page = labelled(file.replace(/\.json$/, ''));
      expect(anchorsMatch(page), file).toBe(true);
      expect(goldStartLines(page.text.split('\n'), page.gold)).toEqual(page.itemStarts);
      for (const r of page.roles) if (r !== null) expect(LINE_ROLES).toContain(r);
      // Running heads on inner pages, nameplates on front pages.
      if (page.gold.items[0]?.kind === 'masthead') {
        const role = page.roles[page.itemStarts[0]!];
        expect(['masthead', 'running-head'], file).toContain(role);
      }
    }
  });

  it('finds crossheads inside a feature and closing credits after the body', () => {
    const page = labelled('yuanchuan-daily-2024-06-18-p5-feature');
    expect(roleOf(page, '腾笼换鸟 旧厂房引来新项目')).toBe('crosshead');
    expect(roleOf(page, '本报记者 谢宛如 钟亦凡')).toBe('byline');
    expect(roleOf(page, '（记者 谢宛如）')).toBe('credit');
    expect(roleOf(page, '沅川日报 2024年6月18日')).toBe('running-head');
  });

  it('is deterministic', () => {
    expect(labelled(HENGYANG)).toEqual(labelled(HENGYANG));
  });
});

describe('labelFromItems', () => {
  it("turns an editor's items into roles that agree with the items", () => {
    const text = readFileSync(join(RESOURCES, 'pages', `${HENGYANG}.txt`), 'utf8');
    const { items } = segmentPage(text, { model: null });
    const page = labelFromItems(text, items, 'hengyang', `${HENGYANG}-edited`);
    const lines = page.text.split('\n');
    expect(page.itemStarts).toHaveLength(items.length);
    expect(anchorsMatch(page)).toBe(true);
    items.forEach((item, k) => {
      const start = page.itemStarts[k]!;
      expect(page.roles[start]).not.toBeNull();
      if (item.headline) {
        const first = item.headline.split('\n')[0]!.trim();
        const at = lines.findIndex((l, i) => i >= start && l.trim().startsWith(first));
        expect(page.roles[at], item.headline).toBe('headline');
      }
      if (item.kind === 'advertisement') expect(page.roles[start]).toBe('advertisement');
    });
    // Re-joined paragraphs decide body-start vs body: the OCR-broken line continues.
    expect(roleOf(page, '察湖南重要讲话精神')).toBe('body');
    expect(page.gold.items).toHaveLength(items.length);
  });

  it('follows the items, not the layout: moving a split moves the item start', () => {
    const text = '第一条标题\n\n正文第一段。\n\n第二条标题\n\n正文第二段。\n';
    const at = (s: string) => text.indexOf(s);
    const base = { subheadline: null, series: null, kicker: null, byline: null, contributors: [], continuedOn: null, continuedFrom: null, flags: [] };
    const items = [
      { ...base, kind: 'article' as const, start: 0, end: at('第二条标题'), headline: '第一条标题', paragraphs: ['正文第一段。'] },
      { ...base, kind: 'article' as const, start: at('第二条标题'), end: text.length, headline: '第二条标题', paragraphs: ['正文第二段。'] },
    ];
    const page = labelFromItems(text, items, 't', 't-2024-01-01');
    expect(page.itemStarts).toEqual([0, 4]);
    expect(page.roles).toEqual(['headline', null, 'body-start', null, 'headline', null, 'body-start', null]);
    expect(page.month).toBe('2024-01');
  });

  it("scores the engine's own reading 1.000 against the gold it gives: jump lines kept, items without text skipped in step", () => {
    const dirs = [join(RESOURCES, 'pages'), join(RESOURCES, 'training-sample', 'pages')];
    let withJump = 0;
    for (const dir of dirs) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
        const text = readFileSync(join(dir, file), 'utf8');
        const seg = segmentPage(text);
        if (seg.items.some((i) => i.continuedOn !== null || i.continuedFrom !== null)) withJump++;
        const { gold } = labelFromItems(text, seg.items, 't', file.replace(/\.txt$/, ''));
        expect(evaluatePage(text, gold, seg, file).metrics.score, file).toBe(1);
      }
    }
    expect(withJump).toBeGreaterThan(0);
    // An item with no text of its own (a blank span) is skipped, and the next item keeps its own fields.
    const text = '标题甲\n\n正文甲。（下转第2版）\n\n\n\n标题乙\n\n正文乙。\n';
    const at = (s: string) => text.indexOf(s);
    const base = { subheadline: null, series: null, kicker: null, byline: null, contributors: [], continuedFrom: null, flags: [] };
    const items = [
      { ...base, kind: 'article' as const, start: 0, end: at('\n\n\n\n') + 1, headline: '标题甲', paragraphs: ['正文甲。'], continuedOn: 2 },
      { ...base, kind: 'article' as const, start: at('\n\n\n\n') + 1, end: at('标题乙'), headline: null, paragraphs: [], continuedOn: null },
      { ...base, kind: 'article' as const, start: at('标题乙'), end: text.length, headline: '标题乙', paragraphs: ['正文乙。'], continuedOn: null },
    ];
    const gold = labelFromItems(text, items, 't', 't-2024-01-01').gold;
    expect(gold.items.map((i) => [i.start, i.continuedOn ?? null, i.paragraphs])).toEqual([
      ['标题甲', 2, 1],
      ['标题乙', null, 1],
    ]);
  });
});

