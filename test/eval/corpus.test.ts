// Regression test of the segmentation engine on the annotated corpus (resources/gold/*.json).
// Raise the bar with `npm run galley -- eval --write-baseline` after an improvement.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/commands/eval.ts';
import { annotatedPages } from '../../electron/eval/labelled-pages.ts';
import { serializeModel, trainModel } from '../../core/engine/model/index.ts';
import { EVALUATION_LAYOUTS } from '../../electron/training/gold-relayout.ts';
import {
  baselineFrom,
  evaluateCorpus,
  loadCorpus,
  readBaseline,
  regressions,
  type Baseline,
  type CorpusResult,
} from '../../electron/eval/corpus.ts';
import { LOWER_IS_BETTER, METRIC_KEYS } from '../../core/eval/metrics.ts';

const HENGYANG = 'hengyang-daily-2021-10-29-p1';

function capture(isTTY = false) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), isTTY }, out, err };
}

describe('evaluation corpus', () => {
  let result: CorpusResult;
  let baseline: Baseline | null;
  beforeAll(async () => {
    result = await evaluateCorpus();
    baseline = readBaseline();
  });

  it('loads every gold file with its page', () => {
    const pages = loadCorpus();
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.map((p) => p.id)).toContain(HENGYANG);
    for (const p of pages) expect(p.text).not.toMatch(/\r/);
    expect(result.pages.map((p) => p.id)).toEqual(pages.map((p) => p.id));
  });

  it('the Hengyang page meets the project floors: boundary F1 = 1, score ≥ 0.95', () => {
    const page = result.pages.find((p) => p.id === HENGYANG);
    expect(page, 'Hengyang page in the corpus').toBeDefined();
    expect(page!.metrics.boundaryF1).toBe(1);
    expect(page!.metrics.score).toBeGreaterThanOrEqual(0.95);
  });

  it('no page falls below resources/eval-baseline.json', () => {
    expect(baseline, 'resources/eval-baseline.json').not.toBeNull();
    for (const id of Object.keys(baseline!.pages)) {
      expect(result.pages.map((p) => p.id), `baseline page ${id} still in the corpus`).toContain(id);
    }
    for (const p of result.pages) {
      const base = baseline!.pages[p.id];
      if (!base) continue; // a page annotated after the baseline was written
      for (const k of METRIC_KEYS) {
        const b = base[k];
        if (b === undefined) continue;
        if (LOWER_IS_BETTER.has(k)) expect(p.metrics[k], `${p.id} ${k}`).toBeLessThanOrEqual(b + 1e-9);
        else expect(p.metrics[k], `${p.id} ${k}`).toBeGreaterThanOrEqual(b - 1e-9);
      }
    }
    expect(regressions(result, baseline!)).toEqual([]);
  });

  it('regressions() reports a figure that got worse', () => {
    const raised = baselineFrom(result);
    const id = result.pages[0]!.id;
    raised.pages[id] = { ...raised.pages[id], score: 1.5, pk: -1 };
    const worse = regressions(result, raised);
    expect(worse.some((w) => w.startsWith(`${id}: score`))).toBe(true);
    expect(worse.some((w) => w.startsWith(`${id}: pk`))).toBe(true);
  });
});

/** A fresh folder of annotated pages holding the Hengyang page alone (the caller removes it). */
function hengyangAloneDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'gold'));
  mkdirSync(join(dir, 'pages'));
  const page = loadCorpus().find((p) => p.id === HENGYANG)!;
  writeFileSync(join(dir, 'gold', `${HENGYANG}.json`), readFileSync(page.goldPath));
  writeFileSync(join(dir, 'pages', `${HENGYANG}.txt`), readFileSync(page.textPath));
  return dir;
}

