// Feature sets: a model's weight file names the set it was trained with, the engine emits exactly
// that set's features, and the committed (base-set) weights load and score as before.
import { beforeAll, describe, expect, it } from 'vitest';
import { annotatedPages } from '../../electron/eval/labelled-pages.ts';
import { defaultModel, FEATURE_SET_HASH, loadModel, serializeModel, trainModel, type LabelledPage } from '../../core/engine/model/index.ts';
import { BASE_FEATURES, CAPTION_FEATURES, CONJUNCTION_FEATURES, FILL_FEATURES, RECIPE_FEATURES, featureSetByHash, featureSetOf, hashString } from '../../core/engine/model/feature-sets.ts';
import { FEATURE_SET } from '../../core/engine/model/features.ts';
import { LINE_ROLES } from '../../core/engine/model/line-roles.ts';
import { pageInput } from '../../core/engine/model/page-input.ts';
import { pageEmissions } from '../../core/engine/model/weights.ts';
import { segmentPage } from '../../core/engine/index.ts';
import { zhDailyRules } from '../../core/engine/rules/zh-daily.ts';

let pages: LabelledPage[];
beforeAll(() => {
  pages = annotatedPages();
});

const CONJ = /^x:[a-e]=/;

describe('feature sets', () => {
  it('the base set keeps the hash every weight file before v6 carries; the committed weights are of the recipe set', () => {
    expect(BASE_FEATURES.hash).toBe(hashString(`${FEATURE_SET}#${LINE_ROLES.join(',')}`));
    expect(FEATURE_SET_HASH).toBe(BASE_FEATURES.hash);
    expect(featureSetOf(defaultModel())).toBe(RECIPE_FEATURES);
    expect(RECIPE_FEATURES).toBe(FILL_FEATURES);
    expect(CONJUNCTION_FEATURES.hash).not.toBe(BASE_FEATURES.hash);
    expect(featureSetByHash('deadbeef')).toBeUndefined();
  });

  it('emits the conjunctions only for the set that has them, after the same base features', () => {
    const input = pageInput(pages[0]!.text, zhDailyRules);
    const base = input.features;
    const conj = input.featuresOf(CONJUNCTION_FEATURES);
    expect(base.some((f) => f.own.some((n) => CONJ.test(n)))).toBe(false);
    conj.forEach((f, i) => {
      // Five conjunctions per line, own features only (not read at the neighbours' offsets).
      expect(f.own.filter((n) => CONJ.test(n))).toHaveLength(5);
      expect(f.own.filter((n) => !CONJ.test(n))).toEqual(base[i]!.own);
      expect(f.shape).toEqual(base[i]!.shape);
    });
  });

  it('a conjunction model records its set, scores its own features when decoding, and round-trips through its file', () => {
    const model = trainModel(pages.slice(0, 6), { epochs: 3, version: 'test', featureSet: CONJUNCTION_FEATURES });
    expect(model.featureSetHash).toBe(CONJUNCTION_FEATURES.hash);
    expect([...model.rows.keys()].some((k) => CONJ.test(k.slice(k.indexOf('|') + 1)))).toBe(true);
    const input = pageInput(pages[6]!.text, zhDailyRules);
    // The decoding path (features hashed as they are made) scores the conjunctions as the string path does.
    expect([...input.emissions(model)]).toEqual([...pageEmissions(model, input.featuresOf(CONJUNCTION_FEATURES))]);
    expect([...input.emissions(model)]).not.toEqual([...pageEmissions(model, input.features)]);
    const loaded = loadModel(JSON.parse(JSON.stringify(serializeModel(model))));
    expect(featureSetOf(loaded)).toBe(CONJUNCTION_FEATURES);
    const strip = (s: ReturnType<typeof segmentPage>) => s.items.map((i) => [i.start, i.kind, i.headline]);
    expect(strip(segmentPage(pages[6]!.text, { model: loaded }))).toEqual(strip(segmentPage(pages[6]!.text, { model })));
  }, 60_000);
});

