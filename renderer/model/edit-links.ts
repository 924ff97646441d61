// Where each doc of an editing session came from: the doc before it and the typed edit ops
// (shared/edit-ops.ts) that made it. Autosave asks for the ops from the doc the archive holds to
// the doc on screen (opsBetween): forward along the changes made since, or backward — the
// inverse ops — after an undo, so undo and redo travel as ops too, never as a whole page.
// Links are weak (a doc nobody holds is dropped with its link); a doc that is no undo step of its
// own (a typing burst, a re-derivation replacing the present) folds its ops into the next doc.
import type { StoredItem } from '../../shared/domain.ts';
import type { EditOp } from '../../shared/edit-ops.ts';
import { applyOps, invertOps } from '../../core/edit/index.ts';

export interface PageDoc {
  readonly text: string;
  readonly items: readonly StoredItem[];
}

interface Link {
  readonly prev: PageDoc;
  readonly ops: readonly EditOp[];
}

const links = new WeakMap<PageDoc, Link>();
/** Docs the archive holds (or held): their own link is kept, never folded away. */
const pinnedDocs = new WeakSet<PageDoc>();

/** The doc `ops` make of `doc`, linked to it (the same doc when there are no ops). */
export function applyEdit(doc: PageDoc, ops: readonly EditOp[]): PageDoc {
  if (ops.length === 0) return doc;
  const out = applyOps(doc, ops);
  const next: PageDoc = out.items === doc.items && out.text === doc.text ? { text: out.text, items: out.items.slice() } : out;
  links.set(next, { prev: doc, ops: [...ops] });
  return next;
}

/**
 * A memoised mapper of docs that changes content no op carries (tags set in the archive) and
 * keeps each doc's history: the mapped doc links to its mapped predecessor by the same ops.
 */
export function linkedMapper(change: (doc: PageDoc) => PageDoc): (doc: PageDoc) => PageDoc {
  const seen = new Map<PageDoc, PageDoc>();
  const map = (doc: PageDoc): PageDoc => {
    const known = seen.get(doc);
    if (known) return known;
    let out = change(doc);
    const link = links.get(doc);
    const prev = link ? map(link.prev) : undefined;
    if (link && prev !== link.prev && out === doc) out = { ...doc };
    if (link && out !== doc) links.set(out, { prev: prev!, ops: link.ops });
    seen.set(doc, out);
    return out;
  };
  return map;
}

/** Marks a doc as one the archive holds: opsBetween may start from it, so its own link stays. */
export function pin(doc: PageDoc): void {
  pinnedDocs.add(doc);
}

/** pin() in an expression: the doc, pinned. */
export function pinned(doc: PageDoc): PageDoc {
  pinnedDocs.add(doc);
  return doc;
}

/** `dropped` is no step of its own any more: `doc` (made from it) links past it with both ops. */
export function squashInto(doc: PageDoc, dropped: PageDoc): void {
  const mine = links.get(doc);
  const theirs = links.get(dropped);
  if (!mine || !theirs || mine.prev !== dropped || pinnedDocs.has(dropped)) return;
  links.set(doc, { prev: theirs.prev, ops: [...theirs.ops, ...mine.ops] });
}

/**
 * The ops that turn `from` into `to`: back from `from` to the nearest doc both came from (each
 * change's inverse), then forward to `to`. Null when the two share no history (a reloaded page).
 */
export function opsBetween(from: PageDoc, to: PageDoc): EditOp[] | null {
  if (from === to) return [];
  const depth = new Map<PageDoc, number>();
  const forward: Link[] = [];
  for (let d: PageDoc | undefined = to; d; d = links.get(d)?.prev) {
    if (depth.has(d)) return null;
    depth.set(d, depth.size);
  }
  const back: EditOp[] = [];
  let cur: PageDoc | undefined = from;
  const seen = new Set<PageDoc>();
  while (cur && !depth.has(cur)) {
    if (seen.has(cur)) return null;
    seen.add(cur);
    const link = links.get(cur);
    if (!link) return null;
    back.push(...invertOps(link.prev, link.ops).inverse);
    cur = link.prev;
  }
  if (!cur) return null;
  for (let d: PageDoc = to; d !== cur; d = links.get(d)!.prev) forward.push(links.get(d)!);
  return [...back, ...forward.reverse().flatMap((l) => l.ops)];
}
