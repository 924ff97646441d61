// The line-role model's weights and how a page is scored with them. Platform-free.
//
// A feature f seen on the line at offset d (−2…+2) from the line being labelled has a weight row of
// one weight per label, keyed "d|f". Offsets ±1 and ±2 use the neighbour's `shape` features only.
// Transitions: one weight per (previous label, label), plus a row for the page's first line.
import { LABEL_COUNT } from './labels-space.ts';
import type { LineFeatures } from './features.ts';
import { OFFSETS, packedWeights } from './packed.ts';

export { OFFSETS };

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
        if (d === -1 || d === 1) out.push(`${d}|${EDGE}`);
        continue;
      }
      const list = d === 0 ? features[j]!.own : features[j]!.shape;
      for (const f of list) out.push(`${d}|${f}`);
    }
    keys.push(out);
  }
  return keys;
}

/**
 * Emission scores are one flat array per page: line i's score for label y at i × LABEL_COUNT + y
 * (one allocation per page instead of one per line: decoding is allocation-bound otherwise).
 */
export type Emissions = Float64Array;

/** Emission scores from row keys (slow path for tests and tools). */
export function emissions(rows: ReadonlyMap<string, Float64Array>, keys: string[][]): Emissions {
  const L = LABEL_COUNT;
  const score = new Float64Array(keys.length * L);
  keys.forEach((lineKeys, i) => {
    for (const k of lineKeys) {
      const w = rows.get(k);
      if (!w) continue;
      for (let y = 0; y < L; y++) score[i * L + y]! += w[y]!;
    }
  });
  return score;
}

const EDGE = 'edge';

/** Emission scores of a page's lines from their features (the decoding path). */
export function pageEmissions(model: LineRoleModel, features: LineFeatures[]): Emissions {
  const { features: dict, table, rowStart, labels, weights } = packedWeights(model);
  const W = OFFSETS.length;
  const L = LABEL_COUNT;
  const n = features.length;
  // Feature numbers of every line's own features, in one flat array (line i's at from[i]…from[i+1]);
  // the first shape.length of a line's are its shape features. Plain loops: this is the hot path.
  const from = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) from[i + 1] = from[i]! + features[i]!.own.length;
  const fids = new Int32Array(from[n]!);
  const shapeCount = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const own = features[i]!.own;
    const at = from[i]!;
    for (let k = 0; k < own.length; k++) fids[at + k] = dict.get(own[k]!);
    shapeCount[i] = features[i]!.shape.length;
  }
  const edge = dict.get(EDGE);
  const out = new Float64Array(n * L);
  const edgeList = Int32Array.of(edge);
  for (let i = 0; i < n; i++) {
    const at = i * L;
    for (let slot = 0; slot < W; slot++) {
      const j = i + slot - 2;
      let list: Int32Array;
      let start: number;
      let end: number;
      if (j < 0 || j >= n) {
        if (slot !== 1 && slot !== 3) continue;
        list = edgeList;
        start = 0;
        end = 1;
      } else {
        list = fids;
        start = from[j]!;
        end = slot === 2 ? from[j + 1]! : start + shapeCount[j]!;
      }
      // Inlined (no call per weight row): this loop is the model's hot path. Only a row's non-zero
      // labels are stored, in label order, so every score sums the same numbers in the same order.
      for (let k = start; k < end; k++) {
        const fid = list[k]!;
        if (fid < 0) continue;
        const r = table[fid * W + slot]!;
        if (r < 0) continue;
        const first = rowStart[r]!;
        const stop = rowStart[r + 1]!;
        // A dense row (every label; the always-on shape features) needs no label lookup.
        if (stop - first === L) for (let y = 0; y < L; y++) out[at + y]! += weights[first + y]!;
        else for (let p = first; p < stop; p++) out[at + labels[p]!]! += weights[p]!;
      }
    }
  }
  return out;
}

/** Allowed labels per line (1 = allowed); null allows everything. */
export type LabelMask = (Uint8Array | null)[];

/** A line's mask that allows exactly `labels`. */
export function allowOnly(labels: Iterable<number>): Uint8Array {
  const mask = new Uint8Array(LABEL_COUNT);
  for (const y of labels) mask[y] = 1;
  return mask;
}

/**
 * Best label sequence (Viterbi). `pageStart` false decodes a window inside a page: its first line
 * is scored without the page-start transitions.
 */
