// The feature sets a model can be trained with. A weight file names its set by a hash
// (`featureSetHash`); the engine emits exactly the features of that set when it scores a page, so
// weights trained before an optional group of features existed keep loading and scoring as they
// did (the base set's hash is the one those files carry).
import { FEATURE_SET, type FeatureOptions } from './features.ts';
import { LINE_ROLES } from './line-roles.ts';

export interface FeatureSet extends FeatureOptions {
  /** Short name, as `galley train --features NAME` takes it. */
  readonly name: string;
  /** FNV-1a over the templates, the groups and the label space (recorded in the weight file). */
  readonly hash: string;
}

/** FNV-1a over a string, as 8 hex digits. */
export function hashString(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const labelSpace = LINE_ROLES.join(',');

/** v1–v4's features: the hash is the one committed weight files carry. */
export const BASE_FEATURES: FeatureSet = { name: 'base', conjunctions: false, captionRun: false, paragraphFill: false, hash: hashString(`${FEATURE_SET}#${labelSpace}`) };

/** The base set and the conjunctions of a line's shape with its neighbours' (features.ts, `conj`). */
export const CONJUNCTION_FEATURES: FeatureSet = { name: 'conj', conjunctions: true, captionRun: false, paragraphFill: false, hash: hashString(`${FEATURE_SET}+conj1#${labelSpace}`) };

/** The base set and the caption block a photo credit closes below (features.ts, `x:cap`). */
export const CAPTION_FEATURES: FeatureSet = { name: 'cap', conjunctions: false, captionRun: true, paragraphFill: false, hash: hashString(`${FEATURE_SET}+cap1#${labelSpace}`) };

/**
 * The base set and the paragraph-fill group (page-fill.ts, features.ts `x:fill`, `x:pb`): how tightly
 * the page fills its column and spaces its lines, joined with the line above's shortfall and last mark.
 */
export const FILL_FEATURES: FeatureSet = { name: 'fill', conjunctions: false, captionRun: false, paragraphFill: true, hash: hashString(`${FEATURE_SET}+fill1#${labelSpace}`) };

export const FEATURE_SETS: readonly FeatureSet[] = [BASE_FEATURES, CONJUNCTION_FEATURES, CAPTION_FEATURES, FILL_FEATURES];

/**
 * The set of the committed weights' recipe (v6 on): what `galley train` and `galley eval --splits`
 * train on unless told otherwise. Training in code (trainModel) keeps the base set by default.
 */
export const RECIPE_FEATURES: FeatureSet = FILL_FEATURES;

export const featureSetByHash = (hash: string): FeatureSet | undefined => FEATURE_SETS.find((s) => s.hash === hash);
export const featureSetByName = (name: string): FeatureSet | undefined => FEATURE_SETS.find((s) => s.name === name);

/** The feature set a model was trained with (its weight file was checked to name a known one when loaded). */
export function featureSetOf(model: { readonly featureSetHash: string }): FeatureSet {
  const set = featureSetByHash(model.featureSetHash);
  if (!set) throw new Error(`weights for feature set ${model.featureSetHash}, which this engine does not know: retrain with galley train`);
  return set;
}
