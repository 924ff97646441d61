// The weights pre-unpacked: the hashed table (hashed.ts) and the weight rows as typed arrays laid
// out in one file, so loading wraps them where they lie instead of decoding base64, hashing 81,104
// names and converting 271,861 hundredths (~40-60 ms CPU of every `galley segment` on the JSON file).
//
// Made from the committed JSON weights (the one source: training writes it) by the Node build
// (scripts/build.mjs, into dist/node beside the code), and checked on load by its header (schema,
// feature set, byte order) and every array's length; an FNV-1a checksum over every byte after the
// header is recorded and checked by checkBinary (tests, tools), not on every start. The JSON file's
// own checksum is recorded too, so a test can tell that a binary belongs to the committed weights.
//
// Layout: "GLRBIN01", the header's length (u32 LE), the header as ASCII JSON (non-ASCII escaped),
// zero padding to 8 bytes, then the arrays in the order of `ARRAYS`, each starting at a multiple of
// 8 bytes, in the machine's byte order (recorded: a file from another order is refused).
import type { ModelFile } from './model-file.ts';
import { FEATURE_SET_HASH, loadModel, ModelFileError } from './model-file.ts';
import { featureSetByHash } from './feature-sets.ts';
import { LABEL_COUNT } from './labels-space.ts';
import { hashedWeights, registerHashed, type HashedWeights } from './hashed.ts';
import type { LineRoleModel, ModelInfo } from './weights.ts';

export const BINARY_SCHEMA = 'galley.line-roles-bin/1';
const MAGIC = 'GLRBIN01';
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

type ArrayName = 'slots' | 'check1' | 'check2' | 'firstRow' | 'offsets' | 'rowStart' | 'labels' | 'weights';
/** The arrays in file order, with their element types. */
const ARRAYS: readonly [ArrayName, 'i32' | 'u8' | 'f32'][] = [
  ['slots', 'i32'],
  ['check1', 'i32'],
  ['check2', 'i32'],
  ['firstRow', 'i32'],
  ['offsets', 'u8'],
  ['rowStart', 'i32'],
  ['labels', 'u8'],
  ['weights', 'f32'],
];

interface BinaryHeader extends ModelInfo {
  schema: typeof BINARY_SCHEMA;
  littleEndian: boolean;
  /** The JSON weight file's checksum: which file this was made from. */
  source: string;
  hashSeed: number;
  transitions: number[];
  /** Element count per array, in ARRAYS order. */
  lengths: number[];
  /** FNV-1a (hex) over every byte after the header. */
  checksum: string;
}

const align8 = (n: number): number => (n + 7) & ~7;

/** FNV-1a over 32-bit words (the body is a whole number of 8-byte blocks). */
function checksumOf(body: Int32Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < body.length; i++) h = Math.imul(h ^ body[i]!, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The binary file of a JSON weight file (checked by loadModel first). */
export function binaryFromFile(json: unknown): Uint8Array {
  const model = loadModel(json);
  const source = (json as ModelFile).checksum;
  return binaryOf(model, hashedWeights(model), typeof source === 'string' ? source : '');
}

export function binaryOf(info: LineRoleModel, hashed: HashedWeights, source: string): Uint8Array {
  const arrays = ARRAYS.map(([name]) => hashed[name]);
  let bodyBytes = 0;
  for (const a of arrays) bodyBytes += align8(a.byteLength);
  const body = new Uint8Array(bodyBytes);
  let at = 0;
  for (const a of arrays) {
    body.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += align8(a.byteLength);
  }
  const header: BinaryHeader = {
    schema: BINARY_SCHEMA,
    version: info.version,
    seed: info.seed,
    epochs: info.epochs,
    trainedOn: info.trainedOn,
    featureSetHash: info.featureSetHash,
    confidenceScale: info.confidenceScale,
    transitions: [...info.transitions],
    littleEndian: LITTLE_ENDIAN,
    source,
    hashSeed: hashed.seed,
    lengths: arrays.map((a) => a.length),
    checksum: checksumOf(new Int32Array(body.buffer, 0, body.byteLength / 4)),
  };
  const text = JSON.stringify(header).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const start = align8(MAGIC.length + 4 + text.length);
  const out = new Uint8Array(start + bodyBytes);
  for (let k = 0; k < MAGIC.length; k++) out[k] = MAGIC.charCodeAt(k);
  new DataView(out.buffer).setUint32(MAGIC.length, text.length, true);
  for (let k = 0; k < text.length; k++) out[MAGIC.length + 4 + k] = text.charCodeAt(k);
  out.set(body, start);
  return out;
}

/** The header of a binary weight file, checked; and where its body starts. */
export function readHeader(bytes: Uint8Array): { header: BinaryHeader; start: number } {
  const bad = (what: string): ModelFileError => new ModelFileError(`not a ${BINARY_SCHEMA} weight file: ${what}`);
  if (bytes.length < MAGIC.length + 4 || String.fromCharCode(...bytes.subarray(0, MAGIC.length)) !== MAGIC) throw bad('no GLRBIN01 mark');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length, true);
  if (MAGIC.length + 4 + length > bytes.length) throw bad(`header of ${length} bytes runs past the end`);
  let text = '';
  const from = MAGIC.length + 4;
  for (let k = 0; k < length; k += 4096) text += String.fromCharCode(...bytes.subarray(from + k, from + Math.min(length, k + 4096)));
  let header: BinaryHeader;
  try {
    header = JSON.parse(text) as BinaryHeader;
  } catch {
    throw bad('the header is not JSON');
  }
  const h = header as unknown as Record<string, unknown>;
  if (h.schema !== BINARY_SCHEMA) throw bad(`schema ${JSON.stringify(h.schema)}`);
  for (const key of ['version', 'trainedOn', 'featureSetHash', 'source', 'checksum'] as const) if (typeof h[key] !== 'string') throw bad(`${key}: not a string`);
  for (const key of ['seed', 'epochs', 'hashSeed'] as const) if (!Number.isInteger(h[key])) throw bad(`${key}: not an integer`);
  if (typeof h.confidenceScale !== 'number' || !(h.confidenceScale > 0)) throw bad('confidenceScale: not a positive number');
  if (typeof h.littleEndian !== 'boolean') throw bad('littleEndian: not true or false');
  const transitions = h.transitions;
  if (!Array.isArray(transitions) || transitions.length !== (LABEL_COUNT + 1) * LABEL_COUNT || !transitions.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw bad(`transitions: not ${(LABEL_COUNT + 1) * LABEL_COUNT} numbers`);
  }
  const lengths = h.lengths;
  if (!Array.isArray(lengths) || lengths.length !== ARRAYS.length || !lengths.every((v) => Number.isInteger(v) && v >= 0)) throw bad(`lengths: not ${ARRAYS.length} counts`);
  return { header, start: align8(from + length) };
}

