import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Item, Segmentation } from '../../shared/segmentation.ts';
import { GoldError, goldStartLines, parseGold, type Gold } from '../../core/eval/gold.ts';
import { emptyItem } from '../../core/engine/empty-item.ts';
import { evaluatePage, overallScore, windowMetrics, type PageMetrics } from '../../core/eval/metrics.ts';

// A three-item page: every segment is three non-blank lines long, so k = round(3 / 2) = 2.
const TEXT = ['A1 标题', 'a2 正文。', 'a3 正文。', 'B1 标题', 'b2 正文。', 'b3 正文。', 'C1 标题', 'c2 正文。', 'c3 正文。', ''].join('\n');
const lineOffset = (text: string, line: number): number => {
  let o = 0;
  for (let l = 0; l < line; l++) o = text.indexOf('\n', o) + 1;
  return o;
};

const item = (start: number, over: Partial<Item> = {}): Item => ({ ...emptyItem(start, start), ...over });
const seg = (items: Item[], masthead: Segmentation['masthead'] = null): Segmentation => ({
  schema: 'galley.segmentation/1',
  masthead,
  items,
});
const gold = (over: Partial<Gold> = {}): Gold =>
  parseGold({
    schema: 'galley.gold/1',
    text: 'pages/x.txt',
    items: [{ kind: 'article', start: 'A1' }, { kind: 'article', start: 'B1' }, { kind: 'article', start: 'C1' }],
    ...over,
  });
/** Items starting on the given lines of TEXT. */
const at = (text: string, ...lines: number[]): Item[] => lines.map((l) => item(lineOffset(text, l)));

const ALL_ONE: Omit<PageMetrics, 'pk' | 'windowDiff'> = {
  boundaryPrecision: 1,
  boundaryRecall: 1,
  boundaryF1: 1,
  kind: 1,
  titles: 1,
  headline: 1,
  contributors: 1,
  paragraphs: 1,
  joins: 1,
  breaks: 1,
  masthead: 1,
  score: 1,
};

