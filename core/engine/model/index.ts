// Public API of the line-role model (platform-free). See README "The
// segmentation engine". Everything a caller needs: load, train, adapt online, profiles.
import type { RulePack } from '../rules/rule-pack.ts';
import type { LabelledPage } from './line-roles.ts';
import { EDGE, FeatureDictionary, prepareLabelled, settleRow, trainPrepared, type TrainOptions } from './train.ts';
import { applyProfile, profileFromModels, type Profile } from './profile.ts';
import { OFFSETS, type LineRoleModel } from './weights.ts';
import { featureSetOf } from './feature-sets.ts';

export { LINE_ROLES, type LineRole, type LabelledPage } from './line-roles.ts';
export type { LineRoleModel } from './weights.ts';
export { loadModel, serializeModel, ModelFileError, MODEL_SCHEMA, FEATURE_SET_HASH, type ModelFile } from './model-file.ts';
export { defaultModel, DEFAULT_MODEL_FILE } from './default-model.ts';
export { trainModel, type TrainOptions } from './train.ts';
export { PROFILE_SCHEMA, UNTRIED_PROFILE_BELOW, parseProfile, applyProfile, profileFromModels, profileInUse, profileState, type Profile, type ProfileTrial } from './profile.ts';

/**
 * Passes over the pages when adapting a model online. A profile is fitted on a publication's recent
 * proofed pages (core/eval/profile-learning.ts); on the dev pages (2019-10 v2, rotated runs, base: the
 * annotated pages only) 6 passes gave overall 0.668 … 0.699 at k = 1 … 8, 3 passes 0.680 … 0.690 with
 * dips to 0.659, 10 passes the same as 6.
 */
const ONLINE_EPOCHS = 6;

export interface UpdateOptions {
  epochs?: number;
  seed?: number;
  pack?: RulePack;
  /** The pages' roles come from annotations: roles they do not tell apart are latent (LATENT_ROLES). */
  latent?: boolean;
}

/** Online learning: the model after further perceptron passes over `pages` (a new model; `model` is unchanged). */
export function updateModel(model: LineRoleModel, pages: LabelledPage[], options: UpdateOptions = {}): LineRoleModel {
  const dict = new FeatureDictionary();
  const prepared = pages.map((p) => prepareLabelled(p, dict, options.pack, featureSetOf(model), options.latent ?? false));
  return updatePrepared(model, model, prepared, dict, options);
}

function updatePrepared(model: LineRoleModel, start: LineRoleModel, prepared: ReturnType<typeof prepareLabelled>[], dict: FeatureDictionary, options: UpdateOptions): LineRoleModel {
  const trainOptions: TrainOptions = { seed: options.seed ?? model.seed, epochs: options.epochs ?? ONLINE_EPOCHS, version: model.version, trainedOn: model.trainedOn };
  const updated = trainPrepared(prepared, dict, trainOptions, start);
  // Confidence stays calibrated as the base was: a few pages are no sample to calibrate on.
  return { ...updated, epochs: model.epochs, seed: model.seed, confidenceScale: model.confidenceScale };
}

/**
 * A publication's profile after learning from `pages` (its corrected pages), on top of the profile
 * it had (`previous`, or none): the base model never changes, the profile holds the deltas. The
 * pages' roles come from annotations, so roles they do not tell apart are latent (LATENT_ROLES).
 */
export function learnProfile(base: LineRoleModel, publication: string, pages: LabelledPage[], previous: Profile | null = null, options: UpdateOptions = {}): Profile {
  const start = previous ? applyProfile(base, previous) : base;
  const dict = new FeatureDictionary();
  const prepared = pages.map((p) => prepareLabelled(p, dict, options.pack, featureSetOf(base), true));
  // Training reads and moves only the rows of the pages' own features; every other row leaves it
  // as settleRow leaves it. So the pages' rows alone are trained, and the other rows the previous
  // profile moved are settled here: the same profile as training all 88,648 rows of the base, for a
  // fraction of the cost (copying every row in and out was ~1 s CPU per proofed page, inside the
  // archive's state transaction). Base rows no profile moved are already settled (a test checks).
  const own = new Set([...dict.names, EDGE]);
  const rows = new Map<string, Float64Array>();
  for (const name of own) {
    for (const d of OFFSETS) {
      const row = start.rows.get(`${d}|${name}`);
      if (row) rows.set(`${d}|${name}`, row);
    }
  }
  const adapted = updatePrepared(start, { ...start, rows }, prepared, dict, options);
  const all = new Map(adapted.rows);
  for (const key of Object.keys(previous?.rows ?? {})) {
    const row = start.rows.get(key);
    if (!row || own.has(key.slice(key.indexOf('|') + 1))) continue;
    const settled = settleRow(row);
    if (settled) all.set(key, settled);
  }
  const learned = profileFromModels(base, { ...adapted, rows: all }, publication, (previous?.pages ?? 0) + pages.length);
  return previous?.trial ? { ...learned, trial: previous.trial } : learned;
}
