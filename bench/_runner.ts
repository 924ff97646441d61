// Runs bench modules and makes sure none fails silently (bench/run.ts; `npm run bench [-- NAME...]`).
// A part fails the run — named in the last line, exit code 1 — when its module does not load, has
// no bench() (a helper must start with "_" or be listed in HELPERS), throws, returns no result, or
// reports a figure that is not a finite number (NaN from a measurement that did not happen).
// A goal not met never fails the run: that is a figure, not a failure (see types.ts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchModule, BenchResult } from './types.ts';

/** Modules in bench/ that hold shared code, not a bench. */
export const HELPERS: ReadonlySet<string> = new Set(['run', 'types', 'timing']);

export interface RunOptions {
  dir: string;
  /** Module names to run (file names without .ts); all when empty. */
  only?: readonly string[];
  asJson?: boolean;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export interface RunOutcome {
  results: Record<string, BenchResult[] | { error: string }>;
  failed: { name: string; why: string }[];
  ran: string[];
}

export function benchModules(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_'))
    .map((f) => f.slice(0, -3))
    .filter((name) => !HELPERS.has(name))
    .sort();
}

const isBenchModule = (m: unknown): m is BenchModule =>
  typeof m === 'object' && m !== null && typeof (m as { bench?: unknown }).bench === 'function';

const fmt = (v: unknown): string => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : String(v));

/** Why a module's results cannot be trusted, or null. */
export function resultProblem(results: unknown): string | null {
  if (!Array.isArray(results) || results.length === 0) return 'returned no results';
  for (const r of results as Partial<BenchResult>[]) {
    if (typeof r?.name !== 'string' || !r.name) return 'a result has no name';
    if (typeof r.summary !== 'string' || !r.summary) return `${r.name}: no summary`;
    if (typeof r.figures !== 'object' || r.figures === null) return `${r.name}: no figures`;
    for (const [key, value] of Object.entries(r.figures)) {
      if (typeof value === 'number' && !Number.isFinite(value)) return `${r.name}: figure ${key} is ${value} (a measurement that did not happen)`;
    }
    if (r.goal !== undefined && typeof r.goal.met !== 'boolean') return `${r.name}: goal without met/not met`;
  }
  return null;
}

export async function runBenches(options: RunOptions): Promise<RunOutcome> {
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  const all = benchModules(options.dir);
  const only = options.only ?? [];
  const unknown = only.filter((n) => !all.includes(n));
  if (unknown.length) throw new Error(`no bench module ${unknown.map((n) => `bench/${n}.ts`).join(', ')}`);
  const modules = only.length ? all.filter((n) => only.includes(n)) : all;

  const outcome: RunOutcome = { results: {}, failed: [], ran: [] };
  let current = '';
  // A promise a bench left behind that rejects later still fails the run, under the bench's name.
  const stray = (e: unknown): void => {
    outcome.failed.push({ name: current || '(between benches)', why: `unhandled rejection: ${messageOf(e)}` });
  };
  process.on('unhandledRejection', stray);
  try {
    for (const name of modules) {
      current = name;
      if (!options.asJson) out(`\n== bench/${name}.ts`);
      try {
        const mod: unknown = await import(pathToFileURL(join(options.dir, `${name}.ts`)).href);
        if (!isBenchModule(mod)) throw new Error(`exports no bench() (a helper module's name starts with "_" or is in HELPERS of bench/_runner.ts)`);
        const results = await mod.bench();
        const problem = resultProblem(results);
        if (problem) throw new Error(problem);
        outcome.results[name] = results;
        outcome.ran.push(name);
        if (options.asJson) continue;
        for (const r of results) {
          out(`\n${r.name}: ${r.summary}`);
          for (const [k, v] of Object.entries(r.figures)) out(`  ${k.padEnd(24)} ${fmt(v)}`);
          if (r.goal) out(`  goal: ${r.goal.description}: ${r.goal.met ? 'met' : 'NOT met'}`);
        }
      } catch (e) {
        const why = messageOf(e);
        outcome.results[name] = { error: e instanceof Error ? (e.stack ?? why) : why };
        outcome.failed.push({ name, why });
        if (!options.asJson) err(`bench/${name}.ts FAILED: ${e instanceof Error ? (e.stack ?? why) : why}`);
      }
    }
    // Let a rejection scheduled by the last bench surface before the verdict.
    await new Promise((resolve) => setTimeout(resolve, 0));
  } finally {
    process.off('unhandledRejection', stray);
  }
  if (options.asJson) out(JSON.stringify(outcome.results, null, 2));
  const verdict = outcome.failed.length
    ? `bench: ${outcome.failed.length} of ${modules.length} failed: ${outcome.failed.map((f) => `${f.name} (${f.why.split('\n')[0]})`).join('; ')}`
    : `bench: all ${modules.length} ran`;
  // On stderr when it reports a failure, or beside --json (stdout then holds the JSON alone).
  (outcome.failed.length || options.asJson ? err : out)(verdict);
  return outcome;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message || e.name : String(e);
}
