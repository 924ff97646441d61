// Decodes a page with the line-role model: the best label sequence under optional constraints
// (an editor's split points), the roles and item starts it implies, and the confidence of every
// start and every line's role.
import type { LineRole } from './line-roles.ts';
import { LABEL_COUNT, isStart, roleOf } from './labels-space.ts';
import { boundaryMargin, roleMargin, squash } from './confidence.ts';
import { emissions, maxMarginals, viterbi, type LabelMask, type LineRoleModel } from './weights.ts';

export interface DecodedPage {
  /** Decoded role per text line. */
  roles: LineRole[];
  /** Text-line indexes where an item starts (always includes 0 on a page with text). */
  starts: number[];
  /** Confidence (0–1) of the start/inside decision per line. */
  boundaryConfidence: number[];
  /** Confidence (0–1) of the decoded role per line. */
  roleConfidence: number[];
}

const START_ONLY = Uint8Array.from({ length: LABEL_COUNT }, (_, y) => (isStart(y) ? 1 : 0));
const INSIDE_ONLY = Uint8Array.from({ length: LABEL_COUNT }, (_, y) => (isStart(y) ? 0 : 1));

/**
 * @param keys the page's weight-row keys (page-input.ts)
 * @param fixedStarts when given, items start exactly at these lines (an editor's splits); the model
 *   decodes the roles inside them
 */
export function decodePage(model: LineRoleModel, keys: string[][], fixedStarts?: ReadonlySet<number>): DecodedPage {
  const n = keys.length;
  if (n === 0) return { roles: [], starts: [], boundaryConfidence: [], roleConfidence: [] };
  const em = emissions(model.rows, keys);
  // The first text line always opens an item.
  const mask: LabelMask = keys.map((_, i) => (fixedStarts ? (i === 0 || fixedStarts.has(i) ? START_ONLY : INSIDE_ONLY) : i === 0 ? START_ONLY : null));
  const path = viterbi(em, model.transitions, mask);
  // Confidence compares against every alternative, constraints aside: the editor's splits are certain anyway.
  const mm = maxMarginals(em, model.transitions, keys.map((_, i) => (i === 0 ? START_ONLY : null)));
  const scale = model.confidenceScale;
  return {
    roles: path.map(roleOf),
    starts: path.flatMap((y, i) => (isStart(y) ? [i] : [])),
    boundaryConfidence: path.map((_, i) => (i === 0 ? 1 : squash(Math.abs(boundaryMargin(mm, path, i)), scale))),
    roleConfidence: path.map((_, i) => squash(Math.abs(roleMargin(mm, path, i)), scale)),
  };
}
