import { describe, expect, it } from 'vitest';
import {
  applyTextChanges,
  assignRole,
  commit,
  diffText,
  itemIndexAt,
  lineStarts,
  newHistory,
  planMerge,
  planMoveStart,
  planMoveStartTo,
  planRederive,
  planSplit,
  redo,
  runPlan,
  setField,
  undo,
  type PageDoc,
} from '../../renderer/model/page-model.ts';
import { fakeDerive } from './fake-engine.ts';

const TEXT = ['Title A', 'para a1', 'para a2', 'Title B', 'para b1', 'para b2', 'para b3'].join('\n');
const ls = lineStarts(TEXT);
function initial(): PageDoc {
  const starts = [0, ls[3]!];
  const items = fakeDerive(TEXT, starts).map((it) => ({ ...it, editedFields: [], tags: [] }));
  return { text: TEXT, items };
}

describe('page model', () => {
  it('splits on the cursor line and derives the new item', () => {
    const doc = initial();
    const plan = planSplit(doc, ls[5]! + 3)!;
    expect(plan.starts).toEqual([0, ls[3], ls[5]]);
    const next = runPlan(doc, plan, fakeDerive);
    expect(next.items.map((i) => i.headline)).toEqual(['Title A', 'Title B', 'para b2']);
    expect(next.items[1]!.paragraphs).toEqual(['para b1']);
    expect(next.items[1]!.end).toBe(ls[5]);
    expect(planSplit(next, ls[5]!)).toBeNull();
  });

  it('merges an item into the previous one and keeps hand-edited fields', () => {
    let doc = initial();
    doc = setField(doc, 0, 'headline', 'Edited A');
    const plan = planMerge(doc, 1)!;
    const next = runPlan(doc, plan, fakeDerive);
    expect(next.items).toHaveLength(1);
    expect(next.items[0]!.headline).toBe('Edited A');
    expect(next.items[0]!.editedFields).toEqual(['headline']);
    expect(next.items[0]!.paragraphs).toContain('Title B');
    expect(planMerge(doc, 0)).toBeNull();
  });

  it('moves a start by lines but never across a neighbour', () => {
    const doc = initial();
    const up = runPlan(doc, planMoveStart(doc, 1, -1)!, fakeDerive);
    expect(up.items[1]!.start).toBe(ls[2]);
    expect(up.items[1]!.headline).toBe('para a2');
    expect(planMoveStart(doc, 1, -3)).toBeNull();
    expect(planMoveStart(doc, 0, 1)).toBeNull();
    expect(planMoveStartTo(doc, 1, ls[6]! + 2)!.starts).toEqual([0, ls[6]]);
  });

  it('keeps edited fields through re-derivation after the span changes', () => {
    let doc = initial();
    doc = setField(doc, 1, 'headline', 'Hand B');
    doc = setField(doc, 1, 'kind', 'editorial');
    const moved = runPlan(doc, planMoveStart(doc, 1, 1)!, fakeDerive);
    expect(moved.items[1]!.headline).toBe('Hand B');
    expect(moved.items[1]!.kind).toBe('editorial');
    expect(moved.items[1]!.paragraphs).toEqual(['para b2', 'para b3']);
  });

  it('shifts split points and flags through a text edit', () => {
    let doc = initial();
    doc = { ...doc, items: doc.items.map((it, i) => (i === 1 ? { ...it, flags: [{ code: 'lost-text', message: 'x', start: ls[4]!, end: ls[4]! + 4 }] } : it)) };
    doc = setField(doc, 1, 'headline', 'Hand B');
    // Insert two characters on line 2 (before item B).
    const next = applyTextChanges(doc, [{ offset: ls[1]! + 1, length: 0, text: 'XY' }]);
    expect(next.text.split('\n')[1]).toBe('pXYara a1');
    expect(next.items[1]!.start).toBe(ls[3]! + 2);
    expect(next.items[1]!.flags[0]!.start).toBe(ls[4]! + 2);
    expect(next.items[1]!.headline).toBe('Hand B');
    expect(next.items[0]!.end).toBe(ls[3]! + 2);
    // Deleting a newline that held a split point keeps the point at a line start.
    const joined = applyTextChanges(doc, [{ offset: ls[3]! - 1, length: 1, text: ' ' }]);
    expect(joined.items.map((i) => i.start)).toEqual([0, ls[2]]);
    const rederived = runPlan(next, planRederive(next), fakeDerive);
    expect(rederived.items[1]!.headline).toBe('Hand B');
  });

  it('undoes and redoes every change and folds a burst of typing', () => {
    const d0 = initial();
    let h = newHistory(d0);
    const d1 = setField(d0, 0, 'headline', 'one');
    h = commit(h, d1);
    const d2 = applyTextChanges(d1, [{ offset: 0, length: 0, text: 'a' }]);
    h = commit(h, d2, 'text', 1000);
    const d3 = applyTextChanges(d2, [{ offset: 1, length: 0, text: 'b' }]);
    h = commit(h, d3, 'text', 1500);
    expect(h.past).toHaveLength(2);
    h = undo(h);
    expect(h.present).toBe(d1);
    h = undo(h);
    expect(h.present).toBe(d0);
    h = undo(h);
    expect(h.present).toBe(d0);
    h = redo(h);
    h = redo(h);
    expect(h.present).toBe(d3);
    expect(redo(h)).toBe(h);
  });

  it('assigns a line to a role', () => {
    const doc = assignRole(initial(), ls[4]! + 1, 'byline');
    expect(doc.items[1]!.byline).toBe('para b1');
    expect(doc.items[1]!.editedFields).toContain('byline');
    const cap = assignRole(initial(), ls[5]!, 'caption');
    expect(cap.items[1]!.kind).toBe('photo');
    expect(cap.items[1]!.paragraphs).toEqual(['para b2']);
  });

  it('finds items and diffs text', () => {
    const doc = initial();
    expect(itemIndexAt(doc.items, ls[3]!)).toBe(1);
    expect(itemIndexAt(doc.items, ls[3]! - 1)).toBe(0);
    expect(diffText('abcdef', 'abXYef')).toEqual({ offset: 2, length: 2, text: 'XY' });
    expect(diffText('aaa', 'aaaa')).toEqual({ offset: 3, length: 0, text: 'a' });
  });
});
