// The weights as the decoder reads them: feature names are never built. Each feature's parts
// (features.ts, FeatureSink) are folded into two 32-bit hashes of its name as they are made, and
// the pair finds the feature's weight rows in an open-addressing table made from the weight file.
//
// Exact for every trained feature: the table is built from the names themselves, two trained
// names whose hash pairs agree are found at pack time and the table is built again with the next
// seed (never seen with seed 0: 81,104 names, 64 bits). A name that was not trained is taken for a
// trained one only if both of its 32-bit hashes equal that name's (each feature keeps both), about
// 81,104 / 2^64 per unseen name. Scores are the same sums in the same
// order as the string path (weights.ts pageEmissions, kept for training and the tests).
import { LABEL_COUNT } from './labels-space.ts';
import { emitPageFeatures, TEMPLATE_TEXT, type FeatureOptions, type FeatureSink, type PageView } from './features.ts';
import { OFFSETS, packedWeights, type PackedWeights } from './packed.ts';
import type { Emissions, LineRoleModel } from './weights.ts';

const W = OFFSETS.length;
/** The offset slot of the page-edge rows (offsets −1 and +1). */
const EDGE_BEFORE = 1;
const EDGE_AFTER = 3;
/** Seeds tried before giving up on a collision-free table (a second one has never been needed). */
const MAX_SEED = 64;

export interface HashedWeights {
  /** The seed both hashes start from (see basis1/basis2). */
  seed: number;
  /** Slot → feature number + 1, 0 empty; a power of two long, at most a third full. */
  slots: Int32Array;
  /** Per feature: its two hashes. */
  check1: Int32Array;
  check2: Int32Array;
  /** Per feature: its first weight row, and which offset slots have rows (bit s: OFFSETS[s]). */
  firstRow: Int32Array;
  offsets: Uint8Array;
  rowStart: Int32Array;
  labels: Uint8Array;
  weights: Float32Array;
}

export const basis1 = (seed: number): number => (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b9)) | 0;
export const basis2 = (seed: number): number => (0x6a09e667 ^ Math.imul(seed, 0x85ebca6b)) | 0;
/** FNV-1a, one UTF-16 unit. */
const step1 = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);
/** A multiply-xorshift hash with other constants: independent enough of FNV-1a that both agreeing is chance. */
const step2 = (h: number, c: number): number => {
  const x = Math.imul(h ^ c, 0x5bd1e995);
  return x ^ (x >>> 15);
};
/** The slot of a first hash (FNV-1a's low bits alone cluster on short names). */
const home = (h: number, mask: number): number => {
  const x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (x ^ (x >>> 13)) & mask;
};
/** Bits set below bit s of a 5-bit offset mask: the row of slot s among a feature's rows. */
const BELOW = Uint8Array.from({ length: 32 << 3 }, (_, k) => {
  const mask = k >> 3;
  const s = k & 7;
  let c = 0;
  for (let b = 0; b < s; b++) if (mask & (1 << b)) c++;
  return c;
});
const rowOf = (first: number, mask: number, slot: number): number => first + BELOW[(mask << 3) | slot]!;

export function hashName(s: string, from: number, to: number, seed: number): [number, number] {
  let a = basis1(seed);
  let b = basis2(seed);
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    a = step1(a, c);
    b = step2(b, c);
  }
  return [a, b];
}

/** The feature number of a hash pair, or -1. */
export function findHashed(w: HashedWeights, h1: number, h2: number): number {
  const mask = w.slots.length - 1;
  for (let p = home(h1, mask), probes = 0; probes <= mask; p = (p + 1) & mask, probes++) {
    const v = w.slots[p]!;
    if (v === 0) return -1;
    if (w.check1[v - 1] === h1 && w.check2[v - 1] === h2) return v - 1;
  }
  return -1;
}

/**
 * The hashed table of packed weights. Rows keep their order (each feature's rows are consecutive,
 * offset slots ascending, as packRows and the weight file lay them out).
 * @throws Error when the rows are not laid out that way, or no seed up to MAX_SEED separates every name
 */
