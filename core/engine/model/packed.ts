// The weights laid out for scoring (and for the weight file): feature name → number, (feature,
// offset) → row number, and each row as its non-zero (label, weight) pairs in three flat arrays.
// Most rows are character n-grams with two or three non-zero labels of 32, so a page adds a tenth
// of the numbers a dense layout would, and loading needs no per-row object.
import { LABEL_COUNT } from './labels-space.ts';
import type { LineRoleModel } from './weights.ts';

/** Offsets of the lines whose features score a line (see weights.ts). */
export const OFFSETS = [-2, -1, 0, 1, 2] as const;
const W = OFFSETS.length;

/** Names remembered by FeatureIndex.get before it starts afresh. */
const MEMO_LIMIT = 200_000;

/**
 * Feature name → feature number over the names as one "\n"-joined string: an open-addressing hash
 * table of numbers, no string object per name. Loading 80,000 names into a Map costs ~100 ms (every
 * name hashed and stored as its own string); this costs a few milliseconds.
 */
export class FeatureIndex {
  /** Where each name starts in `text` (count + 1 entries: the last is text.length + 1). */
  private readonly starts: Int32Array;
  /** Slot → feature number + 1 (0 = empty). */
  private readonly slots: Int32Array;
  private readonly mask: number;
  readonly count: number;
  /** FNV-1a of every name, folded in order: the weight file's checksum covers the names through it. */
  readonly digest: number;
  /** @throws Error naming the first name found twice */
  constructor(private readonly text: string, count: number) {
    this.count = count;
    const starts = new Int32Array(count + 1);
    let k = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) if (++k < count) starts[k] = at + 1;
    const found = count === 0 && text === '' ? 0 : k + 1;
    if (found !== count) throw new Error(`${found} names where ${count} were expected`);
    starts[count] = text.length + 1;
    this.starts = starts;
    let size = 1;
    while (size < count * 2) size <<= 1;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    let digest = 0x811c9dc5;
    for (let fid = 0; fid < count; fid++) {
      const from = starts[fid]!;
      const to = starts[fid + 1]! - 1;
      let h = 0x811c9dc5;
      for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
      digest = Math.imul(digest ^ h, 0x01000193);
      let slot = h & this.mask;
      while (this.slots[slot] !== 0) {
        if (this.equals(this.slots[slot]! - 1, text, from, to)) throw new Error(`feature "${text.slice(from, to)}" is listed twice`);
        slot = (slot + 1) & this.mask;
      }
      this.slots[slot] = fid + 1;
    }
    this.digest = digest >>> 0;
  }

  static of(names: readonly string[]): FeatureIndex {
    if (names.some((n) => n.includes('\n'))) throw new Error('a feature name holds a line break');
    return new FeatureIndex(names.join('\n'), names.length);
  }

  /**
   * The feature number of a name, or -1, remembered per name: a page's feature names are mostly
   * the same few thousand strings, and the engine's string hash (kept in the string) is cheaper
   * than hashing here. At most MEMO_LIMIT names are remembered (text pages bring new n-grams).
   */
  get(name: string): number {
    let fid = this.memo.get(name);
    if (fid === undefined) {
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(name, (fid = this.find(name)));
    }
    return fid;
  }

  private readonly memo = new Map<string, number>();

  /** The feature number of a name, or -1 (the hash table itself). */
  find(name: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
    let slot = h & this.mask;
    for (;;) {
      const v = this.slots[slot]!;
      if (v === 0) return -1;
      if (this.equals(v - 1, name, 0, name.length)) return v - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  name(fid: number): string {
    return this.text.slice(this.starts[fid]!, this.starts[fid + 1]! - 1);
  }

  /** The names joined by "\n", in feature-number order. */
  get joined(): string {
    return this.text;
  }

  private equals(fid: number, s: string, from: number, to: number): boolean {
    const start = this.starts[fid]!;
    if (this.starts[fid + 1]! - 1 - start !== to - from) return false;
    for (let i = 0; i < to - from; i++) if (this.text.charCodeAt(start + i) !== s.charCodeAt(from + i)) return false;
    return true;
  }
}

export interface PackedWeights {
  features: FeatureIndex;
  /** names.length × OFFSETS.length: the row of (feature, offset slot), or -1. */
  table: Int32Array;
  /** Row r's pairs are labels/weights[rowStart[r] … rowStart[r + 1]). */
  rowStart: Int32Array;
  labels: Uint8Array;
  /** As the scorer reads them (float32, as every release has scored). */
  weights: Float32Array;
  /** The same weights at full precision, for training on top and for writing the file. */
  exact: Float64Array;
}

/** Packed weights per model object: set when a weight file is loaded, else packed on first decode. */
const packedModels = new WeakMap<LineRoleModel, PackedWeights>();

export function registerPacked(model: LineRoleModel, packed: PackedWeights): void {
  packedModels.set(model, packed);
}

export function packedWeights(model: LineRoleModel): PackedWeights {
  let packed = packedModels.get(model);
  if (!packed) packedModels.set(model, (packed = packRows(model.rows)));
  return packed;
}

/** Splits a row key "d|feature" into its offset slot (0…4) and feature name. */
export function splitKey(key: string): { slot: number; name: string } {
  const bar = key.indexOf('|');
  return { slot: Number(key.slice(0, bar)) + 2, name: key.slice(bar + 1) };
}

/**
 * Packs weight rows keyed "d|feature". Zeros are left out (adding zero changes no score).
 * `sortNames` orders features by name (for a deterministic file); decoding needs no order.
 */
export function packRows(rows: ReadonlyMap<string, ArrayLike<number>>, sortNames = false): PackedWeights {
  const byFeature = new Map<string, (ArrayLike<number> | undefined)[]>();
  for (const [key, row] of rows) {
    const { slot, name } = splitKey(key);
    let slots = byFeature.get(name);
    if (!slots) byFeature.set(name, (slots = new Array<ArrayLike<number> | undefined>(W)));
    slots[slot] = row;
  }
  const names = [...byFeature.keys()];
  if (sortNames) names.sort();
  const table = new Int32Array(names.length * W).fill(-1);
  const rowStart: number[] = [0];
  const labels: number[] = [];
  const exact: number[] = [];
  names.forEach((name, fid) => {
    const slots = byFeature.get(name)!;
    for (let slot = 0; slot < W; slot++) {
      const row = slots[slot];
      if (!row) continue;
      table[fid * W + slot] = rowStart.length - 1;
      for (let y = 0; y < LABEL_COUNT; y++) {
        if (row[y] !== 0) {
          labels.push(y);
          exact.push(row[y]!);
        }
      }
      rowStart.push(labels.length);
    }
  });
  return {
    features: FeatureIndex.of(names),
    table,
    rowStart: Int32Array.from(rowStart),
    labels: Uint8Array.from(labels),
    weights: Float32Array.from(exact),
    exact: Float64Array.from(exact),
  };
}

/** The rows as a map keyed "d|feature" (training and profiles read them this way). */
export function unpackRows(packed: PackedWeights): Map<string, Float64Array> {
  const rows = new Map<string, Float64Array>();
  for (let fid = 0; fid < packed.features.count; fid++) {
    const name = packed.features.name(fid);
    for (let slot = 0; slot < W; slot++) {
      const r = packed.table[fid * W + slot]!;
      if (r < 0) continue;
      const row = new Float64Array(LABEL_COUNT);
      for (let k = packed.rowStart[r]!; k < packed.rowStart[r + 1]!; k++) row[packed.labels[k]!] = packed.exact[k]!;
      rows.set(`${slot - 2}|${name}`, row);
    }
  }
  return rows;
}
