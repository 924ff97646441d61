// A text edit as the editor makes it (Monaco's change: offset, length, new text) turned into ops
// that keep the page's items sensible: an item whose start the edit removes moves to the start of
// the edited line, or joins the item before it (merge), then the text changes, then every split point left inside a line moves to the
// start of that line (boundary), or joins the item before when that line already has one (merge).
// The same ops run in the renderer and in the archive, so both copies agree.
import type { EditOp } from '../../shared/edit-ops.ts';
import { applyOp, type EditPage } from './apply.ts';

export interface TextChange {
  /** Offset of the replaced range in the text before this change. */
  offset: number;
  length: number;
  text: string;
}

const lineStartAt = (text: string, offset: number): number => (offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1);

/** The ops for one change, and the page they give. */
export function textChangeOps(page: EditPage, change: TextChange): { ops: EditOp[]; page: EditPage } {
  const ops: EditOp[] = [];
  let cur = page;
  const push = (op: EditOp) => {
    cur = applyOp(cur, op, ops.length);
    ops.push(op);
  };
  const at = Math.max(0, Math.min(change.offset, cur.text.length));
  const end = Math.min(cur.text.length, at + Math.max(0, change.length));
  // Items starting inside the removed text: the first moves to the start of the line the edit
  // begins on (if that line is not already the previous item's), the others join it, last first.
  const inside = cur.items.map((it, i) => i).filter((i) => i >= 1 && cur.items[i]!.start > at && cur.items[i]!.start < end);
  for (const i of inside.slice(1).reverse()) push({ op: 'merge', index: i, start: cur.items[i]!.start });
  const first = inside[0];
  if (first !== undefined) {
    const line = lineStartAt(cur.text, at);
    const s = cur.items[first]!.start;
    if (line > cur.items[first - 1]!.start) push({ op: 'boundary', index: first, from: s, to: line });
    else push({ op: 'merge', index: first, start: s });
  }
  if (end === at && change.text === '') return { ops, page: cur };
  // Removing all of an item's text (nothing typed instead): the item after it joins it first.
  if (change.text === '' && end > at) {
    const k = cur.items.findIndex((it, i) => i >= 1 && it.start === end && cur.items[i - 1]!.start === at);
    if (k >= 1) push({ op: 'merge', index: k, start: end });
  }
  push({ op: 'text', at, remove: cur.text.slice(at, end), insert: change.text });
  for (let i = 1; i < cur.items.length; ) {
    const s = cur.items[i]!.start;
    const line = lineStartAt(cur.text, s);
    if (line === s) i++;
    else if (line <= cur.items[i - 1]!.start) push({ op: 'merge', index: i, start: s });
    else {
      push({ op: 'boundary', index: i, from: s, to: line });
      i++;
    }
  }
  return { ops, page: cur };
}

/** Several changes, each against the text the previous one left (as Monaco reports them). */
export function textChangesOps(page: EditPage, changes: readonly TextChange[]): { ops: EditOp[]; page: EditPage } {
  let cur = page;
  const ops: EditOp[] = [];
  for (const c of changes) {
    const r = textChangeOps(cur, c);
    ops.push(...r.ops);
    cur = r.page;
  }
  return { ops, page: cur };
}
