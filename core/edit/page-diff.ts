// Ops between two whole pages, for a change that has no op history of its own (a replica page
// saved whole before edits were ops, a workspace doc with no link back to the saved one): the
// text as ONE change between their common head and tail (text-ops.ts turns it into ops that keep
// items on line starts), then the split points and fields (plan-ops.ts). Applying the ops gives
// `to` but for item ids and ends; a change no ops reach (the first item's start moved) is refused
// with EditError, like an op that does not fit.
import type { EditOp } from '../../shared/edit-ops.ts';
import { EditError, type EditPage } from './apply.ts';
import { planOps } from './plan-ops.ts';
import { textChangeOps } from './text-ops.ts';

export function pageDiffOps(from: EditPage, to: EditPage): EditOp[] {
  const a = from.text;
  const b = to.text;
  const max = Math.min(a.length, b.length);
  let head = 0;
  while (head < max && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < max - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const text = a === b ? { ops: [], page: from } : textChangeOps(from, { offset: head, length: a.length - head - tail, text: b.slice(head, b.length - tail) });
  try {
    return [...text.ops, ...planOps(text.page, to).ops];
  } catch (e) {
    if (e instanceof EditError) throw e;
    throw new EditError('edit-item-mismatch', text.ops.length, e instanceof Error ? e.message : String(e));
  }
}