describe('boundaries, Pk and WindowDiff', () => {
  it('a perfect prediction scores 1 everywhere and Pk = WindowDiff = 0', () => {
    const r = evaluatePage(TEXT, gold(), seg(at(TEXT, 0, 3, 6)));
    expect(r.metrics).toEqual({ ...ALL_ONE, pk: 0, windowDiff: 0 });
    expect(r.counts).toMatchObject({ lines: 9, k: 2, windows: 7 });
    expect(r.items.every((i) => i.found && i.misses.length === 0)).toBe(true);
    expect(r.extraItems).toEqual([]);
  });

  it('one missed boundary: P = 1, R = 2/3, F1 = 0.8, Pk = WindowDiff = 2/7', () => {
    const r = evaluatePage(TEXT, gold(), seg(at(TEXT, 0, 6)));
    expect(r.metrics.boundaryPrecision).toBe(1);
    expect(r.metrics.boundaryRecall).toBeCloseTo(2 / 3, 12);
    expect(r.metrics.boundaryF1).toBeCloseTo(0.8, 12);
    // Windows (i, i+2), i = 0..6: i = 1 and i = 2 straddle the missed boundary at line 3.
    expect(r.metrics.pk).toBeCloseTo(2 / 7, 12);
    expect(r.metrics.windowDiff).toBeCloseTo(2 / 7, 12);
    const missed = r.items[1]!;
    expect(missed.found).toBe(false);
    expect(missed.line).toBe(4);
    expect(missed.misses[0]).toMatch(/no predicted item starts on this line/);
    // Field accuracies count matched items only; the score weighs them by recall.
    expect(r.metrics.kind).toBe(1);
    expect(r.metrics.score).toBeCloseTo((0.8 + 5 * (2 / 3) + 3) / 9, 12);
  });

  it('one extra boundary: P = 3/4, R = 1, Pk = WindowDiff = 1/7', () => {
    const r = evaluatePage(TEXT, gold(), seg(at(TEXT, 0, 1, 3, 6)));
    expect(r.metrics.boundaryPrecision).toBe(0.75);
    expect(r.metrics.boundaryRecall).toBe(1);
    expect(r.metrics.boundaryF1).toBeCloseTo(6 / 7, 12);
    expect(r.metrics.pk).toBeCloseTo(1 / 7, 12);
    expect(r.metrics.windowDiff).toBeCloseTo(1 / 7, 12);
    expect(r.extraItems).toEqual([{ index: 1, kind: 'article', line: 2, lineText: 'a2 正文。', headline: null }]);
  });

  it('blank lines do not count: the same prediction scores the same with blank lines between', () => {
    const spaced = TEXT.split('\n').join('\n\n');
    const r = evaluatePage(spaced, gold(), seg(at(spaced, 0, 12)));
    expect(r.counts).toMatchObject({ lines: 9, k: 2, windows: 7 });
    expect(r.metrics.pk).toBeCloseTo(2 / 7, 12);
    expect(r.metrics.windowDiff).toBeCloseTo(2 / 7, 12);
  });

  it('a predicted item starts at its first non-blank line, and CRLF is normalised', () => {
    const crlf = `\r\n  \r\n${TEXT.replace(/\n/g, '\r\n')}`;
    const lf = crlf.replace(/\r\n/g, '\n');
    // Item 0 starts at offset 0 (blank lines before A1); item 1 at the newline ending a3.
    const items = [item(0), item(lineOffset(lf, 5) - 1), item(lineOffset(lf, 8))];
    const r = evaluatePage(crlf, gold(), seg(items));
    expect(r.metrics.boundaryF1).toBe(1);
    expect(r.items.map((i) => i.line)).toEqual([3, 6, 9]);
  });

  it('the gold start is the first line at or after the previous start that begins with the anchor', () => {
    const lines = ['  X 头', 'X 正文', 'Y', 'X 尾'];
    const g = { items: [{ kind: 'article' as const, start: 'X' }, { kind: 'article' as const, start: 'X\n' }] };
    expect(goldStartLines(lines, g)).toEqual([0, 1]);
    expect(() => goldStartLines(lines, { items: [{ kind: 'article', start: 'Z' }] })).toThrow(/anchor "Z" not found/);
  });

  it('windowMetrics distinguishes Pk from WindowDiff on a near miss', () => {
    // Reference boundary before unit 4; hypothesis has boundaries before 3 and 4.
    const w = windowMetrics(8, [4], [3, 4], 2);
    expect(w.windows).toBe(6);
    expect(w.pk).toBeCloseTo(1 / 6, 12);
    expect(w.windowDiff).toBeCloseTo(2 / 6, 12);
    expect(windowMetrics(4, [2], [2]).k).toBe(2); // round(4 / 2 / 2) = 1, at least 2
    expect(windowMetrics(40, [20], [20]).k).toBe(10);
    expect(windowMetrics(2, [], [1])).toMatchObject({ pk: 0, windowDiff: 0, windows: 0 });
  });
});

