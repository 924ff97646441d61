// The packed weight file (galley.line-roles/2) and the packed scorer: the committed weights score
// every resources page exactly as the dense row-by-row scorer of v1–v3 did, the file is checked by
// shape and checksum, the legacy file is still read, and base64 round-trips.
import { beforeAll, describe, expect, it } from 'vitest';
import { annotatedPages } from '../../electron/eval/labelled-pages.ts';
import { defaultModel, loadModel, ModelFileError, serializeModel, trainModel, type LabelledPage, type LineRoleModel } from '../../core/engine/model/index.ts';
import { LEGACY_MODEL_SCHEMA, LABEL_NAMES, MODEL_SCHEMA, toSparse } from '../../core/engine/model/model-file.ts';
import { LABEL_COUNT } from '../../core/engine/model/labels-space.ts';
import { pageInput } from '../../core/engine/model/page-input.ts';
import { decodeWithMarginals, maxMarginals, pageEmissions, rowKeys, viterbi } from '../../core/engine/model/weights.ts';
import { FeatureIndex, packRows } from '../../core/engine/model/packed.ts';
import { decodeBase64, decodeInScript, encodeBase64 } from '../../core/engine/model/base64.ts';
import { zhDailyRules } from '../../core/engine/rules/zh-daily.ts';
import { segmentPage } from '../../core/engine/index.ts';
import committed from '../../resources/model/line-roles-v1.json' with { type: 'json' };

let pages: LabelledPage[];
beforeAll(() => {
  pages = annotatedPages();
});

/**
 * The scorer of v1–v3: every weight row dense, in float32, added label by label in the order of
 * the row keys (offset −2 … +2, a line's features in order, the page edge for a missing ±1).
 */
function denseEmissions(rows: ReadonlyMap<string, Float32Array>, keys: string[][]): Float64Array {
  const out = new Float64Array(keys.length * LABEL_COUNT);
  keys.forEach((lineKeys, i) => {
    for (const key of lineKeys) {
      const row = rows.get(key);
      if (!row) continue;
      for (let y = 0; y < LABEL_COUNT; y++) out[i * LABEL_COUNT + y]! += row[y]!;
    }
  });
  return out;
}

/** A model as the legacy file (one JSON row per feature and offset) holds it. */
function legacyFile(model: LineRoleModel): unknown {
  const file = serializeModel(model);
  const rows: Record<string, number[]> = {};
  for (const key of [...model.rows.keys()].sort()) {
    const sparse = toSparse(model.rows.get(key)!);
    if (sparse.length) rows[key] = sparse;
  }
  const { version, seed, epochs, trainedOn, featureSetHash, confidenceScale, labels, transitions } = file;
  return { schema: LEGACY_MODEL_SCHEMA, version, seed, epochs, trainedOn, featureSetHash, confidenceScale, labels, transitions, rows };
}

describe('packed scoring', () => {
  it('scores every resources page with the committed weights exactly as the dense scorer did, and decodes the same path', () => {
    const model = defaultModel();
    const rows = new Map([...model.rows].map(([k, row]) => [k, Float32Array.from(row)]));
    for (const page of pages) {
      const { features } = pageInput(page.text, zhDailyRules);
      const fast = pageEmissions(model, features);
      const dense = denseEmissions(rows, rowKeys(features));
      // Bit for bit (a plain loop: a deep equality over thousands of numbers is slow to report).
      let differ = 0;
      for (let k = 0; k < dense.length; k++) if (fast[k] !== dense[k]) differ++;
      expect(fast.length, page.id).toBe(dense.length);
      expect(differ, page.id).toBe(0);
      expect(viterbi(fast, model.transitions)).toEqual(viterbi(dense, model.transitions));
    }
  }, 120_000);

  it('packs rows without their zeros and finds every feature by name', () => {
    const row = (pairs: [number, number][]): Float64Array => {
      const r = new Float64Array(LABEL_COUNT);
      for (const [y, w] of pairs) r[y] = w;
      return r;
    };
    const packed = packRows(new Map([['0|s1=本', row([[3, 1.5], [7, -2]])], ['-2|s1=本', row([[0, 0.25]])], ['1|edge', row([[31, 4]])]]));
    expect(packed.labels.length).toBe(4);
    const fid = packed.features.get('s1=本');
    expect(fid).toBeGreaterThanOrEqual(0);
    expect(packed.features.get('s1=日')).toBe(-1);
    const r = packed.table[fid * 5 + 2]!;
    expect([...packed.labels.subarray(packed.rowStart[r], packed.rowStart[r + 1])]).toEqual([3, 7]);
    expect(packed.table[fid * 5 + 4]).toBe(-1);
  });

  it('a feature index refuses a name listed twice or a count that does not match', () => {
    expect(() => new FeatureIndex('a\nb\na', 3)).toThrow(/listed twice/);
    expect(() => new FeatureIndex('a\nb', 3)).toThrow(/2 names where 3/);
    expect(() => new FeatureIndex('a\nb\nc', 2)).toThrow(/3 names where 2/);
    expect(new FeatureIndex('', 0).get('a')).toBe(-1);
    const big = FeatureIndex.of(Array.from({ length: 5000 }, (_, k) => `e2=${k}`));
    expect(big.get('e2=4321')).toBe(4321);
    expect(big.name(17)).toBe('e2=17');
  });
});

