// Runs every bench module in bench/ (each exports `bench(): Promise<BenchResult[]>`, see types.ts)
// and exits 1, naming them, when any part failed (see _runner.ts for what counts as failing).
// Usage: npm run bench [-- NAME... ] [--json]   (NAME = module file name without .ts, e.g. "engine")
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBenches } from './_runner.ts';

const args = process.argv.slice(2);
try {
  const { failed } = await runBenches({
    dir: dirname(fileURLToPath(import.meta.url)),
    only: args.filter((a) => !a.startsWith('--')),
    asJson: args.includes('--json'),
  });
  process.exitCode = failed.length ? 1 : 0;
} catch (e) {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
}
