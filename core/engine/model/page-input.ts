// What the model sees of a page: the rule layout (classes, continuation, masthead block), the rule
// engine's item starts, and every line's weight-row keys. Shared by decoding and training.
import type { RulePack } from '../rules/rule-pack.ts';
import { layoutPage, type PageLayout } from '../layout.ts';
import { findItemStarts, type BoundaryOptions } from '../boundaries.ts';
import { pageFeatures, type FeatureOptions, type LineFeatures, type PageView } from './features.ts';
import { featureSetOf } from './feature-sets.ts';
import { hashedEmissions, hashedWeights } from './hashed.ts';
import { rowKeys, type Emissions, type LineRoleModel } from './weights.ts';

export interface PageInput {
  layout: PageLayout;
  /** Line indexes (into layout.lines) where the rule engine starts an item, masthead included. */
  ruleStarts: number[];
  /** What the features are read from. */
  view: PageView;
  /** Every line's feature names in the base set, made on first read (training and the tests read them; decoding does not). */
  readonly features: LineFeatures[];
  /** Every line's feature names in a given set (training a model of that set). */
  featuresOf(options: FeatureOptions): LineFeatures[];
  /** Weight-row keys per line, built on demand (training reads them; decoding does not). */
  keys(): string[][];
  /** The page scored by a model: its features hashed as they are made, no name built (hashed.ts). */
  emissions(model: LineRoleModel): Emissions;
}

export function pageInput(text: string, pack: RulePack, options: BoundaryOptions = {}): PageInput {
  const layout = layoutPage(text, pack);
  const { lines, mastheadEnd } = layout;
  const starts = findItemStarts(lines, mastheadEnd + 1, pack, { ...options, indentMode: layout.indentMode });
  const ruleStarts = mastheadEnd >= 0 ? [0, ...starts] : starts;
  const view: PageView = { lines, pack, mastheadEnd, indentMode: layout.indentMode, ruleStarts: new Set(ruleStarts) };
  let features: LineFeatures[] | undefined;
  return {
    layout,
    ruleStarts,
    view,
    get features() {
      return (features ??= pageFeatures(view));
    },
    featuresOf: (options) => pageFeatures(view, options),
    keys() {
      return rowKeys(this.features);
    },
    emissions: (model) => hashedEmissions(hashedWeights(model), view, featureSetOf(model)),
  };
}
