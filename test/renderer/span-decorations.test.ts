// The OCR pane's span decorations by delta (renderer/editor/span-decorations.ts): after any
// sequence of splits, merges, kind changes and text edits the editor holds exactly the decorations
// a fresh build would make, and a split rebuilds only its items' rules.
import { describe, expect, it } from 'vitest';
import type { StoredItem } from '../../shared/domain.ts';
import { SpanDecorations, type WantedSpan } from '../../renderer/editor/span-decorations.ts';

interface Deco {
  range: { startLineNumber: number; endLineNumber: number };
  options: { className: string };
}

/** A stand-in for Monaco's model: ids to decorations; removing an unknown id is a bug here. */
function fakeEditor() {
  const held = new Map<string, Deco>();
  let next = 0;
  let calls = 0;
  const delta = (remove: string[], add: Deco[]) => {
    calls++;
    for (const id of remove) {
      if (!held.delete(id)) throw new Error(`removed an id that is not shown: ${id}`);
    }
    return add.map((d) => {
      const id = `d${next++}`;
      held.set(id, d);
      return id;
    });
  };
  const shown = () => [...held.values()].map((d) => `${d.range.startLineNumber}-${d.range.endLineNumber} ${d.options.className}`).sort();
  return { delta, shown, calls: () => calls };
}

type Item = { kind: string; lines: number };
const item = (kind: string, lines: number) => ({ kind, lines }) as unknown as StoredItem & Item;

/** The wanted spans for items laid one after another from line 1 (as RawTextEditor words them). */
function wantedOf(items: (StoredItem & Item)[], built: { rules: number; tints: number }): WantedSpan[] {
  let line = 1;
  return items.map((it, i) => {
    const start = line;
    const end = line + it.lines - 1;
    line = end + 1;
    return {
      item: it,
      ruleKey: `${i > 0}:${start}`,
      rule: () => {
        built.rules++;
        return { range: { startLineNumber: start, startColumn: 1, endLineNumber: start, endColumn: 1 }, options: { className: `split-rule kind-${it.kind}${i > 0 ? ' draggable' : ''}` } } as never;
      },
      tintKey: `${i % 2}:${start}:${end}`,
      tint: () => {
        built.tints++;
        return { range: { startLineNumber: start, startColumn: 1, endLineNumber: end, endColumn: 1 }, options: { className: `span-tint kind-${it.kind} alt-${i % 2}` } } as never;
      },
    };
  });
}

/** What a fresh build shows for these items. */
function fresh(items: (StoredItem & Item)[]): string[] {
  const ed = fakeEditor();
  new SpanDecorations(ed.delta as never).show(wantedOf(items, { rules: 0, tints: 0 }), true);
  return ed.shown();
}

describe('span decorations by delta', () => {
  it('a split rebuilds its two items and the later tints, no later rule', () => {
    const items = [item('masthead', 5), item('article', 6), item('article', 8), item('brief', 3), item('notice', 2)];
    const ed = fakeEditor();
    const spans = new SpanDecorations(ed.delta as never);
    spans.show(wantedOf(items, { rules: 0, tints: 0 }), true);
    expect(ed.shown()).toEqual(fresh(items));
    // Split the second item (6 lines) into 2 + 4 lines: two new item objects.
    const split = [items[0]!, item('article', 2), item('article', 4), ...items.slice(2)];
    const built = { rules: 0, tints: 0 };
    spans.show(wantedOf(split, built), false);
    expect(ed.shown()).toEqual(fresh(split));
    expect(built.rules).toBe(2); // the two halves; the three later items keep theirs
    expect(built.tints).toBe(2 + 3); // the halves, and the later items' flipped parity
    expect(spans.size).toBe(split.length * 2);
    // Nothing changed: no call at all.
    const calls = ed.calls();
    spans.show(wantedOf(split, { rules: 0, tints: 0 }), false);
    expect(ed.calls()).toBe(calls);
  });

  it('matches a fresh build after random splits, merges, kind changes, edits and windows', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const kinds = ['article', 'brief', 'notice', 'photo'];
    let items = Array.from({ length: 12 }, () => item(kinds[rand(4)]!, 1 + rand(6)));
    const ed = fakeEditor();
    const spans = new SpanDecorations(ed.delta as never);
    spans.show(wantedOf(items, { rules: 0, tints: 0 }), true);
    for (let step = 0; step < 400; step++) {
      const op = rand(5);
      const at = rand(items.length);
      const it = items[at]!;
      let rebuild = false;
      if (op === 0 && it.lines > 1) {
        const a = 1 + rand(it.lines - 1);
        items = [...items.slice(0, at), item(it.kind, a), item(kinds[rand(4)]!, it.lines - a), ...items.slice(at + 1)];
      } else if (op === 1 && at > 0) {
        const before = items[at - 1]!;
        items = [...items.slice(0, at - 1), item(before.kind, before.lines + it.lines), ...items.slice(at + 1)];
      } else if (op === 2) {
        items = items.map((x, i) => (i === at ? item(kinds[rand(4)]!, x.lines) : x));
      } else if (op === 3) {
        // A text edit: the editor rebuilds everything.
        items = items.map((x, i) => (i === at ? item(x.kind, x.lines + 1) : x));
        rebuild = true;
      }
      // A big page shows a window of its items (op 4 included: a scroll).
      const from = rand(3) === 0 ? rand(items.length) : 0;
      const to = from === 0 ? items.length : Math.min(items.length, from + 1 + rand(6));
      const all = wantedOf(items, { rules: 0, tints: 0 });
      spans.show(all.slice(from, to), rebuild);
      const want = fakeEditor();
      new SpanDecorations(want.delta as never).show(all.slice(from, to), true);
      expect(ed.shown()).toEqual(want.shown());
    }
  });
});
