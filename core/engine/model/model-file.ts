// The weight file: what is stored, how it is read back and checked. Written deterministically
// (sorted feature names, fixed rounding) so one seed gives byte-identical files.
//
// `galley.line-roles/2` (written since v4) is packed: the feature names as one string, and the
// weight rows as base64 arrays (which offsets each feature has, how many labels each row has, the
// labels, the weights in hundredths), with an FNV-1a checksum over all of it. It loads in a few
// milliseconds: zod checks only the small header, the arrays are checked by length, range and
// checksum, and no object is made per row. `galley.line-roles/1` (one JSON row per feature and
// offset; v1–v3) is still read.
import { LABEL_COUNT, labelName } from './labels-space.ts';
import { BASE_FEATURES, featureSetByHash } from './feature-sets.ts';
import type { LineRoleModel, ModelInfo } from './weights.ts';
import { FeatureIndex, OFFSETS, packRows, registerPacked, unpackRows, type PackedWeights } from './packed.ts';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { array, int, literal, number, positive, string, strictObject } from './header-check.ts';

export const MODEL_SCHEMA = 'galley.line-roles/2' as const;
export const LEGACY_MODEL_SCHEMA = 'galley.line-roles/1' as const;

/** The base feature set's hash (v1–v4): weights are only valid for the feature set and label space they name. */
export const FEATURE_SET_HASH = BASE_FEATURES.hash;

export const LABEL_NAMES = Array.from({ length: LABEL_COUNT }, (_, y) => labelName(y));

const W = OFFSETS.length;

const infoShape = {
  version: string(1),
  seed: int(),
  epochs: int(0),
  trainedOn: string(),
  featureSetHash: string(1),
  confidenceScale: positive,
  labels: array(string()),
  transitions: array(number, (LABEL_COUNT + 1) * LABEL_COUNT),
};

interface FileInfo extends ModelInfo {
  labels: string[];
  transitions: number[];
}

export interface ModelFile extends FileInfo {
  schema: typeof MODEL_SCHEMA;
  /** Feature names, one per line, sorted. */
  features: string;
  featureCount: number;
  rowCount: number;
  weightCount: number;
  /** Bytes per weight in `weights` (little-endian signed hundredths). */
  weightBytes: 2 | 4;
  /** Base64, one byte per feature: bit s set when the feature has a row at offset slot s (OFFSETS). */
  slots: string;
  /** Base64, one byte per row (features in order, slots ascending): its number of non-zero labels. */
  counts: string;
  /** Base64, one byte per weight: its label. */
  weightLabels: string;
  weights: string;
  /** FNV-1a (hex) over the feature names and the four decoded arrays (see checksumOf). */
  checksum: string;
}

const count = int(0);
const modelFileShape = {
  schema: literal(MODEL_SCHEMA),
  ...infoShape,
  features: string(),
  featureCount: count,
  rowCount: count,
  weightCount: count,
  weightBytes: literal(2, 4),
  slots: string(),
  counts: string(),
  weightLabels: string(),
  weights: string(),
  checksum: string(),
};

/** The legacy file's header; its tens of thousands of rows are checked by a plain loop. */
const legacyShape = {
  schema: literal(LEGACY_MODEL_SCHEMA),
  ...infoShape,
  rows: (v: unknown, path: string) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? null : `${path}: must be an object of weight rows`),
};

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

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The bytes as 32-bit words (a view where aligned, else a copy) and the 0–3 bytes left over. */
function words(bytes: Uint8Array): { words: Int32Array; tail: Uint8Array } {
  const n = bytes.length >> 2;
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  return { words: new Int32Array(aligned.buffer, aligned.byteOffset, n), tail: aligned.subarray(n * 4) };
}

/**
 * FNV-1a folded over the names' digest (FeatureIndex) and the arrays, a 32-bit word at a time
 * (a byte at a time cost ~15 ms at start-up). Words are read in the machine's order: little-endian on every
 * platform Galley runs on (x86-64, ARM64).
 */
