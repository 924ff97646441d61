// npm run bench cannot fail silently (issue 15): a part that does not load, has no bench(),
// throws, returns nothing or reports NaN is named in the verdict and fails the run.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { benchModules, resultProblem, runBenches } from '../../bench/_runner.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const BENCH = fileURLToPath(new URL('../../bench/', import.meta.url));

function capture(): { out: string[]; err: string[]; sinks: { out: (l: string) => void; err: (l: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, sinks: { out: (l) => out.push(l), err: (l) => err.push(l) } };
}

describe('the bench runner', () => {
  it('runs every module, and names each part that failed and why', async () => {
    const c = capture();
    const outcome = await runBenches({ dir: FIXTURES, ...c.sinks });
    expect(outcome.ran).toEqual(['ok']);
    expect(Object.fromEntries(outcome.failed.map((f) => [f.name, f.why]))).toEqual({
      empty: 'returned no results',
      helper: expect.stringMatching(/exports no bench\(\)/),
      nan: 'nan.cpu: figure cpuMs is NaN (a measurement that did not happen)',
      throws: 'the host did not start',
    });
    const verdict = c.err.at(-1) ?? '';
    expect(verdict).toMatch(/^bench: 4 of 5 failed: /);
    for (const name of ['empty', 'helper', 'nan', 'throws']) expect(verdict).toContain(`${name} (`);
    expect(c.out.join('\n')).toContain('ok.one: fine');
    expect(c.out.join('\n')).toContain('goal: under 2: met');
  });

  it('says all ran when none failed, and keeps stdout to the JSON with --json', async () => {
    const plain = capture();
    expect((await runBenches({ dir: FIXTURES, only: ['ok'], ...plain.sinks })).failed).toEqual([]);
    expect(plain.out.at(-1)).toBe('bench: all 1 ran');
    const json = capture();
    await runBenches({ dir: FIXTURES, only: ['ok', 'throws'], asJson: true, ...json.sinks });
    const parsed = JSON.parse(json.out.join('\n')) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['ok', 'throws']);
    expect(parsed.throws).toMatchObject({ error: expect.stringContaining('the host did not start') });
    expect(json.err.at(-1)).toMatch(/^bench: 1 of 2 failed: throws/);
  });

  it('refuses a module name that does not exist', async () => {
    await expect(runBenches({ dir: FIXTURES, only: ['nope'], ...capture().sinks })).rejects.toThrow('no bench module bench/nope.ts');
  });

  it('checks result shapes', () => {
    expect(resultProblem([{ name: 'a', summary: 's', figures: { x: Infinity } }])).toBe('a: figure x is Infinity (a measurement that did not happen)');
    expect(resultProblem([{ name: 'a', summary: '', figures: {} }])).toBe('a: no summary');
    expect(resultProblem(undefined)).toBe('returned no results');
    expect(resultProblem([{ name: 'a', summary: 's', figures: { x: 1, y: 'z' }, goal: { description: 'd', met: false } }])).toBeNull();
  });

  it('lists the real benches, helpers and "_" files left out', () => {
    const names = benchModules(BENCH);
    expect(names).toEqual(expect.arrayContaining(['engine', 'startup', 'ui', 'bundle', 'archive']));
    for (const helper of ['run', 'types', 'timing', '_runner', '_first-search']) expect(names).not.toContain(helper);
  });
});
