// Ops that turn one item into another in place (same position): what a re-derivation by the
// engine or a field edit changes, field by field. Paragraphs travel as one splice of the
// paragraphs that differ, so a one-character fix sends one paragraph, not the article.
import type { StoredItem } from '../../shared/domain.ts';
import { FIELD_NAMES, type EditOp, type NewItem } from '../../shared/edit-ops.ts';
import { fieldValue, sameValue } from './apply.ts';

/** The smallest splice turning `before` into `after` (common head and tail kept), or null. */
export function paragraphSplice(before: readonly string[], after: readonly string[]): { at: number; remove: string[]; insert: string[] } | null {
  let head = 0;
  const max = Math.min(before.length, after.length);
  while (head < max && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < max - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  if (head === before.length && head === after.length) return null;
  return { at: head, remove: before.slice(head, before.length - tail), insert: after.slice(head, after.length - tail) };
}

/** The ops making item `index` (`before`) read as `after`; start, end and id are not compared. */
export function itemChangeOps(index: number, before: StoredItem, after: StoredItem): EditOp[] {
  const ops: EditOp[] = [];
  if (before.kind !== after.kind) ops.push({ op: 'kind', index, from: before.kind, to: after.kind });
  for (const name of FIELD_NAMES) {
    const from = fieldValue(before, name);
    const to = fieldValue(after, name);
    if (!sameValue(from, to)) ops.push({ op: 'field', index, name, from, to } as EditOp);
  }
  const splice = paragraphSplice(before.paragraphs, after.paragraphs);
  if (splice) ops.push({ op: 'paragraphs', index, ...splice });
  if (!sameValue(before.tags, after.tags)) ops.push({ op: 'tags', index, from: before.tags.slice(), to: after.tags.slice() });
  return ops;
}

/** An item as a split op carries it (no archive id; it starts at the split). */
export function newItem(item: StoredItem, start: number): NewItem {
  const { id: _id, ...rest } = item;
  return { ...rest, start };
}
