// Segmentation engine speed on the corpus pages (resources/pages/*.txt):
// - per page: median engine time vs a floor (one regular-expression pass over the same text, timed
//   the same way); goal: engine < 3× the floor over the corpus;
// - the line-role model (the default path) beside the rule engine alone and a floor of ten regular
//   expressions tried on every line, all in the same run; goal: model ≤ 5 ms per page (median);
//   The model's goal is judged by CPU time (user + system of this process): on the shared 2-core
//   machine wall time mostly measures the other processes (it ran 5.6× slower at load 18 than at 6);
//   wall figures are printed beside;
// - the weight file's load (parse, check, index) against JSON.parse of the same file's text;
// - linearity: one page made of 100 corpus pages concatenated vs the mean single page (~100 expected).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { segmentPage } from '../core/engine/index.ts';
import { loadModel } from '../core/engine/model/model-file.ts';
import { fmtMs, median, time } from './timing.ts';
import type { BenchResult } from './types.ts';

const WEIGHTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'model', 'line-roles-v1.json');

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Median CPU time of one call: batches of calls long enough for the CPU clock, after a warm-up. */
export function cpuTime(fn: () => unknown, samples = 15, minSampleMs = 10): number {
  let calls = 1;
  for (let i = 0; i < 5; i++) fn();
  for (;;) {
    const t0 = cpuNow();
    for (let i = 0; i < calls; i++) fn();
    if (cpuNow() - t0 >= minSampleMs || calls >= 1 << 16) break;
    calls *= 2;
  }
  const perCall: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = cpuNow();
    for (let i = 0; i < calls; i++) fn();
    perCall.push((cpuNow() - t0) / calls);
  }
  return median(perCall);
}

const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'pages');
const FLOOR_GOAL = 3;
/** The budget for the model path, per page (median over the corpus pages). */
const MODEL_MS_GOAL = 5;

/** Ten patterns of the kind a line classifier tries (bylines, credits, jumps, dates, punctuation). */
const TEN_PATTERNS = [/^本报讯/, /记者/, /摄$/, /[（(]下转/, /[（(]上接/, /\d{4}年\d{1,2}月\d{1,2}日/, /[。！？]$/, /^——/, /^[■□◆●]/, /[，,；;]/];

/** A second floor: the ten patterns tried on every line (what any per-line rule reading costs at least). */
export function tenRegexFloor(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) for (const re of TEN_PATTERNS) if (re.test(line)) n++;
  return n;
}
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
    const rules = time(() => segmentPage(p.text, { model: null }));
    const floor = time(() => regexFloor(p.text));
    const tenFloor = time(() => tenRegexFloor(p.text));
    const modelCpuMs = cpuTime(() => segmentPage(p.text));
    const rulesCpuMs = cpuTime(() => segmentPage(p.text, { model: null }));
    const tenFloorCpuMs = cpuTime(() => tenRegexFloor(p.text));
    return { ...p, engineMs: engine.medianMs, rulesMs: rules.medianMs, floorMs: floor.medianMs, tenFloorMs: tenFloor.medianMs, modelCpuMs, rulesCpuMs, tenFloorCpuMs };
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
    summary: `model ${fmtMs(p.engineMs)}, rules ${fmtMs(p.rulesMs)} per run (${p.text.length} chars), floor ${fmtMs(p.floorMs)}: ${(p.engineMs / p.floorMs).toFixed(1)}×`,
  }));

  const medianOf = (key: 'engineMs' | 'rulesMs' | 'tenFloorMs' | 'modelCpuMs' | 'rulesCpuMs' | 'tenFloorCpuMs'): number => median(perPage.map((p) => p[key]));
  const modelMedian = medianOf('engineMs');
  const rulesMedian = medianOf('rulesMs');
  const tenMedian = medianOf('tenFloorMs');
  const modelCpu = medianOf('modelCpuMs');
  const rulesCpu = medianOf('rulesCpuMs');
  const tenCpu = medianOf('tenFloorCpuMs');
  results.push({
    name: 'engine.model',
    figures: {
      modelCpuMedianMs: modelCpu,
      rulesCpuMedianMs: rulesCpu,
      tenRegexCpuMedianMs: tenCpu,
      modelToRulesCpu: modelCpu / rulesCpu,
      modelToTenRegexCpu: modelCpu / tenCpu,
      modelMedianMs: modelMedian,
      rulesMedianMs: rulesMedian,
      tenRegexMedianMs: tenMedian,
      modelToRules: modelMedian / rulesMedian,
      goalMs: MODEL_MS_GOAL,
    },
    summary:
      `model ${fmtMs(modelCpu)} CPU/page median = ${(modelCpu / rulesCpu).toFixed(2)}× the rule engine (${fmtMs(rulesCpu)}) = ` +
      `${(modelCpu / tenCpu).toFixed(1)}× ten regexes per line (${fmtMs(tenCpu)}); by wall ${fmtMs(modelMedian)} = ${(modelMedian / rulesMedian).toFixed(2)}× the rules; ` +
      `goal ≤ ${MODEL_MS_GOAL} ms: ${modelCpu <= MODEL_MS_GOAL ? 'met' : 'not met'}`,
    goal: { description: `model ≤ ${MODEL_MS_GOAL} ms per page (median CPU time)`, met: modelCpu <= MODEL_MS_GOAL },
  });

  // The weight file's load against parsing its JSON text alone (the least any JSON weight file costs).
  const weightsText = readFileSync(WEIGHTS, 'utf8');
  const parseCpu = cpuTime(() => JSON.parse(weightsText), 7, 50);
  const loadCpu = cpuTime(() => loadModel(JSON.parse(weightsText)), 7, 50);
  results.push({
    name: 'engine.model-load',
    figures: { bytes: weightsText.length, parseCpuMs: parseCpu, loadCpuMs: loadCpu, ratio: loadCpu / parseCpu },
    summary: `weight file (${(weightsText.length / 1e6).toFixed(2)} MB) parsed and loaded in ${fmtMs(loadCpu)} CPU = ${(loadCpu / parseCpu).toFixed(2)}× JSON.parse alone (${fmtMs(parseCpu)}), warm`,
  });

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