function checksumOf(namesDigest: number, arrays: Uint8Array[]): string {
  let h = Math.imul(0x811c9dc5 ^ namesDigest, 0x01000193);
  for (const a of arrays) {
    const { words: w, tail } = words(a);
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w[i]!, 0x01000193);
    for (let i = 0; i < tail.length; i++) h = Math.imul(h ^ tail[i]!, 0x01000193);
    h = Math.imul(h ^ a.length, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function checkInfo(f: FileInfo): void {
  if (!featureSetByHash(f.featureSetHash) || f.labels.join(',') !== LABEL_NAMES.join(',')) {
    throw new ModelFileError(`weights ${f.version} were trained for feature set ${f.featureSetHash}; this engine reads ${FEATURE_SET_HASH} (and its extensions): retrain with galley train`);
  }
}

/** Reads and checks a weight file's JSON (either schema). */
export function loadModel(json: unknown): LineRoleModel {
  const schema = typeof json === 'object' && json !== null ? (json as { schema?: unknown }).schema : undefined;
  if (schema === LEGACY_MODEL_SCHEMA) return loadLegacy(json);
  const problem = strictObject(json, modelFileShape);
  if (problem) throw new ModelFileError(`not a ${MODEL_SCHEMA} weight file: ${problem}`);
  const f = json as ModelFile;
  checkInfo(f);
  const model = withPacked(infoOf(f), Float64Array.from(f.transitions), unpackFile(f));
  return model;
}

const infoOf = (f: ModelInfo): ModelInfo => ({
  version: f.version,
  seed: f.seed,
  epochs: f.epochs,
  trainedOn: f.trainedOn,
  featureSetHash: f.featureSetHash,
  confidenceScale: f.confidenceScale,
});

/** A model over packed weights: the row map that training and profiles read is made on first use. */
function withPacked(info: ModelInfo, transitions: Float64Array, packed: PackedWeights): LineRoleModel {
  let rows: Map<string, Float64Array> | undefined;
  const model: LineRoleModel = {
    ...info,
    transitions,
    get rows() {
      return (rows ??= unpackRows(packed));
    },
  };
  registerPacked(model, packed);
  return model;
}

function field(f: ModelFile, name: 'slots' | 'counts' | 'weightLabels' | 'weights'): Uint8Array {
  const bytes = decodeBase64(f[name]);
  if (!bytes) throw new ModelFileError(`not a ${MODEL_SCHEMA} weight file: ${name}: not base64`);
  return bytes;
}

/** The packed arrays of a checked header: shapes, ranges and checksum, then the lookup tables. */
function unpackFile(f: ModelFile): PackedWeights {
  const bad = (what: string): ModelFileError => new ModelFileError(`not a ${MODEL_SCHEMA} weight file: ${what}`);
  const [slots, counts, labels, weightBytes] = [field(f, 'slots'), field(f, 'counts'), field(f, 'weightLabels'), field(f, 'weights')];
  let features: FeatureIndex;
  try {
    features = new FeatureIndex(f.features, f.featureCount);
  } catch (e) {
    throw bad(`features: ${(e as Error).message}`);
  }
  if (checksumOf(features.digest, [slots, counts, labels, weightBytes]) !== f.checksum) throw bad('checksum does not match (the file is damaged)');
  if (slots.length !== f.featureCount) throw bad(`slots: ${slots.length} bytes for ${f.featureCount} features`);
  if (counts.length !== f.rowCount) throw bad(`counts: ${counts.length} bytes for ${f.rowCount} rows`);
  if (labels.length !== f.weightCount) throw bad(`weightLabels: ${labels.length} bytes for ${f.weightCount} weights`);
  if (weightBytes.length !== f.weightCount * f.weightBytes) throw bad(`weights: ${weightBytes.length} bytes for ${f.weightCount} weights of ${f.weightBytes} bytes`);
  const table = new Int32Array(f.featureCount * W).fill(-1);
  let r = 0;
  for (let fid = 0; fid < slots.length; fid++) {
    const mask = slots[fid]!;
    if (mask === 0 || mask >= 1 << W) throw bad(`slots: feature ${fid} has offset mask ${mask}`);
    for (let s = 0; s < W; s++) if (mask & (1 << s)) table[fid * W + s] = r++;
  }
  if (r !== f.rowCount) throw bad(`slots: ${r} rows, header says ${f.rowCount}`);
  const rowStart = new Int32Array(f.rowCount + 1);
  for (let k = 0; k < counts.length; k++) {
    if (counts[k]! === 0 || counts[k]! > LABEL_COUNT) throw bad(`counts: row ${k} has ${counts[k]} labels`);
    rowStart[k + 1] = rowStart[k]! + counts[k]!;
  }
  if (rowStart[f.rowCount] !== f.weightCount) throw bad(`counts: ${rowStart[f.rowCount]} weights, header says ${f.weightCount}`);
  // Labels are below 32 (LABEL_COUNT): no byte of a word may have any of its top three bits set.
  const labelWords = words(labels);
  let high = 0;
  for (let k = 0; k < labelWords.words.length; k++) high |= labelWords.words[k]!;
  for (let k = 0; k < labelWords.tail.length; k++) high |= labelWords.tail[k]!;
  if (LABEL_COUNT !== 32 || high & 0xe0e0e0e0) {
    for (let k = 0; k < labels.length; k++) if (labels[k]! >= LABEL_COUNT) throw bad(`weightLabels: label ${labels[k]} outside 0…${LABEL_COUNT - 1}`);
  }
  const exact = new Float64Array(f.weightCount);
  // Hundredths divided by 100 give exactly the double that "0.75" in a JSON file parses to.
  if (LITTLE_ENDIAN && weightBytes.byteOffset % f.weightBytes === 0) {
    const ints = f.weightBytes === 2 ? new Int16Array(weightBytes.buffer, weightBytes.byteOffset, f.weightCount) : new Int32Array(weightBytes.buffer, weightBytes.byteOffset, f.weightCount);
    for (let k = 0; k < exact.length; k++) exact[k] = ints[k]! / 100;
  } else {
    const view = new DataView(weightBytes.buffer, weightBytes.byteOffset, weightBytes.byteLength);
    for (let k = 0; k < exact.length; k++) exact[k] = (f.weightBytes === 2 ? view.getInt16(k * 2, true) : view.getInt32(k * 4, true)) / 100;
  }
  return { features, table, rowStart, labels, weights: Float32Array.from(exact), exact };
}

function loadLegacy(json: unknown): LineRoleModel {
  const problem = strictObject(json, legacyShape);
  if (problem) throw new ModelFileError(`not a ${LEGACY_MODEL_SCHEMA} weight file: ${problem}`);
  const f = json as FileInfo & { rows: Record<string, unknown> };
  for (const [key, pairs] of Object.entries(f.rows)) {
    if (!Array.isArray(pairs) || pairs.length % 2 !== 0 || !pairs.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new ModelFileError(`not a ${LEGACY_MODEL_SCHEMA} weight file: rows.${key}: must hold label/weight pairs of numbers`);
    }
  }
  checkInfo(f);
  const rows = new Map<string, Float64Array>();
  for (const [key, pairs] of Object.entries(f.rows as Record<string, number[]>)) rows.set(key, fromSparse(pairs));
  return { ...infoOf(f), transitions: Float64Array.from(f.transitions), rows };
}

/** The model as a weight file object; `JSON.stringify` of it is deterministic. */
export function serializeModel(model: LineRoleModel): ModelFile {
  // Rows as written: rounded, all-zero rows dropped, features in name order.
  const rounded = new Map<string, Float64Array>();
  for (const [key, row] of model.rows) {
    const r = row.map(roundWeight);
    if (r.some((v) => v !== 0)) rounded.set(key, r);
  }
  const packed = packRows(rounded, true);
  const slots = new Uint8Array(packed.features.count);
  for (let fid = 0; fid < slots.length; fid++) for (let s = 0; s < W; s++) if (packed.table[fid * W + s]! >= 0) slots[fid]! |= 1 << s;
  const rowCount = packed.rowStart.length - 1;
  const counts = new Uint8Array(rowCount);
  for (let r = 0; r < rowCount; r++) counts[r] = packed.rowStart[r + 1]! - packed.rowStart[r]!;
  const hundredths = Array.from(packed.exact, (w) => Math.round(w * 100));
  const weightBytes = hundredths.every((c) => c >= -0x8000 && c < 0x8000) ? 2 : 4;
  const bytes = new Uint8Array(hundredths.length * weightBytes);
  const view = new DataView(bytes.buffer);
  hundredths.forEach((c, k) => (weightBytes === 2 ? view.setInt16(k * 2, c, true) : view.setInt32(k * 4, c, true)));
  const features = packed.features.joined;
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
    features,
    featureCount: packed.features.count,
    rowCount,
    weightCount: packed.labels.length,
    weightBytes,
    slots: encodeBase64(slots),
    counts: encodeBase64(counts),
    weightLabels: encodeBase64(packed.labels),
    weights: encodeBase64(bytes),
    checksum: checksumOf(packed.features.digest, [slots, counts, packed.labels, bytes]),
  };
}
