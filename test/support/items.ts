// One stored item for tests that build pages by hand: an article over [start, end) with every
// field empty, and whatever the test needs set in `extra`.
import type { StoredItem } from '../../shared/domain.ts';

export const storedItem = (start: number, end: number, extra: Partial<StoredItem> = {}): StoredItem => ({
  kind: 'article',
  start,
  end,
  kicker: null,
  headline: null,
  subheadline: null,
  series: null,
  byline: null,
  contributors: [],
  paragraphs: [],
  continuedOn: null,
  continuedFrom: null,
  flags: [],
  editedFields: [],
  tags: [],
  ...extra,
});