describe('galley eval', () => {
  it('prints one row per page and the mean', async () => {
    const { io, out } = capture();
    const code = await run([], io);
    const text = out.join('');
    expect(text).toMatch(/^page\s+P\s+R\s+F1\s+Pk\s+WD\s+kind/);
    for (const p of loadCorpus()) expect(text).toContain(p.id);
    expect(text).toMatch(/\nmean\s/);
    expect([0, 1]).toContain(code); // 1 = worse than the baseline, which the corpus test reports in detail
  });

  it('--json and --verbose', async () => {
    const json = capture();
    await run(['--json'], json.io);
    const parsed = JSON.parse(json.out.join('')) as CorpusResult & { regressions: string[] };
    expect(parsed.summary.pages).toBe(parsed.pages.length);
    const verbose = capture();
    await run(['--verbose'], verbose.io);
    expect(verbose.out.join('')).toContain(`\n${HENGYANG}  (`);
  });

  it('--write-baseline writes the current figures; bad arguments exit 2', async () => {
    const dir = hengyangAloneDir('galley-eval-');
    try {
      const c = capture();
      expect(await run(['--dir', dir, '--write-baseline'], c.io)).toBe(0);
      const written = JSON.parse(readFileSync(join(dir, 'eval-baseline.json'), 'utf8')) as Baseline;
      expect(Object.keys(written.pages)).toEqual([HENGYANG]);
      expect(await run(['--dir', dir], capture().io)).toBe(0);

      writeFileSync(join(dir, 'gold', 'broken.json'), JSON.stringify({ schema: 'galley.gold/1', text: 'pages/x.txt', items: [] }));
      const broken = capture();
      expect(await run(['--dir', dir], broken.io)).toBe(2);
      expect(broken.err.join('')).toMatch(/broken\.json: invalid galley\.gold\/1[\s\S]*items: must list at least one item/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const bad = capture();
    expect(await run(['--frobnicate'], bad.io)).toBe(2);
    expect(bad.err.join('')).toMatch(/unknown argument: --frobnicate/);
  });

  it('--layouts scores every page also laid out again, with a mean per layout', async () => {
    const dir = hengyangAloneDir('galley-eval-layouts-');
    try {
      const json = capture();
      expect(await run(['--dir', dir, '--layouts', '--json'], json.io)).toBe(0);
      const result = JSON.parse(json.out.join('')) as CorpusResult;
      expect(result.pages.map((p) => p.id)).toEqual([HENGYANG, ...EVALUATION_LAYOUTS.map((l) => `${HENGYANG}--${l.name}`)]);
      // The page laid out again is another page: more lines, the same items.
      const wrapped = result.pages.find((p) => p.id.endsWith('--w14-dense'))!;
      expect(wrapped.counts.gold).toBe(result.pages[0]!.counts.gold);
      expect(wrapped.counts.lines).toBeGreaterThan(result.pages[0]!.counts.lines * 3);
      const table = capture();
      await run(['--dir', dir, '--layouts'], table.io);
      for (const l of ['own layout', ...EVALUATION_LAYOUTS.map((x) => x.name)]) expect(table.out.join('')).toMatch(new RegExp(`\\nmean ${l} +[01]\\.\\d{3}`));
      const both = capture();
      expect(await run(['--dir', dir, '--layouts', '--write-baseline'], both.io)).toBe(2);
      expect(both.err.join('')).toMatch(/--layouts scores the pages of --dir in more layouts/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--model scores a weight file instead of the committed model, and refuses a missing or broken one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-eval-model-'));
    try {
      // A model trained on two invented pages, one pass: it must read the Hengyang page worse than the committed model.
      const weak = trainModel(annotatedPages().filter((p) => p.id !== HENGYANG).slice(0, 2), { epochs: 1, version: 'weak' });
      writeFileSync(join(dir, 'weak.json'), JSON.stringify(serializeModel(weak)));
      const withWeak = capture();
      expect(await run(['--model', join(dir, 'weak.json'), '--json'], withWeak.io)).toBe(0);
      const withCommitted = capture();
      await run(['--json'], withCommitted.io);
      const score = (out: string[]): number => {
        const r = JSON.parse(out.join('')) as CorpusResult;
        return r.pages.find((p) => p.id === HENGYANG)!.metrics.score;
      };
      expect(score(withCommitted.out)).toBe(1);
      expect(score(withWeak.out)).toBeLessThan(0.95);

      const missing = capture();
      expect(await run(['--model', join(dir, 'none.json')], missing.io)).toBe(2);
      expect(missing.err.join('')).toMatch(/none\.json: no such model file/);
      writeFileSync(join(dir, 'broken.json'), '{"schema":"galley.line-roles/2"}');
      const broken = capture();
      expect(await run(['--model', join(dir, 'broken.json')], broken.io)).toBe(2);
      expect(broken.err.join('')).toMatch(/broken\.json: not a line-role weight file/);
      const both = capture();
      expect(await run(['--model', join(dir, 'weak.json'), '--write-baseline'], both.io)).toBe(2);
      expect(both.err.join('')).toMatch(/--model scores a weight file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
