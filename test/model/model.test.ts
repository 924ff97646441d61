// The line-role model: decoding, training that learns, deterministic weights, the weight file and
// profiles. Trains small models on resources/ pages (labelled from their hand annotations).
import { beforeAll, describe, expect, it } from 'vitest';
import { annotatedPages } from '../../electron/eval/labelled-pages.ts';
import { evaluatePage } from '../../core/eval/metrics.ts';
import { segmentPage, deriveItems } from '../../core/engine/index.ts';
import {
  applyProfile,
  defaultModel,
  learnProfile,
  loadModel,
  ModelFileError,
  parseProfile,
  serializeModel,
  trainModel,
  updateModel,
  type LabelledPage,
  type LineRoleModel,
} from '../../core/engine/model/index.ts';
import { LABEL_COUNT, labelOf } from '../../core/engine/model/labels-space.ts';
import { maxMarginals, viterbi } from '../../core/engine/model/weights.ts';
import { FeatureDictionary, prepareLabelled, trainPrepared } from '../../core/engine/model/train.ts';
import { pageInput } from '../../core/engine/model/page-input.ts';
import { decodePage } from '../../core/engine/model/decode.ts';
import { zhDailyRules } from '../../core/engine/rules/zh-daily.ts';
import { isDoubtful } from '../../shared/segmentation.ts';

let pages: LabelledPage[];
const HELD_OUT = 'hengyang-daily-2021-10-29-p1';
beforeAll(() => {
  pages = annotatedPages();
});

/** Share of a page's text lines whose decoded label (role and start) is the gold one. */
function labelAccuracy(model: LineRoleModel, page: LabelledPage): number {
  const dict = new FeatureDictionary();
  const prepared = prepareLabelled(page, dict);
  const decoded = decodePage(model, pageInput(page.text, zhDailyRules).features);
  const starts = new Set(decoded.starts);
  const hits = prepared.gold.filter((g, i) => g === labelOf(decoded.roles[i]!, starts.has(i))).length;
  return hits / prepared.gold.length;
}

describe('Viterbi and max-marginals', () => {
  it('finds the best path and scores every alternative consistently', () => {
    const L = LABEL_COUNT;
    const em = new Float64Array(3 * L);
    em[0 * L + 2] = 5; // line 0 prefers label 2
    em[1 * L + 3] = 1; // line 1 mildly prefers 3
    em[1 * L + 4] = 0.5;
    em[2 * L + 3] = 2;
    const transitions = new Float64Array((L + 1) * L);
    transitions[2 * L + 4] = 1; // but 2 → 4 is a likely transition
    const path = viterbi(em, transitions);
    expect(path).toEqual([2, 4, 3]);
    const mm = maxMarginals(em, transitions);
    const best = 5 + 1 + 0.5 + 2;
    expect(mm[1 * L + 4]).toBeCloseTo(best);
    expect(mm[1 * L + 3]).toBeCloseTo(5 + 1 + 2);
    // Every line's best label under max-marginals is the Viterbi label.
    path.forEach((y, i) => expect(Math.max(...mm.subarray(i * L, (i + 1) * L))).toBeCloseTo(mm[i * L + y]!));
  });
  it('honours a label mask', () => {
    const L = LABEL_COUNT;
    const em = new Float64Array(2 * L);
    em[L + 1] = 9;
    const only5 = Uint8Array.from({ length: L }, (_, y) => (y === 5 ? 1 : 0));
    expect(viterbi(em, new Float64Array((L + 1) * L), [null, only5])[1]).toBe(5);
  });
});

describe('training', () => {
  it('learns: training accuracy rises with epochs, and a held-out page improves over an untrained model', () => {
    const train = pages.filter((p) => p.id !== HELD_OUT);
    const test = pages.find((p) => p.id === HELD_OUT)!;
    const untrained = trainModel(train, { epochs: 0 });
    const once = trainModel(train.slice(0, 8), { epochs: 1 });
    const more = trainModel(train.slice(0, 8), { epochs: 6 });
    const trainAcc = (m: LineRoleModel) => train.slice(0, 8).reduce((s, p) => s + labelAccuracy(m, p), 0) / 8;
    expect(trainAcc(more)).toBeGreaterThan(trainAcc(once));
    expect(trainAcc(more)).toBeGreaterThan(0.9);
    const full = trainModel(train, { epochs: 6 });
    const score = (m: LineRoleModel) => evaluatePage(test.text, test.gold, segmentPage(test.text, { model: m })).metrics.score;
    expect(labelAccuracy(full, test)).toBeGreaterThan(labelAccuracy(untrained, test) + 0.3);
    expect(score(full)).toBeGreaterThan(score(untrained));
    // Trained on the 24 other annotated pages alone (no corpus), the held-out real page scored 0.832
    // with the v1 features and 0.769 with v2's (vocabulary and paragraph-end features learned from
    // the built corpus need more than 24 pages); the floor guards against a model that learns nothing.
    expect(score(full)).toBeGreaterThan(0.75);
  }, 120_000);

  it('is deterministic for a seed: byte-identical weight files', () => {
    const few = pages.slice(0, 4);
    const a = JSON.stringify(serializeModel(trainModel(few, { seed: 7, epochs: 2 })));
    const b = JSON.stringify(serializeModel(trainModel([...few].reverse(), { seed: 7, epochs: 2 })));
    expect(a).toBe(b);
    const c = JSON.stringify(serializeModel(trainModel(few, { seed: 8, epochs: 2 })));
    expect(c).not.toBe(a);
  }, 60_000);
});

