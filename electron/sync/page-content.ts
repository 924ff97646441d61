// What a replica compares and copies of a page: the content fingerprint (text and items without
// ids and tags, so a tag change is not mistaken for an edit) and items ready for another archive.
import { createHash } from 'node:crypto';
import type { PageRecord, StoredItem } from '../../shared/domain.ts';
import type { Item } from '../../shared/segmentation.ts';

/** JSON with object keys sorted, so the same content gives the same string whatever built it. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The page's content without item ids and tags (tags merge as sets, separately). */
export function fingerprint(page: Pick<PageRecord, 'text' | 'items'>): string {
  const items = page.items.map(({ id: _id, tags: _tags, ...rest }) => rest);
  return createHash('sha256').update(canonical({ text: page.text, items })).digest('hex');
}

/** Text, items (with tags) and nothing archive-specific: equal means nothing to copy. */
export function sameContentAndTags(a: Pick<PageRecord, 'text' | 'items'>, b: Pick<PageRecord, 'text' | 'items'>): boolean {
  if (fingerprint(a) !== fingerprint(b) || a.items.length !== b.items.length) return false;
  return a.items.every((item, i) => canonical([...item.tags].sort()) === canonical([...b.items[i]!.tags].sort()));
}

/** An item as the engine's output (import's `segmentation`): no id, no editor marks, no tags. */
export function asSegmentedItem(item: StoredItem): Item {
  const { id: _id, editedFields: _e, tags: _t, ...rest } = item;
  return rest;
}

/** Tags added and removed between two sets. */
export function tagDelta(before: readonly string[], after: readonly string[]): { add: string[]; remove: string[] } {
  const was = new Set(before);
  const now = new Set(after);
  return { add: [...now].filter((t) => !was.has(t)), remove: [...was].filter((t) => !now.has(t)) };
}
