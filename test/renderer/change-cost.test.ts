// A split, merge or moved start touches only the items whose span changed (issue 14/15: a split on
// a 10,000-item page cost ~0.8 s because applyDerived and planOps compared every item). The doc's
// items are wrapped so that reading an item's content is counted; the optimistic change must read
// the content of the changed items and their neighbours only, and still equal the full comparison.
import { describe, expect, it } from 'vitest';
import type { StoredItem } from '../../shared/domain.ts';
import type { Item } from '../../shared/segmentation.ts';
import { planOps } from '../../core/edit/index.ts';
import { applyEdit } from '../../renderer/model/edit-links.ts';
import { planRederive, settledItem } from '../../renderer/model/page-model.ts';
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

/** applyDerived without its shortcuts: every item settled afresh (settledItem), then compared by planOps. */
function referenceApplyDerived(doc: PageDoc, plan: StructurePlan, derived: readonly Item[]): PageDoc {
  const items = derived.map((d, i): StoredItem => {
    const src = plan.sources[i];
    const old = src === null || src === undefined ? undefined : doc.items[src];
    return settledItem(old, d, plan.starts[i]!);
  });
  return applyEdit(doc, planOps(doc, { text: doc.text, items }).ops);
}

/** The same change through the reference (copies of every item, so nothing is kept by identity). */
function fullChange(doc: PageDoc, plan: StructurePlan): PageDoc {
  const win = previewWindow(doc, plan)!;
  const items = previewItems(doc, plan, win, fakeDerive(win.text, win.starts, win.kinds)).map((it) => ({ ...it }));
  return referenceApplyDerived(doc, plan, items);
}

const plain = (doc: PageDoc) => doc.items.map((it) => ({ ...it }));

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
      expect(plain(next)).toEqual(plain(fullChange(base, planOf(base))));
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
    expect(plain(next)).toEqual(plain(fullChange(doc, plan)));
  });

  it("takes the host's whole-page answer (fresh objects) as the reference does, keeping the items it reads the same", () => {
    const plan = planSplit(base, ls[3 * 1200 + 1]!)!;
    const host = JSON.parse(JSON.stringify(fakeDerive(base.text, plan.starts, plan.kinds))) as Item[];
    // The host reads two untouched items differently: a headline, and a doubt (carried from the page, not the host's).
    host[40] = { ...host[40]!, headline: 'host headline' };
    host[41] = { ...host[41]!, confidence: { boundary: 0.1, titles: 0.1 } };
    // An item whose headline was typed keeps it whatever the host reads (item 0 of every 7 is such).
    host[42] = { ...host[42]!, headline: 'ignored: typed by hand' };
    const got = applyDerived(base, plan, host);
    expect(plain(got)).toEqual(plain(referenceApplyDerived(base, plan, host)));
    expect(got.items[40]!.headline).toBe('host headline');
    expect(got.items[40]).not.toBe(base.items[40]);
    expect(got.items[41]).toBe(base.items[41]);
    expect(got.items[42]).toBe(base.items[42]);
    expect(got.items.filter((it, i) => it === base.items[plan.sources[i] ?? -1]).length).toBeGreaterThanOrEqual(ITEMS - 3);
    const again = planRederive(got);
    const rederived = JSON.parse(JSON.stringify(fakeDerive(got.text, again.starts, again.kinds))) as Item[];
    expect(plain(applyDerived(got, again, rederived))).toEqual(plain(referenceApplyDerived(got, again, rederived)));
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
