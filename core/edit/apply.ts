// Applying typed edit operations (shared/edit-ops.ts) to a page: its text and items. Pure: the
// archive applies a batch inside its transaction, the renderer applies the same ops to its copy,
// so both arrive at the same page. An op that does not fit the page is refused with an EditError
// naming the op and the reason, and nothing of the batch applies.
//
// Offsets: an item's span runs from its start to its end (the next item's start). A text edit
// shifts the starts and ends after it; a start inside removed text would be lost, so such an
// edit is refused (the editor's text edit merges that item first: text-ops.ts). Flags inside
// removed text snap to the edit, as they always did; invert() restores them exactly.
import type { StoredItem } from '../../shared/domain.ts';
import type { EditOp, EditRefusal, FieldName } from '../../shared/edit-ops.ts';

export interface EditPage {
  readonly text: string;
  readonly items: readonly StoredItem[];
}

export class EditError extends Error {
  override readonly name = 'EditError';
  constructor(
    readonly reason: EditRefusal,
    /** Position of the refused op in its batch. */
    readonly opIndex: number,
    message: string,
  ) {
    super(`edit op ${opIndex}: ${message}`);
  }
}

/** Deep equality of JSON values (op payloads against the page). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameValue(v, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The value a field op compares and sets (a missing confidence reads as null). */
export function fieldValue(item: StoredItem, name: FieldName): unknown {
  if (name === 'confidence') return item.confidence ?? null;
  return item[name];
}

function withField(item: StoredItem, name: FieldName, value: unknown): StoredItem {
  const next = { ...item, [name]: value } as StoredItem;
  if (name === 'confidence' && value === null) delete next.confidence;
  return next;
}

/** A flag position through a text edit: a start inside removed text snaps to its start, an end to the end of the insert. */
function shiftFlagPos(pos: number, at: number, removed: number, inserted: number, isStart: boolean): number {
  if (pos < at || (pos === at && isStart)) return pos;
  if (pos >= at + removed) return pos + inserted - removed;
  return isStart ? at : at + inserted;
}

