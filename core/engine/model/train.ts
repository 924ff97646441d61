// Training: an averaged structured perceptron over whole pages (Collins 2002), decoding with
// Viterbi. Deterministic for a seed: pages are sorted by id, then shuffled each epoch with a
// seeded generator, and weights are written with fixed rounding.
//
// Pages are turned into feature numbers once (a dictionary shared by all pages), and weights live
// in two flat arrays (current and running sum for averaging), one row of LABEL_COUNT per
// (feature, offset) that was ever updated: thousands of pages fit in memory and train in seconds.
import type { RulePack } from '../rules/rule-pack.ts';
import { zhDailyRules } from '../rules/zh-daily.ts';
import type { LabelledPage, LineRole } from './line-roles.ts';
import { LABEL_COUNT, isStart, labelOf, roleOf } from './labels-space.ts';
import { pageInput } from './page-input.ts';
import { allowOnly, maxMarginals, OFFSETS, viterbi, type LabelMask, type LineRoleModel } from './weights.ts';
import { roundWeight } from './model-file.ts';
import { BASE_FEATURES, featureSetOf, type FeatureSet } from './feature-sets.ts';
import { boundaryMargin, calibrationScale } from './confidence.ts';
import { seededRandom } from '../seeded-random.ts';

/**
 * Passes over the pages when none are asked for. Ten measured better than six on the dev split
 * (days 25–31 of 2019-10, trained on days 1–24: boundary F1 0.934 → 0.936, overall 0.887 → 0.889).
 */
export const DEFAULT_EPOCHS = 10;

export interface TrainOptions {
  seed?: number;
  epochs?: number;
  /** Version recorded in the weights ("v2"); defaults to "dev". */
  version?: string;
  /** Free text recorded in the weights: what the pages were. */
  trainedOn?: string;
  pack?: RulePack;
  /** The features to train on (default: the base set, or `base`'s set when training on top of a model). */
  featureSet?: FeatureSet;
}

/** Feature strings → numbers, shared by the pages of one training run. */
export class FeatureDictionary {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  intern(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      this.ids.set(name, (id = this.names.length));
      this.names.push(name);
    }
    return id;
  }
}

export interface PreparedPage {
  id: string;
  /** Per line: its own features' numbers; the first shapeCounts[i] of them are its shape features. */
  fids: Int32Array[];
  shapeCounts: Uint16Array;
  /** The label trained towards per line: the page's own, or the model's best pick among `latent`'s. */
  gold: number[];
  /** Per line, the labels the annotation allows (annotated pages; see LATENT_ROLES); null: gold only. */
  latent: LabelMask | null;
}

/**
 * Roles an annotation does not tell apart: the gold format and an editor's corrected items record
 * title lines, contributors and paragraphs, not whether a title line above the headline is a kicker
 * or a series banner, a contributor line a byline or a closing credit, a short line that opens a
 * paragraph a crosshead. The labeller (labels.ts) guesses; the page builder, which wrote most pages
 * the base model learned from, knows. When a profile learns (learnProfile), the target on such a line
 * is the model's own best reading among these (a latent-variable perceptron): the profile then fixes
 * what the editor corrected instead of retraining the base model's conventions to the labeller's
 * guesses. Measured with a base model that knows the paper (trained on 人民日报 2019-10, profiles
 * learned on 2020-02 pages), where every update is a risk: the profile's cost at k = 7 fell from
 * −0.061 to −0.025 overall. With a base that does not know the paper the two score alike.
 */
export const LATENT_ROLES: Readonly<Partial<Record<LineRole, readonly LineRole[]>>> = {
  kicker: ['kicker', 'series'],
  series: ['series', 'kicker', 'subheadline'],
  subheadline: ['subheadline', 'series'],
  byline: ['byline', 'credit'],
  credit: ['credit', 'byline'],
  crosshead: ['crosshead', 'body-start'],
  'body-start': ['body-start', 'crosshead'],
};

function latentMask(gold: readonly number[]): LabelMask {
  return gold.map((label) => {
    const alternatives = LATENT_ROLES[roleOf(label)];
    return allowOnly(alternatives ? alternatives.map((role) => labelOf(role, isStart(label))) : [label]);
  });
}

/** The feature of a neighbour slot past the page's first or last line. */
export const EDGE = 'edge';

/**
 * The page's gold label per text line (role and whether an item starts there). `latent`: the roles
 * were read from an annotation, which does not tell every role apart (LATENT_ROLES).
 */
