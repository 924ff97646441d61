// Scoring features as they are made (hashed.ts) and the pre-unpacked binary weight file
// (binary-file.ts): the same scores, bit for bit, as the string path kept for training (feature
// names built, looked up by name, summed by weights.ts pageEmissions) on every resources page;
// every trained name is found and unseen names are not; a name pair that no seed separates is
// refused; the binary file round-trips, is refused when damaged, and segments as the JSON does.
import { beforeAll, describe, expect, it } from 'vitest';
import { annotatedPages } from '../../electron/eval/labelled-pages.ts';
import { defaultModel, loadModel, ModelFileError, trainModel, type LabelledPage, type LineRoleModel } from '../../core/engine/model/index.ts';
import { pageInput } from '../../core/engine/model/page-input.ts';
import { pageEmissions, viterbi } from '../../core/engine/model/weights.ts';
import { packedWeights, type PackedWeights } from '../../core/engine/model/packed.ts';
import { findHashed, hashedEmissions, hashName, hashPack, hashedWeights } from '../../core/engine/model/hashed.ts';
import { binaryFromFile, binaryOf, checkBinary, loadBinaryModel, readHeader } from '../../core/engine/model/binary-file.ts';
import { zhDailyRules } from '../../core/engine/rules/zh-daily.ts';
import { segmentPage } from '../../core/engine/index.ts';
import committed from '../../resources/model/line-roles-v1.json' with { type: 'json' };

let pages: LabelledPage[];
beforeAll(() => {
  pages = annotatedPages();
});

/** How many scores differ (a plain loop: a deep equality over thousands of numbers is slow to report). */
function differing(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  let d = 0;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) d++;
  return d;
}

/** Every resources page scored both ways by `model`, hashed with `hashedModel`'s table. */
function expectSameScores(model: LineRoleModel, hashedModel: LineRoleModel = model): void {
  for (const page of pages) {
    const input = pageInput(page.text, zhDailyRules);
    const byName = pageEmissions(model, input.features);
    const hashed = hashedEmissions(hashedWeights(hashedModel), input.view);
    expect(differing(hashed, byName), page.id).toBe(0);
    expect(viterbi(hashed, model.transitions)).toEqual(viterbi(byName, model.transitions));
  }
}

describe('scoring features as they are made', () => {
  it('gives every resources page exactly the scores of the string path, with the committed weights', () => {
    expectSameScores(defaultModel());
  }, 60_000);

  it('does so for a model packed from rows (a freshly trained model, as profiles are), whatever the seed', () => {
    const model = trainModel(pages.slice(0, 4), { epochs: 1, version: 'test' });
    expectSameScores(model);
    const other: LineRoleModel = { ...model };
    const reseeded = hashPack(packedWeights(model), 7);
    expect(reseeded.seed).toBe(7);
    const input = pageInput(pages[5]!.text, zhDailyRules);
    expect(differing(hashedEmissions(reseeded, input.view), pageEmissions(other, input.features))).toBe(0);
  }, 60_000);

  it('finds every trained name at its own number and no unseen name', () => {
    const packed = packedWeights(defaultModel());
    const hashed = hashedWeights(defaultModel());
    const names = packed.features.joined.split('\n');
    let wrong = 0;
    names.forEach((name, fid) => {
      const [h1, h2] = hashName(name, 0, name.length, hashed.seed);
      if (findHashed(hashed, h1, h2) !== fid) wrong++;
    });
    expect(wrong).toBe(0);
    // 60,000 names of the feature templates' shapes that were never trained.
    let unseen = 0;
    let found = 0;
    for (let k = 0; k < 60_000; k++) {
      const name = `${['s2=', 'e3=', 'cls=', 'dw='][k % 4]}${String.fromCharCode(0x4e00 + ((k * 7919) % 20000), 0x4e00 + ((k * 104729) % 20000))}${k}`;
      if (packed.features.find(name) >= 0) continue;
      unseen++;
      const [h1, h2] = hashName(name, 0, name.length, hashed.seed);
      if (findHashed(hashed, h1, h2) >= 0) found++;
    }
    expect(unseen).toBeGreaterThan(50_000);
    expect(found).toBe(0);
  });

  it('refuses names no seed tells apart (the table must be exact for every trained feature)', () => {
    const row = { table: Int32Array.of(0, -1, -1, -1, -1, 1, -1, -1, -1, -1), rowStart: Int32Array.of(0, 1, 2), labels: Uint8Array.of(0, 1), weights: Float32Array.of(1, 2), exact: Float64Array.of(1, 2) };
    // Two features of one name: their hashes agree under every seed.
    const twins = { ...row, features: { count: 2, joined: 'p:enum\np:enum' } } as unknown as PackedWeights;
    expect(() => hashPack(twins)).toThrow(/no hash seed from 0 to 63 tells every feature name apart/);
    const distinct = { ...row, features: { count: 2, joined: 'p:enum\np:dash' } } as unknown as PackedWeights;
    expect(hashPack(distinct).seed).toBe(0);
    const scrambled = { ...distinct, table: Int32Array.of(1, -1, -1, -1, -1, 0, -1, -1, -1, -1) } as unknown as PackedWeights;
    expect(() => hashPack(scrambled)).toThrow(/not in feature order/);
  });
});

