// A structural change (split, merge, moved start, re-derivation) as ops: from the page before it
// and the page the engine's items give (the renderer's applyDerived), the split points that came
// or went or moved (split, merge, boundary), then each item's re-derived fields (item-ops.ts).
// The renderer sends these; applying them gives exactly `target` but for item ids and ends.
import type { StoredItem } from '../../shared/domain.ts';
import type { EditOp } from '../../shared/edit-ops.ts';
import { applyOp, type EditPage } from './apply.ts';
import { itemChangeOps, newItem } from './item-ops.ts';

export function planOps(page: EditPage, target: EditPage): { ops: EditOp[]; page: EditPage } {
  if (page.text !== target.text) throw new Error('planOps: a structural change keeps the text');
  const ops: EditOp[] = [];
  let cur = page;
  const push = (op: EditOp) => {
    cur = applyOp(cur, op, ops.length);
    ops.push(op);
  };
  if (page.items.length === target.items.length) {
    // Same number of items: moved starts, in an order that never crosses a neighbour.
    const moves = page.items.map((it, i) => ({ i, from: it.start, to: target.items[i]!.start })).filter((m) => m.from !== m.to);
    for (const m of [...moves.filter((m) => m.to < m.from)].concat(moves.filter((m) => m.to > m.from).reverse())) {
      push({ op: 'boundary', index: m.i, from: m.from, to: m.to });
    }
  } else if (!ascending(page.items) || !ascending(target.items)) {
    const wanted = new Set(target.items.map((it) => it.start));
    const had = new Set(page.items.map((it) => it.start));
    for (let i = cur.items.length - 1; i >= 1; i--) {
      const s = cur.items[i]!.start;
      if (!wanted.has(s)) push({ op: 'merge', index: i, start: s });
    }
    target.items.forEach((it) => {
      if (!had.has(it.start)) push({ op: 'split', at: it.start, item: newItem(it, it.start) });
    });
  } else {
    // Starts ascend on both sides: one walk finds the ones that went and the ones that came.
    const gone: number[] = [];
    const came: StoredItem[] = [];
    let a = 0;
    let b = 0;
    while (a < page.items.length || b < target.items.length) {
      const sa = page.items[a]?.start ?? Infinity;
      const sb = target.items[b]?.start ?? Infinity;
      if (sa === sb) {
        a++;
        b++;
      } else if (sa < sb) gone.push(a++);
      else came.push(target.items[b++]!);
    }
    for (let k = gone.length - 1; k >= 0; k--) {
      const i = gone[k]!;
      if (i >= 1) push({ op: 'merge', index: i, start: page.items[i]!.start });
    }
    for (const it of came) push({ op: 'split', at: it.start, item: newItem(it, it.start) });
  }
  if (cur.items.length !== target.items.length) throw new Error('planOps: the items do not line up with the target');
  // An item that is the target's very object needs no comparing (a change on a big page touches
  // a few items: the others are handed through as they are, see renderer applyDerived).
  cur.items.forEach((it, i) => {
    const want = target.items[i]!;
    if (it !== want) for (const op of itemChangeOps(i, it, want)) push(op);
  });
  return { ops, page: cur };
}

function ascending(items: readonly StoredItem[]): boolean {
  for (let i = 1; i < items.length; i++) if (items[i]!.start <= items[i - 1]!.start) return false;
  return true;
}