describe('the packed weight file', () => {
  it('the committed weights are the packed file, and the portable decoder (browsers without a native one) reads them as Node does', () => {
    expect((committed as { schema: string }).schema).toBe(MODEL_SCHEMA);
    expect(loadModel(committed).version).toBe(defaultModel().version);
    const file = committed as unknown as Record<'slots' | 'counts' | 'weightLabels' | 'weights', string>;
    for (const field of ['slots', 'counts', 'weightLabels', 'weights'] as const) {
      const native = new Uint8Array(decodeBase64(file[field])!);
      const portable = decodeInScript(file[field])!;
      expect(portable.length, field).toBe(native.length);
      let differ = 0;
      for (let k = 0; k < native.length; k++) if (native[k] !== portable[k]) differ++;
      expect(differ, field).toBe(0);
    }
  });

  it('round-trips exactly, and the legacy file of the same model decodes identically', () => {
    const model = trainModel(pages.slice(0, 5), { epochs: 2, version: 'test' });
    const text = JSON.stringify(serializeModel(model));
    const packed = loadModel(JSON.parse(text));
    expect(JSON.stringify(serializeModel(packed))).toBe(text);
    const legacy = loadModel(legacyFile(model));
    expect([...packed.rows.keys()].sort()).toEqual([...legacy.rows.keys()].sort());
    for (const [key, row] of legacy.rows) expect(packed.rows.get(key), key).toEqual(row);
    const page = pages[6]!.text;
    expect(segmentPage(page, { model: packed })).toEqual(segmentPage(page, { model: legacy }));
  }, 60_000);

  it('refuses a damaged or inconsistent file with a specific message', () => {
    const file = serializeModel(trainModel(pages.slice(0, 2), { epochs: 1 }));
    const flip = (s: string): string => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(() => loadModel({ ...file, weights: flip(file.weights) })).toThrow(/checksum does not match/);
    expect(() => loadModel({ ...file, weights: `${file.weights.slice(1)}` })).toThrow(ModelFileError);
    expect(() => loadModel({ ...file, weights: `!${file.weights.slice(1)}` })).toThrow(/weights: not base64/);
    expect(() => loadModel({ ...file, rowCount: file.rowCount + 1 })).toThrow(/counts: .* rows/);
    expect(() => loadModel({ ...file, featureCount: file.featureCount - 1 })).toThrow(/features: /);
    expect(() => loadModel({ ...file, weightBytes: 3 })).toThrow(ModelFileError);
    expect(() => loadModel({ ...file, labels: [...LABEL_NAMES].reverse() })).toThrow(/retrain with galley train/);
    expect(() => loadModel({ ...file, schema: 'galley.line-roles/9' })).toThrow(/not a galley.line-roles\/2 weight file/);
    expect(() => loadModel({ schema: LEGACY_MODEL_SCHEMA })).toThrow(ModelFileError);
  });
});

describe('base64', () => {
  it('round-trips every length and refuses what is not base64', () => {
    for (let n = 0; n < 10; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, k) => (k * 97 + 13) & 255);
      const text = encodeBase64(bytes);
      expect(text.length % 4).toBe(0);
      expect(new Uint8Array(decodeBase64(text)!)).toEqual(bytes);
      expect(decodeInScript(text)).toEqual(bytes);
    }
    expect(encodeBase64(Uint8Array.of(0xfb, 0xff))).toBe('+/8=');
    for (const bad of ['abc', 'ab$=', 'a=bc', '====']) {
      expect(decodeBase64(bad), bad).toBeNull();
      expect(decodeInScript(bad), bad).toBeNull();
    }
  });
});

describe('one pass for the path and the max-marginals', () => {
  it('decodeWithMarginals gives exactly viterbi() and maxMarginals() under the same mask', () => {
    let seed = 5;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 20 - 10;
    const L = LABEL_COUNT;
    const transitions = Float64Array.from({ length: (L + 1) * L }, random);
    for (const n of [1, 2, 7, 30]) {
      const em = Float64Array.from({ length: n * L }, random);
      const mask = [Uint8Array.from({ length: L }, (_, y) => (y % 2 === 0 ? 1 : 0))];
      const { path, marginals } = decodeWithMarginals(em, transitions, mask);
      expect(path).toEqual(viterbi(em, transitions, mask));
      expect(marginals).toEqual(maxMarginals(em, transitions, mask));
      expect(path[0]! % 2).toBe(0);
    }
  });
});
