// Doubts: items whose split (boundary) or title roles the engine was not sure of
// (shared/segmentation.ts: confidence, DOUBT_THRESHOLD). Pure functions for the editor, the cards,
// F8 / Shift+F8 and the editing model. A split the editor made, moved or confirmed carries no
// confidence and so is never a doubt.
import type { StoredItem } from '../../shared/domain.ts';
import { DOUBT_THRESHOLD, isDoubtful, type Item } from '../../shared/segmentation.ts';

type WithConfidence = Pick<Item, 'confidence'>;

/** The doubtful parts of an item: the confidence (0–1) of its split and of its titles, or null where sure. */
export function doubtOf(item: WithConfidence): { split: number | null; titles: number | null } {
  const c = item.confidence;
  if (!c) return { split: null, titles: null };
  return { split: c.boundary < DOUBT_THRESHOLD ? c.boundary : null, titles: c.titles < DOUBT_THRESHOLD ? c.titles : null };
}

export const percent = (p: number): number => Math.round(p * 100);

/** Indexes of the doubtful items, in page order. */
export function doubtIndexes(items: readonly WithConfidence[]): number[] {
  const out: number[] = [];
  items.forEach((it, i) => {
    if (isDoubtful(it)) out.push(i);
  });
  return out;
}

/** The next (dir 1) or previous (dir -1) doubtful item from `from`, wrapping around; null when none. */
export function nextDoubt(items: readonly WithConfidence[], from: number, dir: 1 | -1): number | null {
  const all = doubtIndexes(items);
  if (all.length === 0) return null;
  if (dir === 1) return all.find((i) => i > from) ?? all[0]!;
  return [...all].reverse().find((i) => i < from) ?? all[all.length - 1]!;
}

const TITLE_FIELDS = ['kicker', 'headline', 'subheadline', 'series'] as const;

/**
 * The confidence an item keeps after a structural change or re-derivation. `old` is the item it
 * continues (null: a split the editor made); `startMoved`: the editor moved its split. A split
 * made or moved by the editor is confirmed (no confidence); hand-typed titles confirm the titles.
 */
export function carriedConfidence(old: StoredItem | null | undefined, startMoved: boolean, editedFields: readonly string[]): Item['confidence'] {
  if (!old || startMoved || !old.confidence) return undefined;
  const titlesTyped = TITLE_FIELDS.some((f) => editedFields.includes(f));
  if (!titlesTyped) return old.confidence;
  return old.confidence.boundary < DOUBT_THRESHOLD ? { boundary: old.confidence.boundary, titles: 1 } : undefined;
}

/** The item with its doubt confirmed by the editor (no confidence left). */
export function confirmed<T extends WithConfidence>(item: T): T {
  if (!item.confidence) return item;
  const { confidence: _c, ...rest } = item;
  return rest as T;
}
