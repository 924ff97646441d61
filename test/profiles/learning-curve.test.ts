// The learning-curve evaluation: papers, runs of consecutive pages, and the curve's points.
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../electron/eval/corpus.ts';
import { learningCurve, paperOf, runsOf, type CurvePage } from '../../core/eval/learning-curve.ts';
import { defaultModel } from '../../core/engine/model/index.ts';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { main } from '../../electron/cli/main.ts';

describe('learning curve', { timeout: 120_000 }, () => {
  it('groups pages into papers by id without date and page', () => {
    expect(paperOf('pd-2020-02-03-p04-v1')).toBe('pd-v1');
    expect(paperOf('pd-2020-02-03-p04-v1-ocr')).toBe('pd-v1-ocr');
    // A house style's pages are one paper (galley build-corpus --house-styles).
    expect(paperOf('pd-2020-02-03-p04-h2')).toBe('pd-h2');
    expect(paperOf('yunxi-daily-2023-03-14-p2')).toBe('yunxi-daily');
    expect(paperOf('jiangzhou-daily-2023-11-20-pA3-noisy')).toBe('jiangzhou-daily');
  });

  it('takes runs of consecutive pages spread over the paper', () => {
    const pages = Array.from({ length: 10 }, (_, i) => ({ id: `pd-2020-02-${String(10 + i)}-p01-v1` }) as CurvePage).reverse();
    const runs = runsOf(pages, 3, 2);
    expect(runs.map((r) => r.map((p) => p.id.slice(11, 13)))).toEqual([['10', '11', '12'], ['13', '14', '15']]);
    expect(runsOf(pages, 3, 10)).toHaveLength(3);
    expect(runsOf(pages, 11, 1)).toHaveLength(0);
    // Rotated: each block in all its cyclic orders, so every page comes at every k once.
    const rotated = runsOf(pages, 3, 2, true);
    expect(rotated.map((r) => r.map((p) => p.id.slice(11, 13)).join(' '))).toEqual(['10 11 12', '11 12 10', '12 10 11', '13 14 15', '14 15 13', '15 13 14']);
  });

  it('scores page k+1 after learning from k pages, the base model at k = 0', () => {
    const yunxi = loadCorpus().filter((p) => p.id.startsWith('yunxi-daily'));
    expect(yunxi.length).toBe(3);
    const points = learningCurve([yunxi], defaultModel(), 'yunxi-daily');
    expect(points.map((p) => p.k)).toEqual([0, 1, 2]);
    expect(points[0]!.score).toBe(points[0]!.baseScore);
    for (const p of points) {
      expect(p.runs).toBe(1);
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
    }
  });

  it('galley learning-curve prints a table per paper and validates its options', async () => {
    const io = captureIO();
    expect(await main(['learning-curve', '--match', '^yunxi'], io)).toBe(0);
    expect(io.out()).toMatch(/^yunxi-daily: 1 run of 3 consecutive pages \(of 3\), model /);
    expect(io.out().trim().split('\n')).toHaveLength(5);
    for (const [argv, message] of [
      [['--steps', '1'], /--steps: must be 2 or more/],
      [['--match', '('], /--match: is not a valid regular expression/],
      [['--match', '^nothing-like-this'], /no annotated pages matching/],
      [['x.json'], /takes no FILE arguments/],
    ] as const) {
      const e = captureIO();
      expect(await main(['learning-curve', ...argv], e)).toBe(1);
      expect(e.err()).toMatch(message);
    }
  });
});