describe('caption block closed by a photo credit', () => {
  // An article's last paragraph, then an untitled photo caption wrapped at a narrow column and its
  // credit on a line of its own, then another article.
  const page = [
    '农机合作社帮助农民抢收水稻，今年的水稻收成比去年',
    '好。',
    '10月28日，农机手在田间收割',
    '水稻，合作社组织农机帮助农',
    '民抢收，烘干水稻。',
    '■本报记者 王伟 摄',
    '新建铁路开通运营',
    '本报讯（记者 李红）新建铁路今天开通运营，列车时速',
    '三百五十公里。',
  ].join('\n');
  const capOf = (set: typeof BASE_FEATURES) => {
    const input = pageInput(page, zhDailyRules);
    const features = input.featuresOf(set);
    return input.layout.lines.map((l, i) => [l.folded.slice(0, 6), features[i]!.own.filter((n) => n.startsWith('x:cap='))] as const);
  };

  it('marks the lines a photo credit closes below, with how far the credit is, and nothing in the base set', () => {
    const cap = capOf(CAPTION_FEATURES);
    const at = (prefix: string) => cap.find(([t]) => t.startsWith(prefix))![1];
    // The caption's first line: the credit is 3 lines below (bucket of 3 is 2).
    expect(at('10月28日')).toHaveLength(1);
    expect(at('10月28日')[0]).toMatch(/^x:cap=2\|/);
    expect(at('民抢收')[0]).toMatch(/^x:cap=0\|/);
    // The credit itself, the article after it and its dateline: no credit closes them.
    expect(at('■本报记者')).toEqual([]);
    expect(at('新建铁路')).toEqual([]);
    expect(capOf(BASE_FEATURES).every(([, f]) => f.length === 0)).toBe(true);
  });
});

describe('paragraph fill', () => {
  const FILL = /^x:(fill|pb)=/;
  // Wrapped at exactly 12 characters: the first paragraph ends on a line one character short
  // (11, with its stop), and a full line of the second holds a stray space (OCR), which the
  // column's width counts.
  const han = (k: number, n: number) => Array.from({ length: n }, (_, j) => '铁路部门表示，沿线车站已经，全部开通旅客，可以乘车出行，'[(k * 5 + j) % 28]).join('');
  const tight = [
    '新建铁路开通运营',
    han(0, 12),
    han(1, 12),
    `${han(2, 10)}。`,
    han(3, 12),
    `${han(4, 5)} ${han(9, 6)}`,
    han(5, 12),
    `${han(6, 5)}。`,
    han(7, 12),
    han(8, 12),
    `${han(9, 4)}。`,
  ].join('\n');
  const fillOf = (text: string) => {
    const input = pageInput(text, zhDailyRules);
    const features = input.featuresOf(FILL_FEATURES);
    return input.layout.lines.map((l, i) => [l.folded.slice(0, 4), features[i]!.own.filter((n) => FILL.test(n))] as const);
  };

  it('adds three features per line after the same base features, and none in the base set', () => {
    const input = pageInput(pages[0]!.text, zhDailyRules);
    const base = input.features;
    expect(base.some((f) => f.own.some((n) => FILL.test(n)))).toBe(false);
    input.featuresOf(FILL_FEATURES).forEach((f, i) => {
      expect(f.own.filter((n) => FILL.test(n))).toHaveLength(3);
      expect(f.own.filter((n) => !FILL.test(n))).toEqual(base[i]!.own);
      expect(f.shape).toEqual(base[i]!.shape);
    });
    expect(FILL_FEATURES.hash).not.toBe(BASE_FEATURES.hash);
    expect(featureSetByHash(FILL_FEATURES.hash)).toBe(FILL_FEATURES);
  });

  it('reads a tight column: the line after one a character short and the line after a full one with a stray space', () => {
    const lines = fillOf(tight);
    // The line under the paragraph's end, 11 of 12 with its stop, reads the shortfall with the stop above.
    expect(lines[4]![1][0]).toBe('x:fill=T|-1|stop|0');
    // The line with the space fills the column: the line under it reads 0 (−1 without the space).
    expect(lines[6]![1][0]).toBe('x:fill=T|0|han|0');
    // No blank lines on the page.
    expect(lines[6]![1][2]).toBe('x:pb=none|0|han|-1');
  });

  it('reads a page of one paragraph per line as no column, and blank lines under every line as no evidence', () => {
    const paraline = Array.from({ length: 8 }, (_, k) => `第${k}段落的文字很长，${'一二三四五六七八九十'.repeat(5)}。\n`).join('\n');
    const lines = fillOf(paraline);
    expect(lines.length).toBeGreaterThan(6);
    for (const [, f] of lines.slice(1)) {
      expect(f[0]).toMatch(/^x:fill=N\|/);
      expect(f[2]).toMatch(/^x:pb=every\|1\|stop\|9$/);
    }
  });
});