/** Applies one op; throws EditError(reason, n) when it does not fit. */
export function applyOp(page: EditPage, op: EditOp, n = 0): EditPage {
  const refuse = (reason: EditRefusal, message: string): never => {
    throw new EditError(reason, n, message);
  };
  const items = page.items;
  const itemAt = (i: number): StoredItem => items[i] ?? refuse('edit-out-of-range', `no item ${i} (the page has ${items.length})`);
  const replaceItem = (i: number, item: StoredItem): EditPage => {
    const next = items.slice();
    next[i] = item;
    return { text: page.text, items: next };
  };

  switch (op.op) {
    case 'text': {
      const { at, remove, insert } = op;
      const len = page.text.length;
      if (at > len) refuse('edit-out-of-range', `text edit at ${at} beyond the text (${len} characters)`);
      if (page.text.slice(at, at + remove.length) !== remove) refuse('edit-text-mismatch', `the text at ${at} is not the text the edit removes`);
      const end = at + remove.length;
      const delta = insert.length - remove.length;
      const shiftStart = (pos: number): number => {
        if (pos <= at) return pos;
        if (pos >= end) return pos + delta;
        return refuse('edit-crosses-item', `the removed text ${at}–${end} holds an item start (${pos})`);
      };
      // An end at the edit stays where it is (the next item starts there), except the last item's
      // end at the end of the text, which follows the text. An end inside removed text (only on a
      // page whose items do not run to the next one) snaps to the end of the insert.
      const shiftEnd = (pos: number, last: boolean): number => {
        if (pos < at || (pos === at && !(last && pos === len))) return pos;
        if (pos >= end) return pos + delta;
        return at + insert.length;
      };
      const next = items.map((it, i) => {
        const start = shiftStart(it.start);
        const itemEnd = shiftEnd(it.end, i === items.length - 1);
        // Removing all of an item's text would leave two items at one start, and no way back.
        if (i > 0 && it.start !== items[i - 1]!.start && start === shiftStart(items[i - 1]!.start)) {
          refuse('edit-crosses-item', `the edit removes all of item ${i - 1}'s text (${items[i - 1]!.start}–${it.start})`);
        }
        const flags = it.flags.map((f) => {
          const s = shiftFlagPos(f.start, at, remove.length, insert.length, true);
          return { ...f, start: s, end: Math.max(s, shiftFlagPos(f.end, at, remove.length, insert.length, false)) };
        });
        return start === it.start && itemEnd === it.end && flags.every((f, i) => f.start === it.flags[i]!.start && f.end === it.flags[i]!.end)
          ? it
          : { ...it, start, end: itemEnd, flags };
      });
      return { text: page.text.slice(0, at) + insert + page.text.slice(end), items: next };
    }
    case 'split': {
      const { at } = op;
      if (at > page.text.length) refuse('edit-out-of-range', `split at ${at} beyond the text`);
      if (op.item.start !== at) refuse('edit-item-mismatch', `the new item starts at ${op.item.start}, not at the split (${at})`);
      // The item the split cuts: the last one starting before `at`.
      let k = -1;
      for (let i = 0; i < items.length && items[i]!.start < at; i++) k = i;
      if (k < 0) refuse('edit-boundary-order', `no item starts before ${at}`);
      const cut = items[k]!;
      if (items[k + 1] && items[k + 1]!.start <= at) refuse('edit-boundary-order', `an item already starts at ${at}`);
      if (at > cut.end) refuse('edit-boundary-order', `the split at ${at} lies after item ${k}'s end (${cut.end})`);
      if (op.restoreId !== undefined && items.some((it) => it.id === op.restoreId)) {
        refuse('edit-item-mismatch', `the split restores item id ${op.restoreId}, which an item of the page holds`);
      }
      const added: StoredItem = { ...op.item, start: at, end: cut.end, ...(op.restoreId !== undefined ? { id: op.restoreId } : {}) };
      const next = items.slice();
      next.splice(k, 1, { ...cut, end: at }, added);
      return { text: page.text, items: next };
    }
    case 'merge': {
      const gone = itemAt(op.index);
      if (gone.start !== op.start) refuse('edit-item-mismatch', `item ${op.index} starts at ${gone.start}, not ${op.start}`);
      const prev = itemAt(op.index - 1);
      const next = items.slice();
      next.splice(op.index - 1, 2, { ...prev, end: gone.end });
      return { text: page.text, items: next };
    }
    case 'boundary': {
      const item = itemAt(op.index);
      if (item.start !== op.from) refuse('edit-item-mismatch', `item ${op.index} starts at ${item.start}, not ${op.from}`);
      const prev = itemAt(op.index - 1);
      const limit = op.index + 1 < items.length ? items[op.index + 1]!.start : item.end;
      if (op.to <= prev.start || op.to > limit || (op.index + 1 < items.length && op.to === limit)) {
        refuse('edit-boundary-order', `item ${op.index} cannot start at ${op.to} (between ${prev.start} and ${limit})`);
      }
      const next = items.slice();
      next.splice(op.index - 1, 2, { ...prev, end: op.to }, { ...item, start: op.to });
      return { text: page.text, items: next };
    }
    case 'kind': {
      const item = itemAt(op.index);
      if (item.kind !== op.from) refuse('edit-value-mismatch', `item ${op.index} is a ${item.kind}, not a ${op.from}`);
      return replaceItem(op.index, { ...item, kind: op.to });
    }
    case 'field': {
      const item = itemAt(op.index);
      if (!sameValue(fieldValue(item, op.name), op.from)) refuse('edit-value-mismatch', `item ${op.index}'s ${op.name} is not the value the edit replaces`);
      return replaceItem(op.index, withField(item, op.name, op.to));
    }
    case 'paragraphs': {
      const item = itemAt(op.index);
      if (op.at > item.paragraphs.length) refuse('edit-out-of-range', `item ${op.index} has ${item.paragraphs.length} paragraphs, not ${op.at}`);
      if (!sameValue(item.paragraphs.slice(op.at, op.at + op.remove.length), op.remove)) {
        refuse('edit-value-mismatch', `item ${op.index}'s paragraphs at ${op.at} are not the ones the edit replaces`);
      }
      const paragraphs = item.paragraphs.slice();
      paragraphs.splice(op.at, op.remove.length, ...op.insert);
      return replaceItem(op.index, { ...item, paragraphs });
    }
    case 'tags': {
      const item = itemAt(op.index);
      if (!sameValue(item.tags, op.from)) refuse('edit-value-mismatch', `item ${op.index}'s tags are not the ones the edit replaces`);
      return replaceItem(op.index, { ...item, tags: [...op.to] });
    }
  }
}

/** Applies a batch in order; the page is unchanged (the caller's copy) when any op is refused. */
export function applyOps(page: EditPage, ops: readonly EditOp[]): EditPage {
  let out = page;
  ops.forEach((op, n) => {
    out = applyOp(out, op, n);
  });
  return out;
}
