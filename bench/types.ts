// The shape every bench module exports, run by bench/run.ts (`npm run bench [-- NAME...] [--json]`).
//
//   // bench/archive.ts
//   import type { BenchResult } from './types.ts';
//   export async function bench(): Promise<BenchResult[]> { ... }
//
// Benches print figures; they assert nothing about time (machines differ). A goal, when a result
// has one, is reported as met or not and never fails the run.

export type BenchFigure = number | string | boolean;

export interface BenchResult {
  /** Dotted name, module first: "engine.per-page", "archive.import". */
  name: string;
  /** Measured values; put the unit in the key ("medianMs", "charsPerMs", "ratio"). */
  figures: Record<string, BenchFigure>;
  /** One line for humans, e.g. "engine 1.2 ms/page = 2.1× the regex floor (goal < 3×: met)". */
  summary: string;
  /** An optional target, reported but never asserted. */
  goal?: { description: string; met: boolean };
}

export interface BenchModule {
  bench(): Promise<BenchResult[]>;
}
