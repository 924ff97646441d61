// The weight file `galley.line-roles/1`: what is stored, how it is read back and checked.
// Written deterministically (sorted keys, fixed rounding) so one seed gives byte-identical files.
import { z } from 'zod';
import { LINE_ROLES } from './line-roles.ts';
import { LABEL_COUNT, labelName } from './labels-space.ts';
import { FEATURE_SET } from './features.ts';
import type { LineRoleModel } from './weights.ts';

export const MODEL_SCHEMA = 'galley.line-roles/1' as const;

/** FNV-1a over the feature templates and the label space: weights are only valid for the same pair. */
export function hashString(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
export const FEATURE_SET_HASH = hashString(`${FEATURE_SET}#${LINE_ROLES.join(',')}`);

export const LABEL_NAMES = Array.from({ length: LABEL_COUNT }, (_, y) => labelName(y));

const sparseRow = z.array(z.number()).refine((a) => a.length % 2 === 0, 'must hold label/weight pairs');

export const modelFileSchema = z.strictObject({
  schema: z.literal(MODEL_SCHEMA),
  version: z.string().min(1),
  seed: z.number().int(),
  epochs: z.number().int().nonnegative(),
  trainedOn: z.string(),
  featureSetHash: z.string().min(1),
  confidenceScale: z.number().positive(),
  labels: z.array(z.string()),
  transitions: z.array(z.number()).length((LABEL_COUNT + 1) * LABEL_COUNT),
  rows: z.record(z.string(), sparseRow),
});
export type ModelFile = z.infer<typeof modelFileSchema>;

/**
 * The header checked by zod; the tens of thousands of weight rows are checked by a plain loop
 * (zod over the whole record costs seconds at start-up).
 */
const headerSchema = modelFileSchema.extend({
  rows: z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'must be an object of weight rows'),
});

function checkRows(rows: Record<string, unknown>): Record<string, number[]> {
  for (const [key, pairs] of Object.entries(rows)) {
    if (!Array.isArray(pairs) || pairs.length % 2 !== 0 || !pairs.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new ModelFileError(`not a ${MODEL_SCHEMA} weight file: rows.${key}: must hold label/weight pairs of numbers`);
    }
  }
  return rows as Record<string, number[]>;
}

export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

/** Weights are kept to two decimals: finer steps change no decision (scores run to hundreds). */
export const roundWeight = (w: number): number => Math.round(w * 100) / 100;

/** A sparse row: [label, weight, label, weight, …] for the weights that survive rounding. */
export function toSparse(row: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let y = 0; y < row.length; y++) {
    const w = roundWeight(row[y]!);
    if (w !== 0) out.push(y, w);
  }
  return out;
}

export function fromSparse(pairs: readonly number[], into = new Float64Array(LABEL_COUNT)): Float64Array {
  for (let k = 0; k + 1 < pairs.length; k += 2) {
    const y = pairs[k]!;
    if (!Number.isInteger(y) || y < 0 || y >= LABEL_COUNT) throw new ModelFileError(`weight row names label ${y}, outside 0…${LABEL_COUNT - 1}`);
    into[y]! += pairs[k + 1]!;
  }
  return into;
}

/** Reads and checks a weight file's JSON. */
export function loadModel(json: unknown): LineRoleModel {
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) {
    throw new ModelFileError(`not a ${MODEL_SCHEMA} weight file: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const f = { ...parsed.data, rows: checkRows(parsed.data.rows) };
  if (f.featureSetHash !== FEATURE_SET_HASH || f.labels.join(',') !== LABEL_NAMES.join(',')) {
    throw new ModelFileError(`weights ${f.version} were trained for feature set ${f.featureSetHash}; this engine reads ${FEATURE_SET_HASH}: retrain with galley train`);
  }
  const rows = new Map<string, Float64Array>();
  for (const [key, pairs] of Object.entries(f.rows)) rows.set(key, fromSparse(pairs));
  return {
    version: f.version,
    seed: f.seed,
    epochs: f.epochs,
    trainedOn: f.trainedOn,
    featureSetHash: f.featureSetHash,
    confidenceScale: f.confidenceScale,
    transitions: Float64Array.from(f.transitions),
    rows,
  };
}

/** The model as a weight file object; `JSON.stringify` of it is deterministic. */
export function serializeModel(model: LineRoleModel): ModelFile {
  const rows: Record<string, number[]> = {};
  for (const key of [...model.rows.keys()].sort()) {
    const sparse = toSparse(model.rows.get(key)!);
    if (sparse.length) rows[key] = sparse;
  }
  return {
    schema: MODEL_SCHEMA,
    version: model.version,
    seed: model.seed,
    epochs: model.epochs,
    trainedOn: model.trainedOn,
    featureSetHash: model.featureSetHash,
    confidenceScale: roundWeight(model.confidenceScale),
    labels: LABEL_NAMES,
    transitions: [...model.transitions].map(roundWeight),
    rows,
  };
}
