// Runs every bench module in bench/ (each exports `bench(): Promise<BenchResult[]>`, see types.ts).
// Usage: npm run bench [-- NAME... ] [--json]   (NAME = module file name without .ts, e.g. "engine")
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, BenchResult } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const only = args.filter((a) => !a.startsWith('--'));

const modules = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_') && f !== 'run.ts' && f !== 'types.ts')
  .map((f) => f.slice(0, -3))
  .filter((name) => !only.length || only.includes(name))
  .sort();

const unknown = only.filter((n) => !modules.includes(n));
if (unknown.length) {
  console.error(`bench: no module ${unknown.map((n) => `bench/${n}.ts`).join(', ')}`);
  process.exit(2);
}

const isBenchModule = (m: unknown): m is BenchModule =>
  typeof m === 'object' && m !== null && typeof (m as { bench?: unknown }).bench === 'function';

const fmt = (v: unknown): string => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : String(v));

const all: Record<string, BenchResult[] | { error: string }> = {};
let failed = false;
for (const name of modules) {
  const mod: unknown = await import(pathToFileURL(join(here, `${name}.ts`)).href);
  if (!isBenchModule(mod)) continue; // a helper module (e.g. timing.ts)
  if (!asJson) console.log(`\n== bench/${name}.ts`);
  try {
    const results = await mod.bench();
    all[name] = results;
    if (asJson) continue;
    for (const r of results) {
      console.log(`\n${r.name}: ${r.summary}`);
      for (const [k, v] of Object.entries(r.figures)) console.log(`  ${k.padEnd(24)} ${fmt(v)}`);
      if (r.goal) console.log(`  goal: ${r.goal.description}: ${r.goal.met ? 'met' : 'NOT met'}`);
    }
  } catch (e) {
    failed = true;
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    all[name] = { error: message };
    if (!asJson) console.error(`bench/${name}.ts failed: ${message}`);
  }
}
if (asJson) console.log(JSON.stringify(all, null, 2));
process.exitCode = failed ? 1 : 0;
