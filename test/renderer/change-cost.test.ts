// A split, merge or moved start touches only the items whose span changed (issue 14/15: a split on
// a 10,000-item page cost ~0.8 s because applyDerived and planOps compared every item). The doc's
// items are wrapped so that reading an item's content is counted; the optimistic change must read
// the content of the changed items and their neighbours only, and still equal the full comparison.
import { describe, expect, it } from 'vitest';
import type { StoredItem } from '../../shared/domain.ts';
import { planOps } from '../../core/edit/index.ts';
import { applyDerived, lineStarts, planMerge, planMoveStart, planSplit, type PageDoc, type StructurePlan } from '../../renderer/model/page-model.ts';
import { previewItems, previewWindow } from '../../renderer/model/preview-window.ts';
import { fakeDerive } from './fake-engine.ts';

const ITEMS = 2000;
/** What the change may read of an item it leaves alone: where it starts, its kind (the plan's) and what it carries. */
const CHEAP = new Set<PropertyKey>(['start', 'end', 'kind', 'confidence', 'editedFields']);

function pageOf(items: number): PageDoc {
  const lines: string[] = [];
  for (let i = 0; i < items; i++) lines.push(`Title ${i}`, `body ${i} a`, `body ${i} b`);
  const text = lines.join('\n');
  const ls = lineStarts(text);
  const starts = Array.from({ length: items }, (_, i) => ls[i * 3]!);
  return {
    text,
    items: fakeDerive(text, starts).map((it, i): StoredItem => ({
      ...it,
      id: i + 1,
      editedFields: i % 7 === 0 ? ['headline'] : [],
      tags: i % 5 === 0 ? ['t'] : [],
      ...(i % 3 === 0 ? { confidence: { boundary: 0.4, titles: 1 } } : {}),
    })),
  };
}

/** The doc with each item behind a proxy that records which items had their content read. */
function watched(doc: PageDoc): { doc: PageDoc; read: Set<number> } {
  const read = new Set<number>();
  const items = doc.items.map((it, i) => new Proxy(it, {
    get(target, key, receiver) {
      if (!CHEAP.has(key)) read.add(i);
      return Reflect.get(target, key, receiver) as unknown;
    },
    ownKeys(target) {
      read.add(i);
      return Reflect.ownKeys(target);
    },
  }));
  return { doc: { text: doc.text, items }, read };
}

/** The optimistic change's path (optimistic-change.ts) with the stand-in engine deriving the window. */
function change(doc: PageDoc, plan: StructurePlan): PageDoc {
  const win = previewWindow(doc, plan)!;
  return applyDerived(doc, plan, previewItems(doc, plan, win, fakeDerive(win.text, win.starts, win.kinds)));
}

/** The same change compared item by item, as before: every item derived afresh (copies). */
function fullChange(doc: PageDoc, plan: StructurePlan): PageDoc {
  const win = previewWindow(doc, plan)!;
  const items = previewItems(doc, plan, win, fakeDerive(win.text, win.starts, win.kinds)).map((it) => ({ ...it }));
  return applyDerived(doc, plan, items);
}

describe('a structural change costs what the changed items cost', () => {
  const base = pageOf(ITEMS);
  const ls = lineStarts(base.text);
  const cases: [string, (d: PageDoc) => StructurePlan][] = [
    ['a split', (d) => planSplit(d, ls[3 * 1200 + 1]!)!],
    ['a merge', (d) => planMerge(d, 700)!],
    ['a moved start', (d) => planMoveStart(d, 1500, -1)!],
  ];
  for (const [what, planOf] of cases) {
    it(`${what} reads the content of a handful of items and equals the item-by-item result`, () => {
      const { doc, read } = watched(base);
      const plan = planOf(doc);
      const next = change(doc, plan);
      expect(read.size).toBeGreaterThan(0);
      expect(read.size).toBeLessThanOrEqual(6);
      const reference = fullChange(base, planOf(base));
      expect(next.items.map((it) => ({ ...it }))).toEqual(reference.items.map((it) => ({ ...it })));
      // Items the change did not reach are the very objects of the page before it.
      const untouched = next.items.filter((it) => doc.items.includes(it)).length;
      expect(untouched).toBeGreaterThanOrEqual(ITEMS - 3);
    });
  }

  it('still carries a doubt as before for an item whose typed titles settle it (compared, not kept blindly)', () => {
    const doc: PageDoc = { text: base.text, items: base.items.map((it, i) => (i === 5 ? { ...it, editedFields: ['headline'], confidence: { boundary: 0.9, titles: 0.3 } } : it)) };
    const plan = planSplit(doc, ls[3 * 1200 + 1]!)!;
    const next = change(doc, plan);
    expect(next.items[5]!.confidence).toBeUndefined();
    expect(next.items.map((it) => ({ ...it }))).toEqual(fullChange(doc, plan).items.map((it) => ({ ...it })));
  });

  it('planOps gives the same ops for unsorted starts (the set comparison) as for sorted ones', () => {
    const doc = base;
    const plan = planMerge(doc, 10)!;
    const next = change(doc, plan);
    const sorted = planOps(doc, next).ops;
    expect(sorted.map((o) => o.op)).toContain('merge');
    const shuffled = { text: doc.text, items: [...doc.items.slice(0, 9), doc.items[10]!, doc.items[9]!, ...doc.items.slice(11)] };
    expect(() => planOps(shuffled, next)).not.toThrow(TypeError);
  });
});