export function viterbi(em: Emissions, transitions: Float64Array, mask?: LabelMask, pageStart = true): number[] {
  const L = LABEL_COUNT;
  const n = em.length / L;
  if (n === 0) return [];
  const back = new Int16Array(n * L);
  let prev = new Float64Array(L);
  let cur = new Float64Array(L);
  for (let y = 0; y < L; y++) prev[y] = allowed(mask, 0, y) ? (pageStart ? transitions[L * L + y]! : 0) + em[y]! : -Infinity;
  for (let i = 1; i < n; i++) {
    const m = mask?.[i];
    for (let y = 0; y < L; y++) {
      if (m && m[y] !== 1) {
        cur[y] = -Infinity;
        continue;
      }
      let best = -Infinity;
      let arg = 0;
      for (let x = 0; x < L; x++) {
        const s = prev[x]! + transitions[x * L + y]!;
        if (s > best) {
          best = s;
          arg = x;
        }
      }
      cur[y] = best + em[i * L + y]!;
      back[i * L + y] = arg;
    }
    [prev, cur] = [cur, prev];
  }
  let y = 0;
  for (let k = 1; k < L; k++) if (prev[k]! > prev[y]!) y = k;
  const path = new Array<number>(n);
  path[n - 1] = y;
  for (let i = n - 1; i > 0; i--) path[i - 1] = y = back[i * L + y]!;
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
export function maxMarginals(em: Emissions, transitions: Float64Array, mask?: LabelMask): Float64Array {
  const L = LABEL_COUNT;
  const n = em.length / L;
  const fwd = new Float64Array(n * L);
  const bwd = new Float64Array(n * L);
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < L; y++) {
      if (!allowed(mask, i, y)) {
        fwd[i * L + y] = -Infinity;
        continue;
      }
      let best: number;
      if (i === 0) best = transitions[L * L + y]!;
      else {
        best = -Infinity;
        for (let x = 0; x < L; x++) best = Math.max(best, fwd[(i - 1) * L + x]! + transitions[x * L + y]!);
      }
      fwd[i * L + y] = best + em[i * L + y]!;
    }
  }
  for (let i = n - 2; i >= 0; i--) {
    for (let x = 0; x < L; x++) {
      let best = -Infinity;
      for (let y = 0; y < L; y++) best = Math.max(best, transitions[x * L + y]! + em[(i + 1) * L + y]! + bwd[(i + 1) * L + y]!);
      bwd[i * L + x] = best;
    }
  }
  for (let k = 0; k < n * L; k++) fwd[k]! += bwd[k]!;
  return fwd;
}

/**
 * Viterbi's best path and the max-marginals in one forward and one backward pass: the forward
 * scores are the ones Viterbi keeps (same sums, same first-best tie-breaking), so the path comes
 * from them and a third pass is saved. Equal to viterbi() and maxMarginals() with the same mask.
 */
export function decodeWithMarginals(em: Emissions, transitions: Float64Array, mask?: LabelMask): { path: number[]; marginals: Float64Array } {
  const L = LABEL_COUNT;
  const n = em.length / L;
  if (n === 0) return { path: [], marginals: new Float64Array(0) };
  const fwd = new Float64Array(n * L);
  const back = new Int16Array(n * L);
  const first = mask?.[0];
  for (let y = 0; y < L; y++) fwd[y] = first && first[y] !== 1 ? -Infinity : transitions[L * L + y]! + em[y]!;
  for (let i = 1; i < n; i++) {
    const m = mask?.[i];
    const at = i * L;
    const prev = at - L;
    for (let y = 0; y < L; y++) {
      if (m && m[y] !== 1) {
        fwd[at + y] = -Infinity;
        continue;
      }
      let best = -Infinity;
      let arg = 0;
      for (let x = 0; x < L; x++) {
        const s = fwd[prev + x]! + transitions[x * L + y]!;
        if (s > best) {
          best = s;
          arg = x;
        }
      }
      fwd[at + y] = best + em[at + y]!;
      back[at + y] = arg;
    }
  }
  const lastRow = (n - 1) * L;
  let y = 0;
  for (let k = 1; k < L; k++) if (fwd[lastRow + k]! > fwd[lastRow + y]!) y = k;
  const path = new Array<number>(n);
  path[n - 1] = y;
  for (let i = n - 1; i > 0; i--) path[i - 1] = y = back[i * L + y]!;
  const bwd = new Float64Array(n * L);
  for (let i = n - 2; i >= 0; i--) {
    const next = (i + 1) * L;
    for (let x = 0; x < L; x++) {
      let best = -Infinity;
      for (let z = 0; z < L; z++) {
        const s = transitions[x * L + z]! + em[next + z]! + bwd[next + z]!;
        if (s > best) best = s;
      }
      bwd[i * L + x] = best;
    }
  }
  for (let k = 0; k < n * L; k++) fwd[k]! += bwd[k]!;
  return { path, marginals: fwd };
}
