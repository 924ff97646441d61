// What the model sees of a page: the rule layout (classes, continuation, masthead block), the rule
// engine's item starts, and every line's weight-row keys. Shared by decoding and training.
import type { RulePack } from '../rules/rule-pack.ts';
import { layoutPage, type PageLayout } from '../layout.ts';
import { findItemStarts, type BoundaryOptions } from '../boundaries.ts';
import { pageFeatures, type LineFeatures } from './features.ts';
import { rowKeys } from './weights.ts';

export interface PageInput {
  layout: PageLayout;
  /** Line indexes (into layout.lines) where the rule engine starts an item, masthead included. */
  ruleStarts: number[];
  features: LineFeatures[];
  /** Weight-row keys per line, built on demand (training reads them; decoding does not). */
  keys(): string[][];
}

export function pageInput(text: string, pack: RulePack, options: BoundaryOptions = {}): PageInput {
  const layout = layoutPage(text, pack);
  const { lines, mastheadEnd } = layout;
  const starts = findItemStarts(lines, mastheadEnd + 1, pack, { ...options, indentMode: layout.indentMode });
  const ruleStarts = mastheadEnd >= 0 ? [0, ...starts] : starts;
  const features = pageFeatures({ lines, pack, mastheadEnd, indentMode: layout.indentMode, ruleStarts: new Set(ruleStarts) });
  return { layout, ruleStarts, features, keys: () => rowKeys(features) };
}
