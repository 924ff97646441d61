// Doubts in the editing model: which items are doubts, F8 order, and how an editor's change settles them.
import { describe, expect, it } from 'vitest';
import type { StoredItem } from '../../shared/domain.ts';
import type { Item } from '../../shared/segmentation.ts';
import { confirmed, doubtIndexes, doubtOf, nextDoubt } from '../../renderer/model/doubts.ts';
import { applyDerived, planMoveStart, planRederive, planSplit, setField, type PageDoc } from '../../renderer/model/page-model.ts';

const TEXT = ['标题一', '正文一。', '标题二', '正文二。', '标题三', '正文三。'].join('\n');
const item = (start: number, end: number, boundary?: number, titles = 0.95): StoredItem => ({
  kind: 'article', start, end, kicker: null, headline: TEXT.slice(start, TEXT.indexOf('\n', start)), subheadline: null, series: null,
  byline: null, contributors: [], paragraphs: [], continuedOn: null, continuedFrom: null, flags: [], editedFields: [], tags: [],
  ...(boundary === undefined ? {} : { confidence: { boundary, titles } }),
});
const starts = [0, TEXT.indexOf('标题二'), TEXT.indexOf('标题三')];
const doc = (): PageDoc => ({ text: TEXT, items: [item(0, starts[1]!, 0.99), item(starts[1]!, starts[2]!, 0.55), item(starts[2]!, TEXT.length, 0.9, 0.6)] });
/** What the engine's deriveItems gives back: confident about everything (the editor's splits are constraints). */
const derived = (s: number[]): Item[] => s.map((st, i) => {
  const { editedFields: _e, tags: _t, ...it } = item(st, s[i + 1] ?? TEXT.length, 0.97, 0.97);
  return it;
});

describe('doubts', () => {
  it('are the items below the threshold on their split or titles, walked in page order with wrap-around', () => {
    const d = doc();
    expect(doubtIndexes(d.items)).toEqual([1, 2]);
    expect(doubtOf(d.items[1]!)).toEqual({ split: 0.55, titles: null });
    expect(doubtOf(d.items[2]!)).toEqual({ split: null, titles: 0.6 });
    expect(nextDoubt(d.items, 0, 1)).toBe(1);
    expect(nextDoubt(d.items, 1, 1)).toBe(2);
    expect(nextDoubt(d.items, 2, 1)).toBe(1);
    expect(nextDoubt(d.items, 2, -1)).toBe(1);
    expect(nextDoubt(d.items, 1, -1)).toBe(2);
    expect(nextDoubt([item(0, 1, 0.9)], 0, 1)).toBeNull();
    // Items stored before the model (no confidence) are never doubts.
    expect(doubtIndexes([item(0, 1)])).toEqual([]);
  });

  it('survive a re-derivation of untouched items, and end where the editor moved, made or confirmed a split', () => {
    const d = doc();
    const again = applyDerived(d, planRederive(d), derived(starts));
    expect(doubtIndexes(again.items)).toEqual([1, 2]);
    // Moving the doubtful split down a line confirms it; the other doubt stays.
    const movePlan = planMoveStart(d, 1, 1)!;
    const moved = applyDerived(d, movePlan, derived(movePlan.starts));
    expect(moved.items[1]!.confidence).toBeUndefined();
    expect(doubtIndexes(moved.items)).toEqual([2]);
    // A new split made by the editor is no doubt, whatever the engine says of it.
    const splitPlan = planSplit(d, TEXT.indexOf('正文一'))!;
    const split = applyDerived(d, splitPlan, derived(splitPlan.starts));
    expect(split.items[1]!.confidence).toBeUndefined();
    expect(doubtIndexes(split.items)).toEqual([2, 3]);
    expect(confirmed(d.items[1]!).confidence).toBeUndefined();
  });

  it('typing a title settles a titles doubt but not a split doubt', () => {
    const d = doc();
    const typed = setField(d, 2, 'headline', '标题三（改）');
    expect(typed.items[2]!.confidence).toBeUndefined();
    const both: PageDoc = { text: TEXT, items: [d.items[0]!, item(starts[1]!, starts[2]!, 0.5, 0.5), d.items[2]!] };
    const t2 = setField(both, 1, 'kicker', '引题');
    expect(t2.items[1]!.confidence).toEqual({ boundary: 0.5, titles: 1 });
    expect(doubtOf(t2.items[1]!)).toEqual({ split: 0.5, titles: null });
    // A field that is not a title leaves the doubt alone.
    expect(setField(both, 1, 'byline', '本报记者 某某').items[1]!.confidence).toEqual({ boundary: 0.5, titles: 0.5 });
  });
});