export function hashPack(packed: PackedWeights, firstSeed = 0): HashedWeights {
  const count = packed.features.count;
  const firstRow = new Int32Array(count);
  const offsets = new Uint8Array(count);
  let next = 0;
  for (let fid = 0; fid < count; fid++) {
    let mask = 0;
    for (let s = 0; s < W; s++) {
      const r = packed.table[fid * W + s]!;
      if (r < 0) continue;
      if (mask === 0) firstRow[fid] = r;
      if (r !== next) throw new Error(`weight rows are not in feature order (row ${r} where ${next} was expected)`);
      next++;
      mask |= 1 << s;
    }
    offsets[fid] = mask;
  }
  const text = packed.features.joined;
  let size = 1;
  while (size < count * 3) size <<= 1;
  for (let seed = firstSeed; seed < firstSeed + MAX_SEED; seed++) {
    const table = tableFor(text, count, size, seed);
    if (table) return { seed, ...table, firstRow, offsets, rowStart: packed.rowStart, labels: packed.labels, weights: packed.weights };
  }
  throw new Error(`no hash seed from ${firstSeed} to ${firstSeed + MAX_SEED - 1} tells every feature name apart`);
}

/** The slots for one seed, or null when two names share both hashes. */
function tableFor(text: string, count: number, size: number, seed: number): Pick<HashedWeights, 'slots' | 'check1' | 'check2'> | null {
  const slots = new Int32Array(size);
  const check1 = new Int32Array(count);
  const check2 = new Int32Array(count);
  const mask = size - 1;
  let from = 0;
  for (let fid = 0; fid < count; fid++) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const [h1, h2] = hashName(text, from, to, seed);
    from = to + 1;
    check1[fid] = h1;
    check2[fid] = h2;
    let p = home(h1, mask);
    while (slots[p] !== 0) {
      if (check1[slots[p]! - 1] === h1 && check2[slots[p]! - 1] === h2) return null;
      p = (p + 1) & mask;
    }
    slots[p] = fid + 1;
  }
  return { slots, check1, check2 };
}

/** Per model: the first hash state after each template's constant text, and the edge feature. */
interface Prefixes {
  h1: Int32Array;
  h2: Int32Array;
  edge: number;
}
const prefixCache = new WeakMap<HashedWeights, Prefixes>();

function prefixesOf(w: HashedWeights): Prefixes {
  let p = prefixCache.get(w);
  if (!p) {
    const h1 = new Int32Array(TEMPLATE_TEXT.length);
    const h2 = new Int32Array(TEMPLATE_TEXT.length);
    TEMPLATE_TEXT.forEach((t, k) => ([h1[k], h2[k]] = hashName(t, 0, t.length, w.seed)));
    const [e1, e2] = hashName(EDGE, 0, EDGE.length, w.seed);
    prefixCache.set(w, (p = { h1, h2, edge: findHashed(w, e1, e2) }));
  }
  return p;
}

const EDGE = 'edge';

/**
 * Scores features as they are made: a shape feature of line j adds its row for offset d to line
 * j − d (d = −2 … 2), an own feature its offset-0 row to line j. Lines are made in page order, so
 * every line receives its rows in the string path's order: offset −2's features, −1's, its own,
 * +1's, +2's, each line's in feature order (the page edge in its offset's place).
 */
class ScoreSink implements FeatureSink {
  readonly out: Float64Array;
  private j = 0;
  private h1 = 0;
  private h2 = 0;
  private readonly p1: Int32Array;
  private readonly p2: Int32Array;
  private readonly edge: number;
  // The tables as fields (one load each in the hot path, not two through the weights object).
  private readonly slots: Int32Array;
  private readonly check1: Int32Array;
  private readonly check2: Int32Array;
  private readonly mask: number;
  private readonly offsets: Uint8Array;
  private readonly firstRow: Int32Array;
  private readonly rowStart: Int32Array;
  private readonly labels: Uint8Array;
  private readonly weights: Float32Array;

