// The one blank item: an article over [start, end) with every field empty. The engine fills it in
// (derive-item.ts); tests and tools that build items by hand start from it too, so a field added to
// the contract is added here once.
import type { Item } from '../../shared/segmentation.ts';

export const emptyItem = (start: number, end: number): Item => ({
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
});