describe('the binary weight file', () => {
  const rowsOfJson = (): Map<string, Float64Array> => loadModel(committed).rows;

  it('is made from the committed JSON, loads with no parse, scores and segments as the JSON does, and gives the rows by name on request', () => {
    const bytes = binaryFromFile(committed);
    checkBinary(bytes);
    expect(readHeader(bytes).header.source).toBe((committed as { checksum: string }).checksum);
    let asked = 0;
    const model = loadBinaryModel(bytes, () => {
      asked++;
      return rowsOfJson();
    });
    const json = defaultModel();
    const info = (m: LineRoleModel) => [m.version, m.seed, m.epochs, m.trainedOn, m.featureSetHash, m.confidenceScale, [...m.transitions]];
    expect(info(model)).toEqual(info(json));
    expect(asked).toBe(0);
    expectSameScores(json, model);
    for (const page of pages.slice(0, 6)) expect(segmentPage(page.text, { model })).toEqual(segmentPage(page.text, { model: json }));
    expect(asked).toBe(0);
    expect(model.rows.size).toBe(json.rows.size);
    expect(asked).toBe(1);
    // Wrapped where it lies, also from a buffer that does not start on 8 bytes (copied once then).
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const moved = loadBinaryModel(shifted.subarray(3), rowsOfJson);
    const input = pageInput(pages[0]!.text, zhDailyRules);
    expect(differing(hashedEmissions(hashedWeights(moved), input.view), hashedEmissions(hashedWeights(model), input.view))).toBe(0);
  }, 60_000);

  it('refuses a damaged, truncated, foreign or other-feature-set file with a specific message', () => {
    const model = trainModel(pages.slice(0, 2), { epochs: 1, version: 'test' });
    const bytes = binaryOf(model, hashedWeights(model), 'test');
    expect(() => checkBinary(bytes)).not.toThrow();
    const flipped = bytes.slice();
    flipped[flipped.length - 5]! ^= 0x10;
    expect(() => checkBinary(flipped)).toThrow(/checksum does not match/);
    expect(() => loadBinaryModel(bytes.subarray(0, bytes.length - 8), rowsOfJson)).toThrow(/bytes of arrays where the header says/);
    expect(() => loadBinaryModel(new TextEncoder().encode('{"schema":"galley.line-roles/2"}'), rowsOfJson)).toThrow(/no GLRBIN01 mark/);
    const { header } = readHeader(bytes);
    const rewritten = (change: Record<string, unknown>): Uint8Array => {
      const text = JSON.stringify({ ...header, ...change });
      const out = new Uint8Array(bytes.length + text.length + 16);
      const start = (12 + text.length + 7) & ~7;
      out.set(bytes.subarray(0, 8));
      new DataView(out.buffer).setUint32(8, text.length, true);
      for (let k = 0; k < text.length; k++) out[12 + k] = text.charCodeAt(k);
      out.set(bytes.subarray(readHeader(bytes).start), start);
      return out.subarray(0, start + bytes.length - readHeader(bytes).start);
    };
    expect(() => loadBinaryModel(rewritten({}), rowsOfJson)).not.toThrow();
    expect(() => loadBinaryModel(rewritten({ featureSetHash: 'ffffffff' }), rowsOfJson)).toThrow(/retrain with galley train/);
    expect(() => loadBinaryModel(rewritten({ littleEndian: !header.littleEndian }), rowsOfJson)).toThrow(/other byte order/);
    expect(() => loadBinaryModel(rewritten({ transitions: [1, 2] }), rowsOfJson)).toThrow(/transitions: not/);
    expect(() => loadBinaryModel(rewritten({ schema: 'galley.line-roles-bin/9' }), rowsOfJson)).toThrow(ModelFileError);
    expect(() => loadBinaryModel(rewritten({ lengths: [...header.lengths.slice(0, 7), header.lengths[7]! + 2] }), rowsOfJson)).toThrow(/bytes of arrays where the header says/);
  });
});