export function prepareLabelled(page: LabelledPage, dict: FeatureDictionary, pack: RulePack = zhDailyRules, featureSet: FeatureSet = BASE_FEATURES, latent = false): PreparedPage {
  const input = pageInput(page.text, pack);
  const lines = input.layout.lines;
  const startIndexes = [...page.itemStarts].sort((a, b) => a - b);
  // An item start on a line the engine does not label (blank, a lone "■") moves to the next text line.
  const starts = new Set<number>();
  let j = 0;
  for (const s of startIndexes) {
    while (j < lines.length && lines[j]!.index < s) j++;
    if (j < lines.length) starts.add(j);
  }
  if (lines.length) starts.add(0);
  const gold = lines.map((l, i) => labelOf((page.roles[l.index] ?? 'other') as LineRole, starts.has(i)));
  const features = input.featuresOf(featureSet);
  return {
    id: page.id,
    fids: features.map((f) => Int32Array.from(f.own, (name) => dict.intern(name))),
    shapeCounts: Uint16Array.from(features, (f) => f.shape.length),
    gold,
    latent: latent ? latentMask(gold) : null,
  };
}


function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const W = OFFSETS.length;
const L = LABEL_COUNT;
/**
 * Averaged weights below this size are dropped. A page's scores run to hundreds (see the
 * confidence scale), so this changes no decision measurably and halves the weight file.
 */
const PRUNE_BELOW = 0.75;
/** Lines per training window. */
const WINDOW = 24;

/** Weight rows addressed by (feature number, offset slot), allocated on first use. */
class RowStore {
  private table: Int32Array;
  cur = new Float64Array(4096 * L);
  sum = new Float64Array(4096 * L);
  /** (feature × W + slot) of each row, in allocation order. */
  readonly slots: number[] = [];
  constructor(features: number) {
    this.table = new Int32Array(Math.max(1, features) * W).fill(-1);
  }
  row(fid: number, slot: number, create: boolean): number {
    const at = fid * W + slot;
    if (at >= this.table.length) {
      if (!create) return -1;
      const t = new Int32Array(Math.max(at + 1, this.table.length * 2)).fill(-1);
      t.set(this.table);
      this.table = t;
    }
    let r = this.table[at]!;
    if (r < 0 && create) {
      r = this.slots.length;
      this.slots.push(at);
      this.table[at] = r;
      if ((r + 1) * L > this.cur.length) {
        const grow = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
          const b = new Float64Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.cur = grow(this.cur);
        this.sum = grow(this.sum);
      }
    }
    return r;
  }
}

/** Calls fn(feature, slot) for every weight row that scores line i. */
function forEachRow(page: PreparedPage, i: number, edge: number, fn: (fid: number, slot: number) => void): void {
  const n = page.fids.length;
  for (let slot = 0; slot < W; slot++) {
    const j = i + slot - 2;
    if (j < 0 || j >= n) {
      if (slot === 1 || slot === 3) fn(edge, slot);
      continue;
    }
    const list = page.fids[j]!;
    const count = slot === 2 ? list.length : page.shapeCounts[j]!;
    for (let k = 0; k < count; k++) fn(list[k]!, slot);
  }
}

function scorePage(page: PreparedPage, store: RowStore, weights: Float64Array, edge: number, from = 0, to = page.fids.length): Float64Array {
  const e = new Float64Array((to - from) * L);
  for (let i = from; i < to; i++) {
    const at = (i - from) * L;
    forEachRow(page, i, edge, (fid, slot) => {
      const r = store.row(fid, slot, false);
      if (r < 0) return;
      const o = r * L;
      for (let y = 0; y < L; y++) e[at + y]! += weights[o + y]!;
    });
  }
  return e;
}

const emptyModel = (o: { seed: number; epochs: number; version: string; trainedOn: string }, featureSet: FeatureSet): LineRoleModel => ({
  ...o,
  featureSetHash: featureSet.hash,
  confidenceScale: 1,
  transitions: new Float64Array((LABEL_COUNT + 1) * LABEL_COUNT),
  rows: new Map(),
});

