// The OCR pane's item-span decorations (a split rule with its gutter marker, and a tint over the
// item's lines), kept per item and changed by delta. Replacing the whole set on every change made
// Monaco remove and insert every item's two decorations; a split changes its two items and the
// tint parity of the items after it, so the rules of those items stay as they are.
import type { StoredItem } from '../../shared/domain.ts';
import type { monaco } from './monaco.ts';

type Decoration = monaco.editor.IModelDeltaDecoration;

/** One item's two decorations as wanted now: each built only when its key differs from the shown one. */
export interface WantedSpan {
  item: StoredItem;
  /** What the rule depends on besides the item object (place, first item or not, language). */
  ruleKey: string;
  rule: () => Decoration;
  /** What the tint depends on besides the item object (its lines and the alternating parity). */
  tintKey: string;
  tint: () => Decoration;
}

interface Shown {
  ruleKey: string;
  ruleId: string;
  tintKey: string;
  tintId: string;
}

/** The editor's side: Monaco's delta call (the editor's own decorations on its current model). */
export type DeltaDecorations = (removeIds: string[], add: Decoration[]) => string[];

export class SpanDecorations {
  private shown = new Map<StoredItem, Shown>();

  constructor(private readonly delta: DeltaDecorations) {}

  /** The model was replaced: its decorations went with it. */
  forget(): void {
    this.shown.clear();
  }

  /**
   * Shows exactly `wanted`. `rebuild`: the text or the language changed, so nothing shown is
   * reused (Monaco moved the decorations with the edit; the wanted ranges are computed afresh).
   */
  show(wanted: readonly WantedSpan[], rebuild: boolean): void {
    const remove: string[] = [];
    const add: Decoration[] = [];
    const slots: { entry: Shown; part: 'ruleId' | 'tintId' }[] = [];
    const old = this.shown;
    if (rebuild) {
      for (const e of old.values()) remove.push(e.ruleId, e.tintId);
      old.clear();
    }
    const next = new Map<StoredItem, Shown>();
    for (const w of wanted) {
      const was = old.get(w.item);
      old.delete(w.item);
      const entry: Shown = { ruleKey: w.ruleKey, ruleId: '', tintKey: w.tintKey, tintId: '' };
      if (was && was.ruleKey === w.ruleKey) entry.ruleId = was.ruleId;
      else {
        if (was) remove.push(was.ruleId);
        add.push(w.rule());
        slots.push({ entry, part: 'ruleId' });
      }
      if (was && was.tintKey === w.tintKey) entry.tintId = was.tintId;
      else {
        if (was) remove.push(was.tintId);
        add.push(w.tint());
        slots.push({ entry, part: 'tintId' });
      }
      next.set(w.item, entry);
    }
    // Items gone from the page, or out of a big page's window.
    for (const e of old.values()) remove.push(e.ruleId, e.tintId);
    this.shown = next;
    if (remove.length === 0 && add.length === 0) return;
    const ids = this.delta(remove, add);
    slots.forEach((s, k) => (s.entry[s.part] = ids[k]!));
  }

  /** Decorations shown now (for tests). */
  get size(): number {
    return this.shown.size * 2;
  }
}
