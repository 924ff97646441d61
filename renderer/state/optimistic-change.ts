// The optimistic structural change (split, merge, moved start): the page as the engine reads the
// change, computed now on the main thread from the local engine, so the cards repaint in the
// keystroke's frame; and the test that tells whether the host's answer changes what is shown.
// Both go through the same code as every other structural change — the plan's window
// (preview-window.ts), the engine's deriveItems (run by the local engine with the worker's
// handler), applyDerived and core/edit's planOps — so the doc is exactly what the worker's
// preview of the same plan would have been, one thread hop sooner.
import type { Item } from '../../shared/segmentation.ts';
import { sameValue } from '../../core/edit/index.ts';
import type { LocalEngine } from '../engine/local-engine.ts';
import { applyDerived, undo, type History, type PageDoc, type StructurePlan } from '../model/page-model.ts';
import { previewItems, previewWindow } from '../model/preview-window.ts';

/**
 * The doc after `plan`, derived now by the local engine: the changed spans with a neighbour on
 * each side, the other items as they were. Null when it cannot be had at once (engine not loaded,
 * the request refused, or items that do not fit the plan, e.g. a split on a blank line): the
 * change then goes the slower way, which reports what is wrong.
 */
export function optimisticDoc(doc: PageDoc, plan: StructurePlan, engine: LocalEngine): PageDoc | null {
  const win = previewWindow(doc, plan);
  if (!win) return null;
  const items = engine.deriveNow(win.text, win.starts, win.kinds);
  if (!items) return null;
  try {
    return applyDerived(doc, plan, previewItems(doc, plan, win, items));
  } catch {
    return null;
  }
}

/**
 * Whether the host's items for `plan` (derived on `doc`, the page before the change) give exactly
 * the items shown (`shown`, the optimistic doc): then nothing is repainted. Ids, hand-edited
 * fields, tags and carried doubts are compared too, as applyDerived settles them the same way.
 */
export function hostAgrees(doc: PageDoc, plan: StructurePlan, shown: PageDoc, hostItems: readonly Item[]): boolean {
  try {
    return sameValue(applyDerived(doc, plan, hostItems).items, shown.items);
  } catch {
    return false;
  }
}

/** The page's first items, for the local engine's warm-up derivation (the code it runs at a split). */
export function warmSample(doc: PageDoc): { text: string; starts: number[]; kinds: Item['kind'][] } {
  const first = doc.items.slice(0, 3);
  const end = doc.items[first.length]?.start ?? doc.text.length;
  return { text: doc.text.slice(0, end), starts: first.map((it) => it.start), kinds: first.map((it) => it.kind) };
}

/** The history before its present step, as if that step had never been made (undo with no redo). */
export function withoutPresent(h: History): History {
  const back = undo(h);
  return back === h ? h : { ...back, future: back.future.slice(1) };
}