/**
 * A model over a binary weight file. `rows` gives the weight rows by name when something asks for
 * them (training on top, profiles): the binary holds no names, the JSON file does.
 * @throws ModelFileError for a damaged file, one made for another feature set, or another byte order
 */
export function loadBinaryModel(bytes: Uint8Array, rows: () => Map<string, Float64Array>): LineRoleModel {
  const bad = (what: string): ModelFileError => new ModelFileError(`not a ${BINARY_SCHEMA} weight file: ${what}`);
  const { header, start } = readHeader(bytes);
  if (!featureSetByHash(header.featureSetHash)) throw new ModelFileError(`weights ${header.version} were trained for feature set ${header.featureSetHash}; this engine reads ${FEATURE_SET_HASH} (and its extensions): retrain with galley train`);
  if (header.littleEndian !== LITTLE_ENDIAN) throw bad('written in the other byte order');
  // Typed arrays need aligned offsets: a buffer that does not start on 8 bytes is copied once.
  const aligned = (bytes.byteOffset + start) % 8 === 0 ? bytes : bytes.slice();
  let at = aligned.byteOffset + start;
  const expected = ARRAYS.reduce((sum, [, type], k) => sum + align8(header.lengths[k]! * (type === 'u8' ? 1 : 4)), 0);
  if (aligned.byteLength - start !== expected) throw bad(`${aligned.byteLength - start} bytes of arrays where the header says ${expected}`);
  const views = {} as Record<ArrayName, Int32Array | Uint8Array | Float32Array>;
  ARRAYS.forEach(([name, type], k) => {
    const n = header.lengths[k]!;
    views[name] = type === 'i32' ? new Int32Array(aligned.buffer, at, n) : type === 'u8' ? new Uint8Array(aligned.buffer, at, n) : new Float32Array(aligned.buffer, at, n);
    at += align8(n * (type === 'u8' ? 1 : 4));
  });
  const hashed: HashedWeights = {
    seed: header.hashSeed,
    slots: views.slots as Int32Array,
    check1: views.check1 as Int32Array,
    check2: views.check2 as Int32Array,
    firstRow: views.firstRow as Int32Array,
    offsets: views.offsets as Uint8Array,
    rowStart: views.rowStart as Int32Array,
    labels: views.labels as Uint8Array,
    weights: views.weights as Float32Array,
  };
  checkShapes(hashed, bad);
  let named: Map<string, Float64Array> | undefined;
  const model: LineRoleModel = {
    version: header.version,
    seed: header.seed,
    epochs: header.epochs,
    trainedOn: header.trainedOn,
    featureSetHash: header.featureSetHash,
    confidenceScale: header.confidenceScale,
    transitions: Float64Array.from(header.transitions),
    get rows() {
      return (named ??= rows());
    },
  };
  registerHashed(model, hashed);
  return model;
}

/**
 * The shapes the scorer relies on, in constant time (every array's length was checked against the
 * header already). Indexes inside the arrays are not walked here: a typed array read out of range
 * gives no crash, the probe loop is bounded, and the checksum (checkBinary) covers the bytes.
 */
function checkShapes(w: HashedWeights, bad: (what: string) => ModelFileError): void {
  const features = w.check1.length;
  const rows = w.rowStart.length - 1;
  const size = w.slots.length;
  if (size < features || (size & (size - 1)) !== 0) throw bad(`slots: ${size} is not a power of two above the ${features} features`);
  if (w.check2.length !== features || w.firstRow.length !== features || w.offsets.length !== features) throw bad('per-feature arrays of different lengths');
  if (rows < 0 || w.rowStart[0] !== 0 || w.rowStart[rows] !== w.labels.length || w.weights.length !== w.labels.length) throw bad('rowStart does not cover the weights');
}

/**
 * The checksum over every byte after the header, checked (tests and tools; loading skips it: it is
 * ~17 ms of a cold start, more than the rest of loading, and the file is a build product made from
 * the checksummed JSON file).
 * @throws ModelFileError when it does not match
 */
export function checkBinary(bytes: Uint8Array): void {
  const { header, start } = readHeader(bytes);
  const aligned = (bytes.byteOffset + start) % 8 === 0 ? bytes : bytes.slice();
  const body = aligned.byteLength - start;
  if (body % 8 !== 0 || checksumOf(new Int32Array(aligned.buffer, aligned.byteOffset + start, body / 4)) !== header.checksum) {
    throw new ModelFileError(`not a ${BINARY_SCHEMA} weight file: checksum does not match (the file is damaged)`);
  }
}
