// Segmentation engine speed on the corpus pages (resources/pages/*.txt):
// - per page: median engine time vs a floor (one regular-expression pass over the same text, timed
//   the same way); goal: engine < 3× the floor over the corpus;
// - linearity: one page made of 100 corpus pages concatenated vs the mean single page (~100 expected).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { segmentPage } from '../electron/engine/index.ts';
import { fmtMs, time } from './timing.ts';
import type { BenchResult } from './types.ts';

const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'pages');
const FLOOR_GOAL = 3;
const CONCATENATED = 100;

/** The floor: a single regular-expression pass over the text, counting sentence ends and lines. */
export function regexFloor(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(/[。！？!?]|\n/g)) n++;
  return n;
}

function corpusPages(): { id: string; text: string }[] {
  return readdirSync(PAGES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ id: f.slice(0, -4), text: readFileSync(join(PAGES_DIR, f), 'utf8').replace(/\r\n?/g, '\n') }));
}

export async function bench(): Promise<BenchResult[]> {
  const pages = corpusPages();
  if (!pages.length) throw new Error(`no pages in ${PAGES_DIR}`);

  const perPage = pages.map((p) => {
    const engine = time(() => segmentPage(p.text));
    const floor = time(() => regexFloor(p.text));
    return { ...p, engineMs: engine.medianMs, floorMs: floor.medianMs };
  });
  const engineTotal = perPage.reduce((s, p) => s + p.engineMs, 0);
  const floorTotal = perPage.reduce((s, p) => s + p.floorMs, 0);
  const ratio = engineTotal / floorTotal;
  const chars = pages.reduce((s, p) => s + p.text.length, 0);

  const results: BenchResult[] = perPage.map((p) => ({
    name: `engine.page.${p.id}`,
    figures: {
      chars: p.text.length,
      engineMedianMs: p.engineMs,
      floorMedianMs: p.floorMs,
      ratioToFloor: p.engineMs / p.floorMs,
    },
    summary: `${fmtMs(p.engineMs)} per run (${p.text.length} chars), floor ${fmtMs(p.floorMs)}: ${(p.engineMs / p.floorMs).toFixed(1)}×`,
  }));

  results.push({
    name: 'engine.per-page',
    figures: {
      pages: pages.length,
      meanEngineMs: engineTotal / pages.length,
      meanFloorMs: floorTotal / pages.length,
      ratioToFloor: ratio,
      engineCharsPerMs: chars / engineTotal,
      goalRatio: FLOOR_GOAL,
    },
    summary: `engine ${fmtMs(engineTotal / pages.length)}/page = ${ratio.toFixed(2)}× the regex floor (goal < ${FLOOR_GOAL}×: ${ratio < FLOOR_GOAL ? 'met' : 'not met'})`,
    goal: { description: `engine time < ${FLOOR_GOAL}× one regex pass`, met: ratio < FLOOR_GOAL },
  });

  // Linearity: 100 corpus pages (cycling through the corpus) as one page vs the mean single page.
  const parts = Array.from({ length: CONCATENATED }, (_, i) => perPage[i % perPage.length]!);
  const big = parts.map((p) => p.text.replace(/\n+$/, '')).join('\n\n\n');
  const singleMean = parts.reduce((s, p) => s + p.engineMs, 0) / parts.length;
  const bigTiming = time(() => segmentPage(big), { warmup: 2, warmupMs: 0, samples: 7, minSampleMs: 0 });
  const linearity = bigTiming.medianMs / singleMean;
  results.push({
    name: 'engine.linearity',
    figures: {
      pagesConcatenated: CONCATENATED,
      chars: big.length,
      concatenatedMedianMs: bigTiming.medianMs,
      singlePageMeanMs: singleMean,
      ratio: linearity,
      expectedRatio: CONCATENATED,
    },
    summary: `${CONCATENATED} pages in one: ${fmtMs(bigTiming.medianMs)} = ${linearity.toFixed(1)}× one page (linear ≈ ${CONCATENATED}×)`,
  });
  return results;
}
