// The part of a page a structural change touches, for the engine worker's live preview. A split,
// merge or move changes the spans of one or two items; the worker derives those with one item of
// context on each side (read from the text alone, then dropped) instead of the whole page, so the
// preview costs the same on a 10,000-item page as on a short one. Items whose span did not change
// keep what they were. The host's engine.derive still derives the whole page and replaces the
// preview (renderer/state/session-slice.ts).
import type { Item } from '../../shared/segmentation.ts';
import type { PageDoc, StructurePlan } from './page-model.ts';

/** Above this many items typing is not previewed (the worker would derive the whole page at each pause). */
export const PREVIEW_PAGE_ITEMS = 400;

/** Same text and the same split points: items derived for one fit the other. */
export function sameStructure(a: PageDoc, b: PageDoc): boolean {
  return a.text === b.text && a.items.length === b.items.length && a.items.every((it, i) => it.start === b.items[i]!.start);
}

export interface PreviewWindow {
  /** Offset of the window's text in the page. */
  offset: number;
  text: string;
  /** The plan's starts and kinds inside the window, relative to `offset`. */
  starts: number[];
  kinds: StructurePlan['kinds'];
  /** Plan index of the window's first item. */
  from: number;
  /** Plan indices whose span changed: their items come from the window's derivation. */
  changed: number[];
}

/** The window a plan's preview derives, or null when no item's span changed. */
export function previewWindow(doc: PageDoc, plan: StructurePlan): PreviewWindow | null {
  const n = plan.starts.length;
  const endOf = (i: number) => plan.starts[i + 1] ?? doc.text.length;
  const changed: number[] = [];
  for (let i = 0; i < n; i++) {
    const src = plan.sources[i];
    const old = src === null || src === undefined ? undefined : doc.items[src];
    const oldEnd = src === null || src === undefined ? -1 : (doc.items[src + 1]?.start ?? doc.text.length);
    if (!old || old.start !== plan.starts[i] || oldEnd !== endOf(i)) changed.push(i);
  }
  if (changed.length === 0) return null;
  const from = Math.max(0, changed[0]! - 1);
  const to = Math.min(n - 1, changed.at(-1)! + 1);
  const offset = plan.starts[from]!;
  return {
    offset,
    text: doc.text.slice(offset, endOf(to)),
    starts: plan.starts.slice(from, to + 1).map((s) => s - offset),
    kinds: plan.kinds.slice(from, to + 1),
    from,
    changed,
  };
}

/**
 * The plan's items: the window's derivation for changed spans (moved back to page offsets), the
 * old items elsewhere — the very objects of `doc`, not copies: an item whose span did not change
 * starts where it did, and applyDerived keeps such an item as it is without comparing it field by
 * field, so a change on a 10,000-item page costs what the changed items cost.
 */
export function previewItems(doc: PageDoc, plan: StructurePlan, win: PreviewWindow, derived: readonly Item[]): Item[] {
  const items: Item[] = new Array<Item>(plan.starts.length);
  for (let i = 0; i < plan.starts.length; i++) items[i] = doc.items[plan.sources[i]!]!;
  for (const i of win.changed) {
    const d = derived[i - win.from];
    if (!d) throw new Error(`preview derived ${derived.length} items for a window from item ${win.from}`);
    const shift = (x: number) => x + win.offset;
    items[i] = { ...d, start: shift(d.start), end: shift(d.end), flags: d.flags.map((f) => ({ ...f, start: shift(f.start), end: shift(f.end) })) };
  }
  return items;
}
