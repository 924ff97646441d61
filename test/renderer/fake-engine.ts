// A stand-in for the engine's deriveItems, for unit tests only: the first non-empty line is the
// headline, the remaining non-empty lines are paragraphs.
import type { Item, ItemKind } from '../../shared/segmentation.ts';

export function fakeDerive(text: string, starts: number[], kinds: (ItemKind | null)[] = []): Item[] {
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    const lines = text.slice(start, end).split('\n').map((l) => l.trim()).filter(Boolean);
    return {
      kind: kinds[i] ?? 'article',
      start,
      end,
      kicker: null,
      headline: lines[0] ?? null,
      subheadline: null,
      series: null,
      byline: null,
      contributors: [],
      paragraphs: lines.slice(1),
      continuedOn: null,
      continuedFrom: null,
      flags: [],
    };
  });
}
