// Confidence from the model's max-marginals: for a decision at one line (an item starts here; this
// line is the headline), the margin between the best page reading that makes it and the best one
// that does not, squashed to 0–1 by σ(margin / scale). A decision the model would flip for a small
// change in score sits near 0.5; a clear one near 1. The scale is calibrated when training so that
// DOUBT_THRESHOLD (0.8) falls at a low percentile of the training margins.
import { DOUBT_THRESHOLD } from '../../../shared/segmentation-ids.ts';
import { isStart, roleOf, LABEL_COUNT, TITLE_ROLES } from './labels-space.ts';

/** Share of training boundary decisions that fall below the doubt threshold by construction. */
const CALIBRATION_QUANTILE = 0.04;

export const squash = (margin: number, scale: number): number => 1 / (1 + Math.exp(-margin / scale));

/** Margin of the start/inside decision at line i. */
export function boundaryMargin(mm: Float64Array, path: number[], i: number): number {
  const row = mm.subarray(i * LABEL_COUNT, (i + 1) * LABEL_COUNT);
  const chosen = isStart(path[i]!);
  let alt = -Infinity;
  for (let y = 0; y < LABEL_COUNT; y++) if (isStart(y) !== chosen) alt = Math.max(alt, row[y]!);
  return row[path[i]!]! - alt;
}

/**
 * Margin of the title reading at line i: for a line decoded as a title role, against every other
 * role (was it the kicker, not the headline? body, not a title?); for any other line, against the
 * title roles (was it a title after all?).
 */
export function titleMargin(mm: Float64Array, path: number[], i: number): number {
  const row = mm.subarray(i * LABEL_COUNT, (i + 1) * LABEL_COUNT);
  const role = roleOf(path[i]!);
  const title = TITLE_ROLES.has(role);
  let alt = -Infinity;
  for (let y = 0; y < LABEL_COUNT; y++) if (title ? roleOf(y) !== role : TITLE_ROLES.has(roleOf(y))) alt = Math.max(alt, row[y]!);
  return row[path[i]!]! - alt;
}

/** Margin of the role decided at line i against any other role. */
export function roleMargin(mm: Float64Array, path: number[], i: number): number {
  const row = mm.subarray(i * LABEL_COUNT, (i + 1) * LABEL_COUNT);
  const role = roleOf(path[i]!);
  let alt = -Infinity;
  for (let y = 0; y < LABEL_COUNT; y++) if (roleOf(y) !== role) alt = Math.max(alt, row[y]!);
  return row[path[i]!]! - alt;
}

/** The squashing scale that puts DOUBT_THRESHOLD at a low quantile of the given boundary margins. */
export function calibrationScale(margins: number[]): number {
  const finite = margins.filter((m) => Number.isFinite(m) && m > 0).sort((a, b) => a - b);
  if (!finite.length) return 1;
  const at = finite[Math.floor(finite.length * CALIBRATION_QUANTILE)]!;
  // σ(at / scale) = DOUBT_THRESHOLD  ⇒  scale = at / logit(DOUBT_THRESHOLD)
  return Math.max(1e-3, at / Math.log(DOUBT_THRESHOLD / (1 - DOUBT_THRESHOLD)));
}
