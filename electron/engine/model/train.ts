// Training: an averaged structured perceptron over whole pages (Collins 2002), decoding with
// Viterbi. Deterministic for a seed: pages are sorted by id, then shuffled each epoch with a
// seeded generator, and weights are written with fixed rounding.
import type { RulePack } from '../rules/rule-pack.ts';
import { zhDailyRules } from '../rules/zh-daily.ts';
import type { LabelledPage, LineRole } from './line-roles.ts';
import { LABEL_COUNT, labelOf } from './labels-space.ts';
import { pageInput } from './page-input.ts';
import { emissions, viterbi, type LineRoleModel } from './weights.ts';
import { FEATURE_SET_HASH } from './model-file.ts';
import { calibrateScale } from './confidence.ts';

export interface TrainOptions {
  seed?: number;
  epochs?: number;
  /** Version recorded in the weights ("v2"); defaults to "dev". */
  version?: string;
  /** Free text recorded in the weights: what the pages were. */
  trainedOn?: string;
  pack?: RulePack;
}

export interface PreparedPage {
  id: string;
  keys: string[][];
  gold: number[];
}

/** The page's gold label per text line (role and whether an item starts there). */
export function prepareLabelled(page: LabelledPage, pack: RulePack = zhDailyRules): PreparedPage {
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
  return { id: page.id, keys: input.keys, gold };
}

/** mulberry32: small, seedable, the same on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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

const emptyModel = (o: Required<Omit<TrainOptions, 'pack'>>): LineRoleModel => ({
  version: o.version,
  seed: o.seed,
  epochs: o.epochs,
  trainedOn: o.trainedOn,
  featureSetHash: FEATURE_SET_HASH,
  confidenceScale: 1,
  transitions: new Float64Array((LABEL_COUNT + 1) * LABEL_COUNT),
  rows: new Map(),
});

/** Trains weights from labelled pages (from scratch, or on top of `base` for online learning). */
export function trainPrepared(pages: PreparedPage[], options: TrainOptions = {}, base?: LineRoleModel): LineRoleModel {
  const o = { seed: options.seed ?? 1, epochs: options.epochs ?? 8, version: options.version ?? base?.version ?? 'dev', trainedOn: options.trainedOn ?? base?.trainedOn ?? '' };
  const start = base ?? emptyModel(o);
  const L = LABEL_COUNT;
  // Current weights, and the running sums for averaging (Daumé's trick: avg = w − u / c).
  const w = new Map<string, Float64Array>();
  for (const [k, row] of start.rows) w.set(k, Float64Array.from(row));
  const u = new Map<string, Float64Array>();
  const t = Float64Array.from(start.transitions);
  const tu = new Float64Array(t.length);
  const random = seededRandom(o.seed);
  const sorted = [...pages].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let c = 1;
  const bump = (key: string, y: number, by: number): void => {
    let row = w.get(key);
    if (!row) w.set(key, (row = new Float64Array(L)));
    let acc = u.get(key);
    if (!acc) u.set(key, (acc = new Float64Array(L)));
    row[y]! += by;
    acc[y]! += by * c;
  };
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const page of shuffle(sorted, random)) {
      const predicted = viterbi(emissions(w, page.keys), t);
      page.gold.forEach((g, i) => {
        const p = predicted[i]!;
        if (p !== g) {
          for (const key of page.keys[i]!) {
            bump(key, g, 1);
            bump(key, p, -1);
          }
        }
        const gPrev = i === 0 ? L : page.gold[i - 1]!;
        const pPrev = i === 0 ? L : predicted[i - 1]!;
        if (gPrev !== pPrev || g !== p) {
          t[gPrev * L + g]! += 1;
          tu[gPrev * L + g]! += c;
          t[pPrev * L + p]! -= 1;
          tu[pPrev * L + p]! -= c;
        }
      });
      c++;
    }
  }
  const rows = new Map<string, Float64Array>();
  for (const [k, row] of w) {
    const acc = u.get(k);
    rows.set(k, acc ? row.map((v, y) => v - acc[y]! / c) : row);
  }
  const model: LineRoleModel = {
    ...start,
    version: o.version,
    seed: o.seed,
    epochs: o.epochs,
    trainedOn: o.trainedOn,
    featureSetHash: FEATURE_SET_HASH,
    transitions: t.map((v, k) => v - tu[k]! / c),
    rows,
  };
  model.confidenceScale = calibrateScale(model, pages);
  return model;
}

export function trainModel(pages: LabelledPage[], options: TrainOptions = {}): LineRoleModel {
  const pack = options.pack ?? zhDailyRules;
  return trainPrepared(pages.map((p) => prepareLabelled(p, pack)), options);
}
