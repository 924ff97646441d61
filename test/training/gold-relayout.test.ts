// Hand-annotated pages laid out again in other column layouts (electron/training/gold-relayout.ts):
// on every page in resources/ and every layout, the text is the same text, the gold still holds,
// the labeller reads the same items, titles and paragraphs (only wrapped 'body' lines are added),
// and the wrapping follows CJK typesetting (no closing punctuation opens a line, no number is cut).
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../electron/eval/corpus.ts';
import { annotatedPages, annotatedPagesInLayouts } from '../../electron/eval/labelled-pages.ts';
import { describePages, loadTrainingPages } from '../../electron/eval/training-data.ts';
import { EVALUATION_LAYOUTS, isRelaidId, relaidId, relayoutAnnotated, TRAINING_LAYOUTS } from '../../electron/training/gold-relayout.ts';
import type { LabelledPage } from '../../core/engine/model/line-roles.ts';

const pages = loadCorpus();
const LAYOUTS = [...TRAINING_LAYOUTS, ...EVALUATION_LAYOUTS];
const squash = (s: string): string => s.replace(/\s+/g, '');
const TITLES = new Set(['kicker', 'headline', 'subheadline', 'series']);
const OPENS_PARAGRAPH = new Set(['body-start', 'caption', 'crosshead']);
/**
 * Per item: its first line's role, its title roles in order and how many paragraphs open in it.
 * (Wrapping adds body lines, and notice or ad lines, which take their item's kind; a dateline
 * byline the wrap leaves alone on its line is a byline over the paragraph's first line.)
 */
const structure = (p: LabelledPage): string[] =>
  p.itemStarts.map((from, k) => {
    const roles = p.roles.slice(from, p.itemStarts[k + 1] ?? p.roles.length);
    const titles = roles.filter((r) => r !== null && TITLES.has(r));
    return `${roles[0]} ${titles.join('/')} ${roles.filter((r) => r !== null && OPENS_PARAGRAPH.has(r)).length}`;
  });

describe('relayoutAnnotated', () => {
  it('keeps the text, and the labeller reads the same items, titles and paragraphs in every layout', () => {
    const original = new Map(annotatedPages().map((p) => [p.id, p]));
    const relaid = annotatedPagesInLayouts(LAYOUTS);
    expect(relaid).toHaveLength(pages.length * LAYOUTS.length);
    for (const page of relaid) {
      const base = original.get(page.id.replace(/--[a-z0-9-]+$/, ''))!;
      expect(squash(page.text), page.id).toBe(squash(base.text));
      expect(page.itemStarts.length, page.id).toBe(base.itemStarts.length);
      expect(structure(page), page.id).toEqual(structure(base));
    }
  });

  it('wraps running text at the width, hangs closing punctuation and never cuts a number or a Latin word', () => {
    const hengyang = pages.find((p) => p.id === 'hengyang-daily-2021-10-29-p1')!;
    const { text, gold } = relayoutAnnotated(hengyang.text, hengyang.gold, { width: 14, blankLines: 'none', indent: false });
    const lines = text.split('\n').filter((l) => l.trim());
    expect(lines.length).toBeGreaterThan(hengyang.text.split('\n').filter((l) => l.trim()).length * 3);
    expect(lines.some((l) => /^[，。、；：！？）,.;:!?)]/.test(l))).toBe(false);
    // Each wrapped break is a join of the gold, and none cuts a number or a Latin word; titles stay whole.
    const wrapped = gold.joins.slice(hengyang.gold.joins.length);
    expect(wrapped.filter(([above, below]) => /[0-9A-Za-z]$/.test(above) && /^[0-9A-Za-z]/.test(below))).toEqual([]);
    expect(lines).toContain('秦国文率队赴苏州考察学习 吴庆文会见');
    expect(gold.joins.length).toBeGreaterThan(hengyang.gold.joins.length + 200);
    expect(gold.items).toEqual(hengyang.gold.items);
  });

  it('lays blank lines and indents out as asked', () => {
    const page = pages.find((p) => p.id === 'hengyang-daily-2021-10-29-p1')!;
    const every = relayoutAnnotated(page.text, page.gold, { width: 20, blankLines: 'every', indent: false }).text.split('\n');
    expect(every.filter((_, i) => i % 2 === 1).every((l) => l === '')).toBe(true);
    const block = relayoutAnnotated(page.text, page.gold, { width: 20, blankLines: 'block', indent: true }).text;
    expect(block).toMatch(/\n\u3000\u3000本报讯 \(记者 彭斌\) 立足新发展/);
    expect(block).not.toMatch(/\n\n\n/);
    // The half of a paragraph that runs on across a column is no paragraph's first line: no indent.
    expect(block).toMatch(/\n察湖南重要讲话精神/);
    const dense = relayoutAnnotated(page.text, page.gold, { width: null, blankLines: 'none', indent: false }).text;
    expect(dense).not.toMatch(/\n\n/);
    expect(dense.split('\n').length).toBeLessThan(page.text.split('\n').length);
  });

  it('names relaid pages so that training reports them apart', async () => {
    expect(relaidId('x-2020-01-01-p1', 'w17-dense')).toBe('x-2020-01-01-p1--w17-dense');
    expect(isRelaidId('x-2020-01-01-p1--w17-dense')).toBe(true);
    expect(isRelaidId('x-2020-01-01-p1--dense')).toBe(true);
    expect(isRelaidId('hengyang-daily-2021-10-29-p1')).toBe(false);
    expect(isRelaidId('pd-2019-10-01-p01-v1-ocr-dense')).toBe(false);
    const training = await loadTrainingPages({ annotatedWeight: 1 });
    expect(training).toHaveLength(pages.length * (1 + TRAINING_LAYOUTS.length));
    expect(describePages(training)).toMatch(/annotated, laid out again: 100, annotated: 25/);
  });
});
