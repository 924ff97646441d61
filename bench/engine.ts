// Segmentation engine speed on the corpus pages (resources/pages/*.txt):
// - per page: median engine time vs a floor (one regular-expression pass over the same text, timed
//   the same way); goal: engine < 3× the floor over the corpus;
// - the line-role model (the default path) beside the rule engine alone and a floor of ten regular
//   expressions tried on every line, all in the same run; goal: model ≤ 5 ms per page (median);
//   The model's goal is judged by CPU time (user + system of this process): on the shared 2-core
//   machine wall time mostly measures the other processes (it ran 5.6× slower at load 18 than at 6);
//   wall figures are printed beside;
// - the weight file's load (parse, check, index) against JSON.parse of the same file's text;
// - the engine (model included) against the ten-regex floor by CPU time: issue 15's goal ≤ 3×;
// - linearity by CPU time: 100 and 1,000 corpus pages concatenated into one text, their cost per
//   character against one page's (issue 15: no superlinear step).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { segmentPage } from '../core/engine/index.ts';
import { loadModel } from '../core/engine/model/model-file.ts';
import { binaryFromFile, loadBinaryModel } from '../core/engine/model/binary-file.ts';
import { hashedEmissions, hashedWeights } from '../core/engine/model/hashed.ts';
import { pageFeatures } from '../core/engine/model/features.ts';
import { pageInput } from '../core/engine/model/page-input.ts';
import { pageEmissions } from '../core/engine/model/weights.ts';
import { defaultModel } from '../core/engine/model/default-model.ts';
import { zhDailyRules } from '../core/engine/rules/zh-daily.ts';
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
/** Pages concatenated into one text for the linearity figures. */
const CONCATENATED = [100, 1000] as const;
/** Per character, a long text may cost this much more than one page before it counts as a superlinear step. */
const LINEAR_GOAL = 1.2;

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
  // The binary weight file (what the Node build loads) against the JSON file's load, same weights.
  const binary = binaryFromFile(JSON.parse(weightsText));
  const binaryCpu = cpuTime(() => loadBinaryModel(binary, () => new Map()), 7, 50);
  // What decoding needs from the JSON: the model and its hashed table (made on first decode).
  const readyCpu = cpuTime(() => hashedWeights(loadModel(JSON.parse(weightsText))), 7, 50);
  results.push({
    name: 'engine.model-load',
    figures: { bytes: weightsText.length, parseCpuMs: parseCpu, loadCpuMs: loadCpu, ratio: loadCpu / parseCpu, binaryBytes: binary.length, binaryLoadCpuMs: binaryCpu, jsonReadyCpuMs: readyCpu, jsonReadyToBinary: readyCpu / binaryCpu },
    summary:
      `weight file (${(weightsText.length / 1e6).toFixed(2)} MB) parsed and loaded in ${fmtMs(loadCpu)} CPU = ${(loadCpu / parseCpu).toFixed(2)}× JSON.parse alone (${fmtMs(parseCpu)}), warm; ` +
      `ready to decode (JSON, load and hash table) ${fmtMs(readyCpu)}; the pre-unpacked binary (${(binary.length / 1e6).toFixed(2)} MB, already read) ${fmtMs(binaryCpu)} (${(readyCpu / binaryCpu).toFixed(0)}× less)`,
  });

  // Scoring alone, both paths over the same features in one run: names built and looked up by
  // name (the string path, still training's) against features hashed as they are made (decoding's).
  const model = defaultModel();
  const hashed = hashedWeights(model);
  const views = pages.map((p) => pageInput(p.text, zhDailyRules).view);
  const byName = median(views.map((v) => cpuTime(() => pageEmissions(model, pageFeatures(v)), 9)));
  const asMade = median(views.map((v) => cpuTime(() => hashedEmissions(hashed, v), 9)));
  results.push({
    name: 'engine.scoring',
    figures: { byNameCpuMedianMs: byName, hashedCpuMedianMs: asMade, ratio: byName / asMade },
    summary: `features and scores of a page, median CPU: hashed as made ${fmtMs(asMade)} against names built and looked up ${fmtMs(byName)} (${(byName / asMade).toFixed(2)}×)`,
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

  // The floor for the whole engine: ten precompiled regexes per line, by CPU time.
  results.push({
    name: 'engine.floor',
    figures: { modelCpuMedianMs: modelCpu, tenRegexCpuMedianMs: tenCpu, ratio: modelCpu / tenCpu, goalRatio: FLOOR_GOAL },
    summary: `engine with the model ${fmtMs(modelCpu)} CPU/page = ${(modelCpu / tenCpu).toFixed(0)}× ten regexes per line (${fmtMs(tenCpu)}); goal ≤ ${FLOOR_GOAL}×: ${modelCpu / tenCpu <= FLOOR_GOAL ? 'met' : 'not met'}`,
    goal: { description: `engine (model included) ≤ ${FLOOR_GOAL}× ten regexes per line, CPU`, met: modelCpu / tenCpu <= FLOOR_GOAL },
  });

  // Linearity: k corpus pages (cycling through the corpus, each page equally often when k is a
  // multiple of the corpus) as one text, CPU per character against the single pages' CPU per character.
  const onePerChar = perPage.reduce((s, p) => s + p.modelCpuMs, 0) / chars;
  for (const k of CONCATENATED) {
    const big = Array.from({ length: k }, (_, i) => perPage[i % perPage.length]!.text.replace(/\n+$/, '')).join('\n\n\n');
    const cpuMs = bigCpuTime(() => segmentPage(big), k >= 1000 ? 3 : 5);
    const ratio = cpuMs / big.length / onePerChar;
    results.push({
      name: `engine.linearity-${k}`,
      figures: { pagesConcatenated: k, chars: big.length, cpuMs, charsPerMs: big.length / cpuMs, onePageCharsPerMs: 1 / onePerChar, perCharRatio: ratio, goalRatio: LINEAR_GOAL },
      summary: `${k} pages in one text (${big.length} chars): ${fmtMs(cpuMs)} CPU, per character ${ratio.toFixed(2)}× one page's (${(big.length / cpuMs).toFixed(0)} against ${(1 / onePerChar).toFixed(0)} chars/ms)`,
      goal: { description: `per character ≤ ${LINEAR_GOAL}× one page (no superlinear step)`, met: ratio <= LINEAR_GOAL },
    });
  }
  return results;
}

/** Median CPU time of a long call (seconds each): one warm-up call, then `samples` calls. */
function bigCpuTime(fn: () => unknown, samples: number): number {
  fn();
  const each: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = cpuNow();
    fn();
    each.push(cpuNow() - t0);
  }
  return median(each);
}