describe('weight file', () => {
  it('round-trips: the loaded model decodes like the trained one', () => {
    const model = trainModel(pages.slice(0, 6), { epochs: 3, version: 'test' });
    const loaded = loadModel(JSON.parse(JSON.stringify(serializeModel(model))));
    const text = pages[6]!.text;
    const strip = (s: ReturnType<typeof segmentPage>) => s.items.map((i) => [i.start, i.kind, i.headline]);
    expect(strip(segmentPage(text, { model: loaded }))).toEqual(strip(segmentPage(text, { model })));
  }, 60_000);
  it('refuses a file that is not weights, or weights of another feature set', () => {
    expect(() => loadModel({ schema: 'galley.line-roles/1' })).toThrow(ModelFileError);
    const file = serializeModel(trainModel(pages.slice(0, 2), { epochs: 1 }));
    expect(() => loadModel({ ...file, featureSetHash: 'deadbeef' })).toThrow(/retrain with galley train/);
  });
  it('the committed model loads and segments every resources page with confidences and its version', () => {
    const model = defaultModel();
    for (const p of pages) {
      const s = segmentPage(p.text);
      expect(s.model).toEqual({ version: model.version, profile: null });
      for (const item of s.items) {
        expect(item.confidence!.boundary).toBeGreaterThanOrEqual(0);
        expect(item.confidence!.boundary).toBeLessThanOrEqual(1);
        expect(item.confidence!.titles).toBeGreaterThanOrEqual(0);
        expect(item.confidence!.titles).toBeLessThanOrEqual(1);
      }
    }
  }, 60_000);
  it('flags a minority of items as doubtful', () => {
    const items = pages.flatMap((p) => segmentPage(p.text).items);
    const doubtful = items.filter(isDoubtful).length;
    expect(doubtful).toBeLessThan(items.length * 0.5);
  }, 60_000);
});

describe('online learning and profiles', () => {
  it('updateModel moves a page toward its gold and leaves the base untouched', () => {
    const base = trainModel(pages.slice(0, 10), { epochs: 3, version: 'base' });
    const page = pages.find((p) => p.id === HELD_OUT)!;
    const before = labelAccuracy(base, page);
    const baseJson = JSON.stringify(serializeModel(base));
    const adapted = updateModel(base, [page], { epochs: 6 });
    expect(labelAccuracy(adapted, page)).toBeGreaterThan(before);
    expect(JSON.stringify(serializeModel(base))).toBe(baseJson);
  }, 60_000);
  it('a profile holds sparse deltas and applies only to its base version', () => {
    const base = trainModel(pages.slice(0, 10), { epochs: 3, version: 'base' });
    const page = pages.find((p) => p.id === HELD_OUT)!;
    const profile = parseProfile(JSON.parse(JSON.stringify(learnProfile(base, 'hengyang-daily', [page], null, { epochs: 6 }))));
    expect(profile.pages).toBe(1);
    expect(Object.keys(profile.rows).length).toBeLessThan(base.rows.size + 2000);
    const adapted = applyProfile(base, profile);
    expect(labelAccuracy(adapted, page)).toBeGreaterThan(labelAccuracy(base, page));
    const s = segmentPage(page.text, { model: base, profile });
    expect(s.model).toEqual({ version: 'base', profile: 'hengyang-daily' });
    expect(() => applyProfile({ ...base, version: 'other' }, profile)).toThrow(ModelFileError);
    expect(() => parseProfile({ schema: 'galley.profile/1' })).toThrow(ModelFileError);
  }, 60_000);
});

describe('editor splits as constraints', () => {
  it('deriveItems keeps exactly the given split points and decodes the roles inside', () => {
    const page = pages.find((p) => p.id === HELD_OUT)!;
    const auto = segmentPage(page.text);
    const starts = auto.items.map((i) => i.start).filter((_, k) => k !== 2); // the editor merged item 2 into item 1
    const items = deriveItems(page.text, starts, []);
    expect(items.map((i) => i.start)).toEqual(starts);
    expect(items.every((i) => i.confidence !== undefined)).toBe(true);
    // The rule engine alone gives the same split points for the same constraints.
    expect(deriveItems(page.text, starts, [], { model: null }).map((i) => i.start)).toEqual(starts);
  }, 60_000);
});