  constructor(
    w: HashedWeights,
    private readonly n: number,
  ) {
    this.out = new Float64Array(n * LABEL_COUNT);
    const p = prefixesOf(w);
    this.p1 = p.h1;
    this.p2 = p.h2;
    this.edge = p.edge;
    this.slots = w.slots;
    this.check1 = w.check1;
    this.check2 = w.check2;
    this.mask = w.slots.length - 1;
    this.offsets = w.offsets;
    this.firstRow = w.firstRow;
    this.rowStart = w.rowStart;
    this.labels = w.labels;
    this.weights = w.weights;
    if (n > 0) this.edgeRow(EDGE_BEFORE, 0);
  }

  /** The page edge after the last line (offset +1 of the last line): its place in that line's order. */
  finish(): Float64Array {
    if (this.n > 0) this.edgeRow(EDGE_AFTER, this.n - 1);
    return this.out;
  }

  line(i: number): void {
    this.j = i;
  }

  start(t: number): void {
    this.h1 = this.p1[t]!;
    this.h2 = this.p2[t]!;
  }

  chars(s: string, from: number, to: number): void {
    let a = this.h1;
    let b = this.h2;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.h1 = a;
    this.h2 = b;
  }

  int(v: number): void {
    if (v >= 0 && v < 10) {
      this.h1 = step1(this.h1, 48 + v);
      this.h2 = step2(this.h2, 48 + v);
      return;
    }
    const s = String(v);
    this.chars(s, 0, s.length);
  }

  end(shape: boolean): void {
    // findHashed, inlined: this runs for every feature of every line. At most every slot is
    // probed (a table always has empty slots; a damaged binary must not loop for ever).
    const h1 = this.h1;
    let fid = -1;
    for (let p = home(h1, this.mask), probes = 0; probes <= this.mask; p = (p + 1) & this.mask, probes++) {
      const v = this.slots[p]!;
      if (v === 0) return;
      if (this.check1[v - 1] === h1 && this.check2[v - 1] === this.h2) {
        fid = v - 1;
        break;
      }
    }
    if (fid < 0) return;
    const mask = this.offsets[fid]!;
    const first = this.firstRow[fid]!;
    if (!shape) {
      if (mask & 4) this.add(rowOf(first, mask, 2), this.j);
      return;
    }
    let r = first;
    for (let s = 0; s < W; s++) {
      if (!(mask & (1 << s))) continue;
      const i = this.j + 2 - s;
      if (i >= 0 && i < this.n) this.add(r, i);
      r++;
    }
  }

  private edgeRow(slot: number, i: number): void {
    if (this.edge < 0) return;
    const mask = this.offsets[this.edge]!;
    if (mask & (1 << slot)) this.add(rowOf(this.firstRow[this.edge]!, mask, slot), i);
  }

  private add(r: number, i: number): void {
    const out = this.out;
    const weights = this.weights;
    const at = i * LABEL_COUNT;
    const first = this.rowStart[r]!;
    const stop = this.rowStart[r + 1]!;
    // A dense row (every label; the always-on shape features) needs no label lookup.
    if (stop - first === LABEL_COUNT) for (let y = 0; y < LABEL_COUNT; y++) out[at + y]! += weights[first + y]!;
    else for (let p = first; p < stop; p++) out[at + this.labels[p]!]! += weights[p]!;
  }
}

/** Emission scores of a page's lines, its features scored as they are made (the decoding path). */
export function hashedEmissions(w: HashedWeights, view: PageView, options?: FeatureOptions): Emissions {
  const sink = new ScoreSink(w, view.lines.length);
  emitPageFeatures(view, sink, options);
  return sink.finish();
}

/** Hashed weights per model object: set when a binary weight file is loaded, else made on first decode. */
const hashedModels = new WeakMap<LineRoleModel, HashedWeights>();

export function registerHashed(model: LineRoleModel, hashed: HashedWeights): void {
  hashedModels.set(model, hashed);
}

export function hashedWeights(model: LineRoleModel): HashedWeights {
  let hashed = hashedModels.get(model);
  if (!hashed) hashedModels.set(model, (hashed = hashPack(packedWeights(model))));
  return hashed;
}
