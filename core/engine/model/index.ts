// Public API of the line-role model (platform-free). See /work/team/model-api.md and README "The
// segmentation engine". Everything a caller needs: load, train, adapt online, profiles.
import type { RulePack } from '../rules/rule-pack.ts';
import type { LabelledPage } from './line-roles.ts';
import { FeatureDictionary, prepareLabelled, trainPrepared, type TrainOptions } from './train.ts';
import { applyProfile, profileFromModels, type Profile } from './profile.ts';
import type { LineRoleModel } from './weights.ts';

export { LINE_ROLES, type LineRole, type LabelledPage } from './line-roles.ts';
export type { LineRoleModel } from './weights.ts';
export { loadModel, serializeModel, ModelFileError, MODEL_SCHEMA, FEATURE_SET_HASH, type ModelFile } from './model-file.ts';
export { defaultModel, DEFAULT_MODEL_FILE } from './default-model.ts';
export { trainModel, type TrainOptions } from './train.ts';
export { PROFILE_SCHEMA, parseProfile, applyProfile, profileFromModels, type Profile } from './profile.ts';

/** Passes over the new pages when adapting a model online (few: the pages are few and recent). */
const ONLINE_EPOCHS = 3;

export interface UpdateOptions {
  epochs?: number;
  seed?: number;
  pack?: RulePack;
}

/** Online learning: the model after further perceptron passes over `pages` (a new model; `model` is unchanged). */
export function updateModel(model: LineRoleModel, pages: LabelledPage[], options: UpdateOptions = {}): LineRoleModel {
  const dict = new FeatureDictionary();
  const prepared = pages.map((p) => prepareLabelled(p, dict, options.pack));
  const trainOptions: TrainOptions = { seed: options.seed ?? model.seed, epochs: options.epochs ?? ONLINE_EPOCHS, version: model.version, trainedOn: model.trainedOn };
  const updated = trainPrepared(prepared, dict, trainOptions, model);
  // Confidence stays calibrated as the base was: a few pages are no sample to calibrate on.
  return { ...updated, epochs: model.epochs, seed: model.seed, confidenceScale: model.confidenceScale };
}

/**
 * A publication's profile after learning from `pages` (its corrected pages), on top of the profile
 * it had (`previous`, or none): the base model never changes, the profile holds the deltas.
 */
export function learnProfile(base: LineRoleModel, publication: string, pages: LabelledPage[], previous: Profile | null = null, options: UpdateOptions = {}): Profile {
  const start = previous ? applyProfile(base, previous) : base;
  const adapted = updateModel(start, pages, options);
  return profileFromModels(base, adapted, publication, (previous?.pages ?? 0) + pages.length);
}
