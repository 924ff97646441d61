// A publication profile `galley.profile/1`: sparse weight deltas over one base model version,
// learned online from the pages editors corrected (or from hand annotations, `galley learn`).
// Applying it to its base gives the publication's own model; the base itself never changes.
import { array, int, literal, number, string, strictObject } from './header-check.ts';
import { LABEL_COUNT } from './labels-space.ts';
import { fromSparse, ModelFileError, roundWeight, toSparse } from './model-file.ts';
import type { LineRoleModel } from './weights.ts';

export const PROFILE_SCHEMA = 'galley.profile/1' as const;

export interface Profile {
  schema: typeof PROFILE_SCHEMA;
  /** The publication the profile adapts to (its name as the archive knows it). */
  publication: string;
  /** Version of the base weights the deltas apply to. */
  baseVersion: string;
  featureSetHash: string;
  /** How many corrected pages the profile has learned from. */
  pages: number;
  /** Sparse transition deltas: [index, delta, index, delta, …]. */
  transitions: number[];
  /** Sparse row deltas: key → [label, delta, …]. */
  rows: Record<string, number[]>;
  /** How the profile has fared on the pages it was tried on (absent: not tried yet). */
  trial?: ProfileTrial;
  /**
   * The base model's overall score on the one page the profile has learned, while it has no trial
   * record (absent once it has one, and in profiles written before session 14): see profileInUse.
   */
  firstPageBaseScore?: number;
}

/**
 * The profile's record on the pages editors proofed after it was learned: each proofed page is
 * segmented with the base model and with the profile as it stood before learning the page, and
 * both are scored against the editor's corrections (the shared scorer's overall formula). A
 * profile that does no better than the base model on that record is not used (profileInUse): a few
 * pages can teach a paper's habits, and they can also teach noise the base model had averaged out.
 */
export interface ProfileTrial {
  pages: number;
  /** Sums of the overall score over those pages. */
  profileScore: number;
  baseScore: number;
}

/**
 * A profile learned from one page and not yet tried is used only where the base model scored below
 * this on that page. Where the base model already reads the paper well, one page teaches mostly that
 * page's noise: on papers the base model knew, a profile of one page cost 0.005–0.053 overall on the
 * next page (session 13's learning curves), and the gate took the worst of them, −0.072 on a
 * 2019-10 dev paper, to −0.004 while leaving papers new to the base model as they were (docs/profiles.md).
 */
export const UNTRIED_PROFILE_BELOW = 0.8;

/**
 * Whether pages are segmented with the profile: not before it learned a page, nor while its trial
 * record is no better than the base model's, nor — learned from one page, untried — where the base
 * model already scored UNTRIED_PROFILE_BELOW or more on that page (it waits for its first trial).
 */
export function profileInUse(profile: Profile): boolean {
  return profile.pages > 0 && profileState(profile) === 'in-use';
}

/** Why a profile that has learned pages is or is not used: its trial record, or its wait for one. */
export function profileState(profile: Profile): 'in-use' | 'set-aside' | 'awaiting-trial' {
  const trial = profile.trial;
  // A tie goes to the base model: a trial where the profile changed nothing is no evidence for it, and on
  // papers the base model knew, ties let a two-page profile through that then cost (2019-10 dev, house 2,
  // k = 2: −0.034 → −0.014 overall; a paper new to the base model −0.001).
  if (trial && trial.pages > 0) return trial.profileScore > trial.baseScore ? 'in-use' : 'set-aside';
  const firstPage = profile.firstPageBaseScore;
  return profile.pages === 1 && firstPage !== undefined && firstPage >= UNTRIED_PROFILE_BELOW ? 'awaiting-trial' : 'in-use';
}

const profileShape = {
  schema: literal(PROFILE_SCHEMA),
  publication: string(1),
  baseVersion: string(1),
  featureSetHash: string(1),
  pages: int(0),
  transitions: (v: unknown, path: string) => array(number)(v, path) ?? ((v as unknown[]).length % 2 !== 0 ? `${path}: must hold index/delta pairs` : null),
  rows: (v: unknown, path: string) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${path}: expected record`;
    for (const [key, pairs] of Object.entries(v)) {
      const p = array(number)(pairs, `${path}.${key}`);
      if (p) return p;
    }
    return null;
  },
  trial: (v: unknown, path: string) => {
    if (v === undefined) return null;
    const problem = strictObject(v, { pages: int(0), profileScore: number, baseScore: number });
    return problem && `${path}.${problem}`;
  },
  firstPageBaseScore: (v: unknown, path: string) =>
    v === undefined || (typeof v === 'number' && v >= 0 && v <= 1) ? null : `${path}: expected a score from 0 to 1`,
};

/** Checked by hand (header-check.ts), not with zod: the engine that applies profiles loads no schema library. */
export function parseProfile(json: unknown): Profile {
  const problem = strictObject(json, profileShape);
  if (problem) throw new ModelFileError(`not a ${PROFILE_SCHEMA} file: ${problem}`);
  return json as Profile;
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
  return { schema: PROFILE_SCHEMA, publication, baseVersion: base.version, featureSetHash: base.featureSetHash, pages, transitions, rows };
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