/** Trains weights from prepared pages (from scratch, or on top of `base` for online learning). */
export function trainPrepared(pages: PreparedPage[], dict: FeatureDictionary, options: TrainOptions = {}, base?: LineRoleModel): LineRoleModel {
  const o = { seed: options.seed ?? 1, epochs: options.epochs ?? DEFAULT_EPOCHS, version: options.version ?? base?.version ?? 'dev', trainedOn: options.trainedOn ?? base?.trainedOn ?? '' };
  const featureSet = options.featureSet ?? (base ? featureSetOf(base) : BASE_FEATURES);
  if (base && featureSet.hash !== base.featureSetHash) throw new Error(`cannot train ${featureSet.name} features on top of weights of another feature set`);
  const start = base ?? emptyModel(o, featureSet);
  const edge = dict.intern(EDGE);
  const store = new RowStore(dict.names.length);
  for (const key of [...start.rows.keys()].sort()) {
    const bar = key.indexOf('|');
    const r = store.row(dict.intern(key.slice(bar + 1)), Number(key.slice(0, bar)) + 2, true);
    store.cur.set(start.rows.get(key)!, r * L);
  }
  const t = Float64Array.from(start.transitions);
  const tu = new Float64Array(t.length);
  const random = seededRandom(o.seed);
  const sorted = [...pages].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // c counts the pages seen; averaged weights = current − running sum / c (Daumé's trick).
  let c = 1;
  // Each page is learned window by window (WINDOW lines, decoded with the page's features around
  // them): one update per window converges far faster than one per page of hundreds of lines, and
  // online learning from one corrected page then moves the weights in small steps.
  const windows = sorted.flatMap((page) => {
    const out: { page: PreparedPage; from: number; to: number }[] = [];
    for (let from = 0; from < page.gold.length; from += WINDOW) out.push({ page, from, to: Math.min(page.gold.length, from + WINDOW) });
    return out;
  });
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const { page, from, to } of shuffle(windows, random)) {
      const em = scorePage(page, store, store.cur, edge, from, to);
      const predicted = viterbi(em, t, undefined, from === 0);
      if (page.latent) {
        // The target is the best reading the annotation allows under the current weights.
        const target = viterbi(em, t, page.latent.slice(from, to), from === 0);
        for (let i = from; i < to; i++) page.gold[i] = target[i - from]!;
      }
      for (let i = from; i < to; i++) {
        const g = page.gold[i]!;
        const p = predicted[i - from]!;
        if (p !== g) {
          forEachRow(page, i, edge, (fid, slot) => {
            const r = store.row(fid, slot, true) * L;
            store.cur[r + g]! += 1;
            store.sum[r + g]! += c;
            store.cur[r + p]! -= 1;
            store.sum[r + p]! -= c;
          });
        }
        // The window's first line follows the line above it (or opens the page).
        const gPrev = i === 0 ? L : page.gold[i - 1]!;
        const pPrev = i === 0 ? L : i === from ? gPrev : predicted[i - from - 1]!;
        if (gPrev !== pPrev || g !== p) {
          t[gPrev * L + g]! += 1;
          tu[gPrev * L + g]! += c;
          t[pPrev * L + p]! -= 1;
          tu[pPrev * L + p]! -= c;
        }
      }
      c++;
    }
  }
  const averaged = new Float64Array(store.slots.length * L);
  for (let k = 0; k < averaged.length; k++) averaged[k] = store.cur[k]! - store.sum[k]! / c;
  const transitions = t.map((v, k) => v - tu[k]! / c);
  // Weights too small to matter are dropped (the weight file stays small; see PRUNE_BELOW).
  const rows = new Map<string, Float64Array>();
  store.slots.forEach((at, r) => {
    const row = settleRow(averaged.slice(r * L, (r + 1) * L));
    if (row) rows.set(`${(at % W) - 2}|${dict.names[Math.floor(at / W)]!}`, row);
  });
  // Calibrate confidence on the boundary margins the averaged weights give on the training pages.
  const margins: number[] = [];
  for (const page of sorted.slice(0, CALIBRATION_PAGES)) {
    const em = scorePage(page, store, averaged, edge);
    const path = viterbi(em, transitions);
    const mm = maxMarginals(em, transitions);
    path.forEach((y, i) => {
      if (i > 0 && isStart(y)) margins.push(boundaryMargin(mm, path, i));
    });
  }
  return {
    ...start,
    version: o.version,
    seed: o.seed,
    epochs: o.epochs,
    trainedOn: o.trainedOn,
    featureSetHash: featureSet.hash,
    transitions,
    rows,
    confidenceScale: calibrationScale(margins),
  };
}

/** A trained row as the model keeps it: small weights dropped, the rest rounded; null when nothing is left. */
export function settleRow(row: Float64Array): Float64Array | null {
  const out = row.map((v) => (Math.abs(v) < PRUNE_BELOW ? 0 : roundWeight(v)));
  return out.some((v) => v !== 0) ? out : null;
}

/** Pages read for calibrating confidence (more add little and cost training time). */
const CALIBRATION_PAGES = 200;

export function trainModel(pages: LabelledPage[], options: TrainOptions = {}): LineRoleModel {
  const dict = new FeatureDictionary();
  const pack = options.pack ?? zhDailyRules;
  return trainPrepared(pages.map((p) => prepareLabelled(p, dict, pack, options.featureSet)), dict, options);
}
