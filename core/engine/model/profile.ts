// A publication profile `galley.profile/1`: sparse weight deltas over one base model version,
// learned online from the pages editors corrected (or from hand annotations, `galley learn`).
// Applying it to its base gives the publication's own model; the base itself never changes.
import { z } from 'zod';
import { LABEL_COUNT } from './labels-space.ts';
import { FEATURE_SET_HASH, fromSparse, ModelFileError, roundWeight, toSparse } from './model-file.ts';
import type { LineRoleModel } from './weights.ts';

export const PROFILE_SCHEMA = 'galley.profile/1' as const;

export const profileSchema = z.strictObject({
  schema: z.literal(PROFILE_SCHEMA),
  /** The publication the profile adapts to (its name as the archive knows it). */
  publication: z.string().min(1),
  /** Version of the base weights the deltas apply to. */
  baseVersion: z.string().min(1),
  featureSetHash: z.string().min(1),
  /** How many corrected pages the profile has learned from. */
  pages: z.number().int().nonnegative(),
  /** Sparse transition deltas: [index, delta, index, delta, …]. */
  transitions: z.array(z.number()).refine((a) => a.length % 2 === 0, 'must hold index/delta pairs'),
  /** Sparse row deltas: key → [label, delta, …]. */
  rows: z.record(z.string(), z.array(z.number())),
});
export type Profile = z.infer<typeof profileSchema>;

export function parseProfile(json: unknown): Profile {
  const parsed = profileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ModelFileError(`not a ${PROFILE_SCHEMA} file: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** The deltas that turn `base` into `adapted`, as a profile. */
export function profileFromModels(base: LineRoleModel, adapted: LineRoleModel, publication: string, pages: number): Profile {
  const rows: Record<string, number[]> = {};
  const keys = [...adapted.rows.keys()].sort();
  for (const key of keys) {
    const a = adapted.rows.get(key)!;
    const b = base.rows.get(key);
    const delta = b ? a.map((v, y) => v - b[y]!) : a;
    const sparse = toSparse(delta);
    if (sparse.length) rows[key] = sparse;
  }
  const transitions: number[] = [];
  adapted.transitions.forEach((v, k) => {
    const d = roundWeight(v - base.transitions[k]!);
    if (d !== 0) transitions.push(k, d);
  });
  return { schema: PROFILE_SCHEMA, publication, baseVersion: base.version, featureSetHash: FEATURE_SET_HASH, pages, transitions, rows };
}

/** The publication's model: the base with the profile's deltas added. */
export function applyProfile(base: LineRoleModel, profile: Profile): LineRoleModel {
  if (profile.baseVersion !== base.version || profile.featureSetHash !== base.featureSetHash) {
    throw new ModelFileError(`profile of ${profile.publication} was learned over model ${profile.baseVersion}; the engine runs ${base.version}`);
  }
  const rows = new Map(base.rows);
  for (const [key, pairs] of Object.entries(profile.rows)) {
    const row = Float64Array.from(base.rows.get(key) ?? new Float64Array(LABEL_COUNT));
    rows.set(key, fromSparse(pairs, row));
  }
  const transitions = Float64Array.from(base.transitions);
  for (let k = 0; k + 1 < profile.transitions.length; k += 2) {
    const at = profile.transitions[k]!;
    if (!Number.isInteger(at) || at < 0 || at >= transitions.length) throw new ModelFileError(`profile transition index ${at} is out of range`);
    transitions[at]! += profile.transitions[k + 1]!;
  }
  return { ...base, rows, transitions };
}
