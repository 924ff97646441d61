// The line-role model's weights and how a page is scored with them. Platform-free.
//
// A feature f seen on the line at offset d (−2…+2) from the line being labelled has a weight row of
// one weight per label, keyed "d|f". Offsets ±1 and ±2 use the neighbour's `shape` features only.
// Transitions: one weight per (previous label, label), plus a row for the page's first line.
import { LABEL_COUNT } from './labels-space.ts';
import type { LineFeatures } from './features.ts';

export const OFFSETS = [-2, -1, 0, 1, 2] as const;

export interface ModelInfo {
  version: string;
  seed: number;
  epochs: number;
  /** What the weights were trained on: page sources and counts, free text for people. */
  trainedOn: string;
  featureSetHash: string;
  /** Scale of the margin→confidence squashing (see confidence.ts). */
  confidenceScale: number;
}

export interface LineRoleModel extends ModelInfo {
  /** (LABEL_COUNT + 1) × LABEL_COUNT: row LABEL_COUNT is the page's first line. */
  transitions: Float64Array;
  rows: Map<string, Float64Array>;
}

/** The keys of the weight rows a page's lines use, per line (computed once per page). */
export function rowKeys(features: LineFeatures[]): string[][] {
  const n = features.length;
  const keys: string[][] = [];
  for (let i = 0; i < n; i++) {
    const out: string[] = [];
    for (const d of OFFSETS) {
      const j = i + d;
      if (j < 0 || j >= n) {
        if (d === -1 || d === 1) out.push(`${d}|edge`);
        continue;
      }
      const list = d === 0 ? features[j]!.own : features[j]!.shape;
      for (const f of list) out.push(`${d}|${f}`);
    }
    keys.push(out);
  }
  return keys;
}

/** Emission scores: one row of LABEL_COUNT per line. */
export function emissions(rows: ReadonlyMap<string, Float64Array>, keys: string[][]): Float64Array[] {
  return keys.map((lineKeys) => {
    const score = new Float64Array(LABEL_COUNT);
    for (const k of lineKeys) {
      const w = rows.get(k);
      if (!w) continue;
      for (let y = 0; y < LABEL_COUNT; y++) score[y]! += w[y]!;
    }
    return score;
  });
}

/** Allowed labels per line (1 = allowed); null allows everything. */
export type LabelMask = (Uint8Array | null)[];

/** Best label sequence (Viterbi). */
export function viterbi(em: Float64Array[], transitions: Float64Array, mask?: LabelMask): number[] {
  const n = em.length;
  if (n === 0) return [];
  const L = LABEL_COUNT;
  const back: Int16Array[] = [];
  let prev = new Float64Array(L);
  for (let y = 0; y < L; y++) prev[y] = allowed(mask, 0, y) ? transitions[L * L + y]! + em[0]![y]! : -Infinity;
  for (let i = 1; i < n; i++) {
    const cur = new Float64Array(L);
    const bp = new Int16Array(L);
    const e = em[i]!;
    for (let y = 0; y < L; y++) {
      if (!allowed(mask, i, y)) {
        cur[y] = -Infinity;
        continue;
      }
      let best = -Infinity;
      let arg = 0;
      for (let x = 0; x < L; x++) {
        const s = prev[x]! + transitions[x * L + y]!;
        if (s > best) [best, arg] = [s, x];
      }
      cur[y] = best + e[y]!;
      bp[y] = arg;
    }
    back.push(bp);
    prev = cur;
  }
  let y = 0;
  for (let k = 1; k < L; k++) if (prev[k]! > prev[y]!) y = k;
  const path = new Array<number>(n);
  path[n - 1] = y;
  for (let i = n - 1; i > 0; i--) path[i - 1] = y = back[i - 1]![y]!;
  return path;
}

function allowed(mask: LabelMask | undefined, i: number, y: number): boolean {
  const m = mask?.[i];
  return !m || m[y] === 1;
}

/**
 * Max-marginals: for every line and label, the score of the best whole-page path that gives the
 * line that label (forward and backward Viterbi passes). Margins between them are the confidences.
 */
export function maxMarginals(em: Float64Array[], transitions: Float64Array, mask?: LabelMask): Float64Array[] {
  const n = em.length;
  const L = LABEL_COUNT;
  const fwd: Float64Array[] = [];
  const bwd: Float64Array[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const cur = new Float64Array(L);
    for (let y = 0; y < L; y++) {
      if (!allowed(mask, i, y)) {
        cur[y] = -Infinity;
        continue;
      }
      let best: number;
      if (i === 0) best = transitions[L * L + y]!;
      else {
        best = -Infinity;
        const prev = fwd[i - 1]!;
        for (let x = 0; x < L; x++) best = Math.max(best, prev[x]! + transitions[x * L + y]!);
      }
      cur[y] = best + em[i]![y]!;
    }
    fwd.push(cur);
  }
  for (let i = n - 1; i >= 0; i--) {
    const cur = new Float64Array(L);
    if (i < n - 1) {
      const next = bwd[i + 1]!;
      const e = em[i + 1]!;
      for (let x = 0; x < L; x++) {
        let best = -Infinity;
        for (let y = 0; y < L; y++) best = Math.max(best, transitions[x * L + y]! + e[y]! + next[y]!);
        cur[x] = best;
      }
    }
    bwd[i] = cur;
  }
  return fwd.map((f, i) => f.map((v, y) => v + bwd[i]![y]!));
}
