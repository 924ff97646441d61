// Undoing a merge in the workspace: the ops autosave sends carry the merged-away item's id back
// (restoreId), and when the archive answers with another id (the old one was taken meanwhile)
// the docs on screen take the archive's id, so tagging the item after the undo reaches it.
import { describe, expect, it } from 'vitest';
import type { StoredItem } from '../../shared/domain.ts';
import { storedItem } from '../support/items.ts';
import { applyEdit, opsBetween, pin, type PageDoc } from '../../renderer/model/edit-links.ts';
import { itemIdsMapper } from '../../renderer/state/page-save.ts';

const item = (id: number, start: number, end: number): StoredItem => storedItem(start, end, { id, headline: `H${id}` });

describe('undoing a merge in the workspace', () => {
  const original: PageDoc = { text: 'ab\ncd\nef', items: [item(1, 0, 3), item(2, 3, 6), item(3, 6, 8)] };

  it('sends the split that restores the merged item under its own id', () => {
    pin(original);
    const merged = applyEdit(original, [{ op: 'merge', index: 1, start: 3 }]);
    pin(merged);
    // Undo puts `original` back on screen; autosave sends the ops from the saved (merged) doc.
    const ops = opsBetween(merged, original);
    expect(ops).toEqual([expect.objectContaining({ op: 'split', at: 3, restoreId: 2 })]);
  });

  it('takes the archive id when the archive could not give the old one back', () => {
    const map = itemIdsMapper(original, [1, 9, 3]);
    expect(map).not.toBeNull();
    expect(map!(original).items.map((i) => i.id)).toEqual([1, 9, 3]);
    expect(itemIdsMapper(original, [1, 2, 3])).toBeNull();
  });
});
