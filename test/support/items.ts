// One stored item for tests that build pages by hand: the engine's blank article over [start, end),
// with the stored fields empty, and whatever the test needs set in `extra`.
import type { StoredItem } from '../../shared/domain.ts';
import { emptyItem } from '../../core/engine/empty-item.ts';

export const storedItem = (start: number, end: number, extra: Partial<StoredItem> = {}): StoredItem => ({
  ...emptyItem(start, end),
  editedFields: [],
  tags: [],
  ...extra,
});
