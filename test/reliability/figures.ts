// Figures the reliability, fuzz and security tests measure (kills survived, inputs tried...):
// printed, and written as JSON to $GALLEY_FIGURES_DIR (default: <tmp>/galley-figures/NAME.json)
// so docs/reliability.md can be refreshed from a run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Fixed at load: a test may point os.tmpdir() elsewhere for a while.
const DEFAULT_DIR = join(tmpdir(), 'galley-figures');

export function figuresDir(): string {
  return process.env.GALLEY_FIGURES_DIR ?? DEFAULT_DIR;
}

export function recordFigures(name: string, figures: Record<string, unknown>): void {
  const dir = figuresDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ name, at: new Date().toISOString(), ...figures }, null, 2) + '\n');
  console.log(`[figures] ${name}: ${JSON.stringify(figures)}`);
}

/** A whole number from the environment, or the fallback. */
export function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got ${raw}`);
  return n;
}

/** True in `npm run test:stress` (npm names the script in npm_lifecycle_event), or with GALLEY_STRESS=1. */
export const STRESS = process.env.GALLEY_STRESS === '1' || process.env.npm_lifecycle_event === 'test:stress';
