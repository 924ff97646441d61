// Timing helpers shared by the bench modules (not a bench itself: it exports no `bench`).
import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export interface TimingOptions {
  /** Untimed calls first (JIT warm-up): at least this many... Default 20. */
  warmup?: number;
  /** ...and for at least this long. Default 200 ms. */
  warmupMs?: number;
  /** Timed samples; the result is their median. Default 41. */
  samples?: number;
  /** Calls per sample are raised until one sample takes at least this long (timer resolution). Default 2 ms. */
  minSampleMs?: number;
}

export interface Timing {
  /** Median time of one call, in milliseconds. */
  medianMs: number;
  /** Fastest sample's time per call. */
  minMs: number;
  samples: number;
  callsPerSample: number;
}

const MAX_CALLS = 1 << 20;

/** Median time of one call of `fn`: after warm-up, `samples` batches of calls, each batch timed as a whole. */
export function time(fn: () => unknown, options: TimingOptions = {}): Timing {
  const { warmup = 20, warmupMs = 200, samples = 41, minSampleMs = 2 } = options;
  let sink: unknown;
  const batch = (calls: number): number => {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) sink = fn();
    return performance.now() - t0;
  };
  const w0 = performance.now();
  for (let i = 0; i < warmup || performance.now() - w0 < warmupMs; i++) sink = fn();
  // Calls per sample: the smallest power of two whose batch takes minSampleMs twice in a row.
  let calls = 1;
  while (calls < MAX_CALLS && (batch(calls) < minSampleMs || batch(calls) < minSampleMs)) calls *= 2;
  const perCall: number[] = [];
  for (let s = 0; s < samples; s++) perCall.push(batch(calls) / calls);
  keep(sink);
  return { medianMs: median(perCall), minMs: Math.min(...perCall), samples, callsPerSample: calls };
}

let kept: unknown;
/** Keeps a result alive so the optimiser cannot drop the timed work. */
function keep(v: unknown): void {
  kept = v;
  if (kept === Symbol.for('never')) console.log(kept);
}

export const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(4)) + ' ms';

/** Benches draw the same inputs in every run, from the project's one seeded PRNG. */
export { seededRandom as rng } from '../core/engine/seeded-random.ts';

/** Nearest-rank percentile of an ascending list (NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