describe('field accuracies', () => {
  const one = (over: Record<string, unknown>): Gold =>
    parseGold({ schema: 'galley.gold/1', text: 'pages/x.txt', items: [{ kind: 'article', start: 'A1', ...over }] });
  const TEXT1 = 'A1 标题\n副题\n正文一。\n正文二。\n';

  it('a wrong role makes contributors 0', () => {
    const g = one({ contributors: [{ name: '彭斌', role: 'reporter' }] });
    const ok = evaluatePage(TEXT1, g, seg([item(0, { contributors: [{ name: '彭 斌', role: 'reporter' }] })]));
    expect(ok.metrics.contributors).toBe(1);
    const r = evaluatePage(TEXT1, g, seg([item(0, { contributors: [{ name: '彭斌', role: 'correspondent' }] })]));
    expect(r.metrics.contributors).toBe(0);
    expect(r.items[0]!.misses).toEqual(['contributors: missing 彭斌/reporter; extra 彭斌/correspondent']);
    const more = evaluatePage(TEXT1, g, seg([item(0, { contributors: [{ name: '彭斌', role: 'reporter' }, { name: '许珂', role: 'reporter' }] })]));
    expect(more.metrics.contributors).toBe(0);
  });

  it('titles compare display lines as a multiset, whitespace removed; headline must be an accepted one', () => {
    const g = one({ titleLines: ['A1 标题', '副题'], headline: ['A1 标题'] });
    const r = evaluatePage(TEXT1, g, seg([item(0, { headline: 'A1标题', kicker: null, subheadline: ' 副 题 ' })]));
    expect([r.metrics.titles, r.metrics.headline]).toEqual([1, 1]);
    const swapped = evaluatePage(TEXT1, g, seg([item(0, { headline: '副题', kicker: 'A1 标题' })]));
    expect([swapped.metrics.titles, swapped.metrics.headline]).toEqual([1, 0]);
    const split = evaluatePage(TEXT1, g, seg([item(0, { headline: 'A1 标题\n副题' })]));
    expect(split.metrics.titles).toBe(1);
    const missing = evaluatePage(TEXT1, g, seg([item(0, { headline: 'A1 标题' })]));
    expect(missing.metrics.titles).toBe(0);
    expect(missing.items[0]!.misses[0]).toBe('titles: missing "副题"');
  });

  it('an empty headline list means the item must have none', () => {
    const g = one({ titleLines: [], headline: [] });
    expect(evaluatePage(TEXT1, g, seg([item(0)])).metrics.headline).toBe(1);
    const r = evaluatePage(TEXT1, g, seg([item(0, { headline: 'A1 标题' })]));
    expect([r.metrics.titles, r.metrics.headline]).toEqual([0, 0]);
  });

  it('paragraphs: count, first, last, continuedOn, and continuedFrom when given', () => {
    const g = one({ paragraphs: 2, firstParagraph: '正文一', lastParagraph: '二。', continuedOn: 6 });
    const good = item(0, { paragraphs: ['正文一。', '正文二。'], continuedOn: 6 });
    expect(evaluatePage(TEXT1, g, seg([good])).metrics.paragraphs).toBe(1);
    expect(evaluatePage(TEXT1, g, seg([{ ...good, continuedFrom: 3 }])).metrics.paragraphs).toBe(1);
    expect(evaluatePage(TEXT1, g, seg([{ ...good, continuedOn: null }])).items[0]!.misses).toEqual([
      'paragraphs: continuedOn none, gold 6',
    ]);
    expect(evaluatePage(TEXT1, g, seg([{ ...good, paragraphs: ['正文一。正文二。'] }])).metrics.paragraphs).toBe(0);
    const from = one({ paragraphs: 1, continuedFrom: 2 });
    expect(evaluatePage(TEXT1, from, seg([item(0, { paragraphs: ['x'], continuedFrom: 2 })])).metrics.paragraphs).toBe(1);
    expect(evaluatePage(TEXT1, from, seg([item(0, { paragraphs: ['x'] })])).metrics.paragraphs).toBe(0);
  });

  it('kind accuracy is over matched items', () => {
    const r = evaluatePage(TEXT, gold(), seg([item(lineOffset(TEXT, 0), { kind: 'brief' }), ...at(TEXT, 3)]));
    expect(r.metrics.kind).toBe(0.5);
    expect(r.items[0]!.misses).toEqual(['kind: predicted brief, gold article']);
  });

  it('joins need both halves in one paragraph with no line break; breaks need them apart', () => {
    const g = gold({ joins: [['正文', '续'], ['甲', '乙']], breaks: [['一。', '二。']] });
    const items = [item(0, { paragraphs: ['正文 续', '甲\n乙'] }), item(lineOffset(TEXT, 3), { paragraphs: ['一。', '二。'] })];
    const r = evaluatePage(TEXT, g, seg([...items, ...at(TEXT, 6)]));
    expect(r.metrics.joins).toBe(0.5);
    expect(r.missedJoins).toEqual([['甲', '乙']]);
    expect(r.metrics.breaks).toBe(1);
    const merged = evaluatePage(TEXT, g, seg([item(0, { paragraphs: ['一。二。'] }), ...at(TEXT, 3, 6)]));
    expect(merged.metrics.breaks).toBe(0);
  });

  it('masthead: the fields the gold gives, whitespace-normalised', () => {
    const g = gold({ masthead: { title: '衡阳日报', date: '2021-10-29', issueNumber: 17980, serial: 'CN 43-0004' } });
    const m = {
      title: '衡阳日报',
      titleLatin: null,
      date: '2021-10-29',
      weekday: null,
      lunarDate: null,
      issueNumber: 17981,
      pageCount: null,
      serial: 'CN  43-0004 ',
      publisher: null,
      hotlines: [],
    };
    const r = evaluatePage(TEXT, g, seg(at(TEXT, 0, 3, 6), m));
    expect(r.metrics.masthead).toBe(0.75);
    expect(r.missedMasthead).toEqual([{ field: 'issueNumber', gold: 17980, predicted: 17981 }]);
    expect(evaluatePage(TEXT, g, seg(at(TEXT, 0, 3, 6))).metrics.masthead).toBe(0);
  });

  it('the overall score is (F1 + Σ field × recall + joins + breaks + masthead) / 9', () => {
    const m = { boundaryF1: 0.8, boundaryRecall: 0.5, kind: 1, titles: 0.5, headline: 0.5, contributors: 1, paragraphs: 0, joins: 1, breaks: 0.5, masthead: 1 };
    expect(overallScore(m)).toBeCloseTo((0.8 + 0.5 * 3 + 1 + 0.5 + 1) / 9, 12);
  });
});

