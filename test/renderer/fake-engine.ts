// A stand-in for the engine's deriveItems, for unit tests only: the first non-empty line is the
// headline, the remaining non-empty lines are paragraphs.
import type { Item, ItemKind } from '../../shared/segmentation.ts';
import { emptyItem } from '../../core/engine/empty-item.ts';

export function fakeDerive(text: string, starts: number[], kinds: (ItemKind | null)[] = []): Item[] {
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    const lines = text.slice(start, end).split('\n').map((l) => l.trim()).filter(Boolean);
    return { ...emptyItem(start, end), kind: kinds[i] ?? 'article', headline: lines[0] ?? null, paragraphs: lines.slice(1) };
  });
}
