// The worker's preview of a structural change derives only the touched spans with one item of
// context each side; spliced back, the items equal a whole-page derivation (with an engine whose
// items depend on their own span, as the test stand-in's do) and the window stays small on a big page.
import { describe, expect, it } from 'vitest';
import type { StoredItem } from '../../shared/domain.ts';
import { lineStarts, planMerge, planMoveStart, planSplit, type PageDoc, type StructurePlan } from '../../renderer/model/page-model.ts';
import { previewItems, previewWindow, sameStructure } from '../../renderer/model/preview-window.ts';
import { fakeDerive } from './fake-engine.ts';

function pageOf(items: number): PageDoc {
  const lines: string[] = [];
  for (let i = 0; i < items; i++) lines.push(`Title ${i}`, `body ${i} a`, `body ${i} b`, `body ${i} c`);
  const text = lines.join('\n');
  const ls = lineStarts(text);
  const starts = Array.from({ length: items }, (_, i) => ls[i * 4]!);
  return { text, items: fakeDerive(text, starts).map((it, i): StoredItem => ({ ...it, id: i + 1, editedFields: [], tags: [] })) };
}

function check(doc: PageDoc, plan: StructurePlan) {
  const win = previewWindow(doc, plan)!;
  const derived = fakeDerive(win.text, win.starts, win.kinds);
  const items = previewItems(doc, plan, win, derived);
  // Items whose span did not change are the doc's own objects (with their id, edits and tags).
  const engineFields = items.map((it) => {
    const { id: _id, editedFields: _e, tags: _t, ...rest } = it as StoredItem;
    return rest;
  });
  expect(engineFields).toEqual(fakeDerive(doc.text, plan.starts, plan.kinds));
  const changed = new Set(win.changed);
  items.forEach((it, i) => expect(it === doc.items[plan.sources[i]!]).toBe(!changed.has(i)));
  return win;
}

describe('preview window', () => {
  const doc = pageOf(1000);
  const ls = lineStarts(doc.text);

  it('derives a split with its neighbours only and splices it back', () => {
    const win = check(doc, planSplit(doc, ls[402]!)!);
    expect(win.changed).toEqual([100, 101]);
    expect(win.from).toBe(99);
    expect(win.starts).toHaveLength(4);
    expect(win.text.length).toBeLessThan(200);
  });

  it('handles merges, moves and the first and last items', () => {
    expect(check(doc, planMerge(doc, 500)!).changed).toEqual([499]);
    expect(check(doc, planMoveStart(doc, 7, -1)!).changed).toEqual([6, 7]);
    expect(check(doc, planSplit(doc, ls[1]!)!).from).toBe(0);
    const last = check(doc, planSplit(doc, ls[ls.length - 1]!)!);
    expect(last.changed).toEqual([999, 1000]);
    expect(last.text.endsWith('body 999 c')).toBe(true);
  });

  it('has no window when no span changed', () => {
    const plan: StructurePlan = { starts: doc.items.map((i) => i.start), kinds: doc.items.map((i) => i.kind), sources: doc.items.map((_, i) => i), focus: 0 };
    expect(previewWindow(doc, plan)).toBeNull();
  });

  it('compares structure by text and split points', () => {
    expect(sameStructure(doc, { text: doc.text, items: doc.items.map((i) => ({ ...i, headline: 'x' })) })).toBe(true);
    expect(sameStructure(doc, { text: doc.text + 'x', items: doc.items })).toBe(false);
    expect(sameStructure(doc, { text: doc.text, items: doc.items.slice(1) })).toBe(false);
  });
});