describe('gold validation', () => {
  it('names each problem with its path', () => {
    const bad = {
      schema: 'galley.gold/1',
      text: 'pages/x.txt',
      items: [
        { kind: 'article', start: 'A', titleLines: ['A'] },
        { kind: 'story', start: 'B' },
        { kind: 'article', start: 'C', contributors: [{ name: 'x', role: 'writer' }], titleline: [] },
      ],
      joins: [['a']],
    };
    try {
      parseGold(bad, 'bad.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GoldError);
      const problems = (e as GoldError).problems.join('\n');
      expect(problems).toMatch(/items\[0\]\.headline: required when titleLines is given/);
      expect(problems).toMatch(/items\[1\]\.kind:/);
      expect(problems).toMatch(/items\[2\]\.contributors\[0\]\.role:/);
      expect(problems).toMatch(/items\[2\]: .*titleline/);
      expect(problems).toMatch(/joins\[0\]/);
      expect((e as GoldError).message).toMatch(/^bad\.json: invalid galley\.gold\/1/);
    }
    expect(() => parseGold({ ...bad, schema: 'galley.gold/2' })).toThrow(/schema:/);
  });
});

describe('Hengyang page, cross-checked against the reference scorer', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const hengyang = 'hengyang-daily-2021-10-29-p1';
  const text = readFileSync(`${root}resources/pages/${hengyang}.txt`, 'utf8');
  const g = parseGold(JSON.parse(readFileSync(`${root}resources/gold/${hengyang}.json`, 'utf8')));
  const prediction = (name: string): Segmentation =>
    JSON.parse(readFileSync(new URL(`./fixtures/hengyang-${name}-prediction.json`, import.meta.url), 'utf8')) as Segmentation;

  it('a perfect prediction scores 1 with Pk = 0', () => {
    const r = evaluatePage(text, g, prediction('perfect'));
    expect(r.metrics).toEqual({ ...ALL_ONE, pk: 0, windowDiff: 0 });
  });

  it('a flawed prediction gets the same figures as score-segmentation.mjs', () => {
    // Figures printed by `node score-segmentation.mjs <gold> test/eval/fixtures/hengyang-flawed-prediction.json --json`.
    const reference = {
      boundaryPrecision: 0.8888888888888888,
      boundaryRecall: 0.8888888888888888,
      boundaryF1: 0.8888888888888888,
      kind: 0.875,
      titles: 1,
      headline: 0.8333333333333334,
      contributors: 0.8333333333333334,
      paragraphs: 0.5,
      joins: 0.9090909090909091,
      breaks: 0.75,
      masthead: 0.8333333333333334,
      score: 0.7748784137673026,
    };
    const r = evaluatePage(text, g, prediction('flawed'));
    for (const [k, v] of Object.entries(reference)) expect(r.metrics[k as keyof PageMetrics], k).toBeCloseTo(v, 12);
    // 87 non-blank lines in 9 gold segments: k = round(87 / 9 / 2) = 5.
    expect(r.counts).toMatchObject({ lines: 87, k: 5, windows: 82, pkErrors: 4, windowDiffErrors: 10 });
    expect(r.extraItems.map((e) => e.lineText)).toEqual(['今日八版']);
  });
});
