// The inverse of a batch of edit ops: the ops that, applied to the page the batch produced, give
// back the page it started from (undo sends them; the archive stores them beside the ops). Each
// op's inverse is read off the page as it was just before that op, so it carries what the op
// dropped (a merged item's whole content, flags a text edit snapped).
import type { StoredItem } from '../../shared/domain.ts';
import type { EditOp, NewItem } from '../../shared/edit-ops.ts';
import { applyOp, fieldValue, sameValue, type EditPage } from './apply.ts';

const withoutId = (item: StoredItem): NewItem => {
  const { id: _id, ...rest } = item;
  return rest;
};

/** The inverse of one op on `page` (the page before it), and the page after it. */
function invertOne(page: EditPage, op: EditOp, n: number): { inverse: EditOp[]; after: EditPage } {
  const after = applyOp(page, op, n);
  switch (op.op) {
    case 'text': {
      const back: EditOp = { op: 'text', at: op.at, remove: op.insert, insert: op.remove };
      // A start at the end of removed text moved to the edit's start, where re-inserted text
      // leaves it: move it back. Flags inside removed text snapped to the edit: put them back.
      let undone = applyOp(after, back, n);
      const restore: EditOp[] = [];
      const moves = undone.items.map((it, i) => ({ i, from: it.start, to: page.items[i]!.start })).filter((m) => m.from !== m.to);
      for (const m of moves.filter((m) => m.to < m.from).concat(moves.filter((m) => m.to > m.from).reverse())) {
        const op: EditOp = { op: 'boundary', index: m.i, from: m.from, to: m.to };
        undone = applyOp(undone, op, n);
        restore.push(op);
      }
      undone.items.forEach((it, i) => {
        const was = page.items[i]!;
        if (!sameValue(it.flags, was.flags)) restore.push({ op: 'field', index: i, name: 'flags', from: it.flags, to: was.flags });
      });
      return { inverse: [back, ...restore], after };
    }
    case 'split': {
      const index = after.items.findIndex((it) => it.start === op.at);
      return { inverse: [{ op: 'merge', index, start: op.at }], after };
    }
    case 'merge': {
      const gone = page.items[op.index]!;
      // The item comes back with its own id (tags, stories and open views refer to it).
      const restore = gone.id !== undefined ? { restoreId: gone.id } : {};
      return { inverse: [{ op: 'split', at: gone.start, item: withoutId(gone), ...restore }], after };
    }
    case 'boundary':
      return { inverse: [{ op: 'boundary', index: op.index, from: op.to, to: op.from }], after };
    case 'kind':
      return { inverse: [{ op: 'kind', index: op.index, from: op.to, to: op.from }], after };
    case 'field': {
      // From the page, not the op: `from` was checked equal, the page's value is the exact one.
      const was = fieldValue(page.items[op.index]!, op.name);
      return { inverse: [{ ...op, from: op.to, to: was } as EditOp], after };
    }
    case 'paragraphs':
      return { inverse: [{ op: 'paragraphs', index: op.index, at: op.at, remove: op.insert, insert: op.remove }], after };
    case 'tags':
      return { inverse: [{ op: 'tags', index: op.index, from: op.to, to: page.items[op.index]!.tags.slice() }], after };
  }
}

/**
 * The ops undoing `ops` on `page`, and the page `ops` produce. Throws EditError (apply.ts) when
 * an op does not fit, exactly as applyOps would.
 */
export function invertOps(page: EditPage, ops: readonly EditOp[]): { inverse: EditOp[]; after: EditPage } {
  let cur = page;
  const steps: EditOp[][] = [];
  ops.forEach((op, n) => {
    const { inverse, after } = invertOne(cur, op, n);
    steps.push(inverse);
    cur = after;
  });
  return { inverse: steps.reverse().flat(), after: cur };
}
