// `galley eval`: scores the segmentation engine on the annotated pages (resources/gold/*.json).
import { resolve } from 'node:path';
import { GoldError } from '../../../core/eval/gold.ts';
import { DEFAULT_EPOCHS } from '../../../core/engine/model/train.ts';
import { FEATURE_SETS, RECIPE_FEATURES, featureSetByName, type FeatureSet } from '../../../core/engine/model/feature-sets.ts';
import {
  DEFAULT_RESOURCES_DIR,
  evaluateCorpus,
  macroAverage,
  readBaseline,
  regressions,
  writeBaseline,
  type CorpusResult,
  type PageResult,
  type Segmenter,
} from '../../eval/corpus.ts';
import { LOWER_IS_BETTER, type MetricKey, type PageMetrics } from '../../../core/eval/metrics.ts';
import { defaultAnnotatedDirs, runSplits } from './eval-splits.ts';
import { EVALUATION_LAYOUTS, relaidLayoutName } from '../../training/gold-relayout.ts';

export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY: boolean;
}

export const USAGE = `usage: galley eval [--dir DIR] [--model FILE] [--layouts] [--json] [--verbose] [--write-baseline]
       galley eval --splits [--corpus DIR] [--dev YYYY-MM | --cross-dev YYYY-MM] [--seed N] [--epochs N] [--features SET] [--plain-annotated] [--sources-only] [--json]

Runs the segmentation engine on every DIR/gold/*.json annotation (galley.gold/1) and its page,
and prints per page: boundary precision/recall/F1, Pk and WindowDiff (lower is better), the field
accuracies, joins, breaks, masthead and the overall score, then the mean over pages.

  --dir DIR          resources folder holding gold/ and pages/ (default: the repository's resources/)
  --json             print the full result as JSON
  --verbose          also list every missed item, field, join, break and masthead field
  --write-baseline   rewrite DIR/eval-baseline.json from the current figures
  --model FILE       score these line-role weights (galley.line-roles/1 or /2, e.g. from galley train
                     with some pages held out) instead of the committed model; no baseline check
  --layouts          also score every page laid out again in ${EVALUATION_LAYOUTS.length} other column layouts
                     (${EVALUATION_LAYOUTS.map((l) => l.name).join(', ')}; rows "<page>--<layout>"), with a mean per
                     layout; no baseline check

  --splits           held-out figures of the line-role model: train on one month of the built
                     corpus and test on the other (both ways), and leave one source out over the
                     hand-annotated pages (resources/ and ../shared/gold); built and OCR pages
                     apart; the rule engine alone beside
  --corpus DIR       the page builder's corpus (default .cache/corpus)
  --dev YYYY-MM      only the dev split inside that (training) month: for tuning, never the test month
  --cross-dev YYYY-MM  only the cross-month dev split: train on all of that month, test on the other
                     month's days 1–7 (choose on these; days 8 on are the report days)
  --seed N, --epochs N   training seed and passes (default 1 and 10)
  --features SET     the features the models train on: ${FEATURE_SETS.map((s) => s.name).join(', ')} (default ${RECIPE_FEATURES.name}, the committed weights' recipe)
  --plain-annotated  leave-one-source-out folds train the annotated pages in their own layout only
                     (the recipe up to v7); every held-out source is scored in its own layout and in
                     ${EVALUATION_LAYOUTS.length} other column layouts either way
  --sources-only     leave one source out alone, without the month splits

Exit status: 0; 1 when a figure is worse than DIR/eval-baseline.json; 2 on bad arguments or gold files.
`;

const COLUMNS: { key: MetricKey; label: string }[] = [
  { key: 'boundaryPrecision', label: 'P' },
  { key: 'boundaryRecall', label: 'R' },
  { key: 'boundaryF1', label: 'F1' },
  { key: 'pk', label: 'Pk' },
  { key: 'windowDiff', label: 'WD' },
  { key: 'kind', label: 'kind' },
  { key: 'titles', label: 'titles' },
  { key: 'headline', label: 'head' },
  { key: 'contributors', label: 'contrib' },
  { key: 'paragraphs', label: 'paras' },
  { key: 'joins', label: 'joins' },
  { key: 'breaks', label: 'breaks' },
  { key: 'masthead', label: 'mast' },
  { key: 'score', label: 'score' },
];

interface Options {
  dir: string;
  json: boolean;
  verbose: boolean;
  writeBaseline: boolean;
  splits: boolean;
  corpus: string;
  dev: string | null;
  crossDev: string | null;
  seed: number;
  epochs: number;
  featureSet: FeatureSet;
  model: string | null;
  plainAnnotated: boolean;
  sourcesOnly: boolean;
  layouts: boolean;
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { dir: DEFAULT_RESOURCES_DIR, json: false, verbose: false, writeBaseline: false, splits: false, corpus: resolve('.cache/corpus'), dev: null, crossDev: null, seed: 1, epochs: DEFAULT_EPOCHS, featureSet: RECIPE_FEATURES, model: null, plainAnnotated: false, sourcesOnly: false, layouts: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const value = (name: string): string | undefined => (a === name ? args[++i] : a.slice(name.length + 1));
    if (a === '--json') o.json = true;
    else if (a === '--splits') o.splits = true;
    else if (a === '--corpus' || a.startsWith('--corpus=')) {
      const v = value('--corpus');
      if (!v) return '--corpus needs a folder';
      o.corpus = resolve(v);
    } else if (a === '--dev' || a.startsWith('--dev=')) {
      const v = value('--dev');
      if (!v || !/^\d{4}-\d{2}$/.test(v)) return '--dev needs a month as YYYY-MM';
      o.dev = v;
      o.splits = true;
    } else if (a === '--cross-dev' || a.startsWith('--cross-dev=')) {
      const v = value('--cross-dev');
      if (!v || !/^\d{4}-\d{2}$/.test(v)) return '--cross-dev needs a month as YYYY-MM';
      o.crossDev = v;
      o.splits = true;
    } else if (a === '--seed' || a.startsWith('--seed=') || a === '--epochs' || a.startsWith('--epochs=')) {
      const name = a.startsWith('--seed') ? '--seed' : '--epochs';
      const v = value(name);
      const n = Number(v);
      if (!v || !Number.isInteger(n) || n < (name === '--seed' ? 0 : 1) || n > 1_000_000) return `${name} needs a whole number${name === '--epochs' ? ' of 1 or more' : ''}`;
      if (name === '--seed') o.seed = n;
      else o.epochs = n;
    }
    else if (a === '--features' || a.startsWith('--features=')) {
      const set = featureSetByName(value('--features') ?? '');
      if (!set) return `--features needs one of ${FEATURE_SETS.map((s) => s.name).join(', ')}`;
      o.featureSet = set;
    } else if (a === '--model' || a.startsWith('--model=')) {
      const v = value('--model');
      if (!v) return '--model needs a weight file';
      o.model = resolve(v);
    } else if (a === '--layouts') {
      o.layouts = true;
    } else if (a === '--sources-only') {
      o.sourcesOnly = true;
      o.splits = true;
    } else if (a === '--plain-annotated') {
      o.plainAnnotated = true;
      o.splits = true;
    } else if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a === '--write-baseline') o.writeBaseline = true;
    else if (a === '--dir' || a.startsWith('--dir=')) {
      const v = a === '--dir' ? args[++i] : a.slice('--dir='.length);
      if (!v) return '--dir needs a folder';
      o.dir = resolve(v);
    } else return `unknown argument: ${a}`;
  }
  if (o.model && (o.splits || o.writeBaseline)) return '--model scores a weight file on --dir; it goes with neither --splits nor --write-baseline';
  if (o.layouts && (o.splits || o.writeBaseline)) return '--layouts scores the pages of --dir in more layouts; it goes with neither --splits nor --write-baseline';
  return o;
}

/** The engine with the weights in `path`; a file that is missing or not a weight file is a usage error. */
async function segmenterWith(path: string): Promise<Segmenter | string> {
  const { readWeightFile, WeightFileError } = await import('../../eval/weight-file.ts');
  const { segmentPage } = await import('../../../core/engine/index.ts');
  try {
    const model = readWeightFile(path);
    return (text, options) => segmentPage(text, { ...options, model });
  } catch (e) {
    if (e instanceof WeightFileError) return e.message;
    throw e;
  }
}

/** A row's layout: the one a page was laid out again in, else the page's own. */
const layoutOf = (id: string): string => relaidLayoutName(id) ?? 'own layout';

function table(result: CorpusResult, isTTY: boolean): string {
  const idWidth = Math.max(4, ...result.pages.map((p) => p.id.length));
  const cell = (m: PageMetrics, key: MetricKey, width: number): string => {
    const v = m[key];
    const s = v.toFixed(3).padStart(width);
    const perfect = LOWER_IS_BETTER.has(key) ? v === 0 : v === 1;
    return isTTY && !perfect ? `\x1b[33m${s}\x1b[0m` : s;
  };
  const widths = COLUMNS.map((c) => Math.max(5, c.label.length));
  const header = ['page'.padEnd(idWidth), ...COLUMNS.map((c, i) => c.label.padStart(widths[i] as number))].join('  ');
  const row = (label: string, m: PageMetrics) =>
    [label.padEnd(idWidth), ...COLUMNS.map((c, i) => cell(m, c.key, widths[i] as number))].join('  ');
  const out = [isTTY ? `\x1b[1m${header}\x1b[0m` : header];
  for (const p of result.pages) out.push(row(p.id, p.metrics));
  out.push('-'.repeat(header.length));
  out.push(row('mean', result.summary.macro));
  out.push(row('micro', result.summary.micro));
  const layouts = [...new Set(result.pages.map((p) => layoutOf(p.id)))];
  if (layouts.length > 1) {
    out.push('-'.repeat(header.length));
    for (const layout of layouts) out.push(row(`mean ${layout}`, macroAverage(result.pages.filter((p) => layoutOf(p.id) === layout).map((p) => p.metrics))));
  }
  return `${out.join('\n')}\n`;
}

function details(p: PageResult): string {
  const out: string[] = [`\n${p.id}  (${p.counts.matched}/${p.counts.gold} gold starts found, ${p.counts.predicted} predicted; Pk/WD over ${p.counts.lines} non-blank lines, k=${p.counts.k})`];
  for (const r of p.items) {
    if (!r.misses.length) continue;
    out.push(`  item ${r.index} ${r.kind} line ${r.line} ${JSON.stringify(r.anchor)}${r.found ? '' : ' — NOT FOUND'}`);
    for (const m of r.misses) out.push(`    ${m}`);
  }
  for (const e of p.extraItems) {
    out.push(`  extra predicted item ${e.index} ${e.kind} at line ${e.line} ${JSON.stringify(e.lineText)}`);
  }
  for (const [a, b] of p.missedJoins) out.push(`  join missed: ${JSON.stringify(a)} + ${JSON.stringify(b)} not in one paragraph`);
  for (const [a, b] of p.missedBreaks) out.push(`  break missed: ${JSON.stringify(a)} and ${JSON.stringify(b)} share a paragraph`);
  for (const m of p.missedMasthead) {
    out.push(`  masthead ${m.field}: predicted ${JSON.stringify(m.predicted)}, gold ${JSON.stringify(m.gold)}`);
  }
  if (out.length === 1) out.push('  no misses');
  return `${out.join('\n')}\n`;
}

export async function run(args: string[], io: CommandIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    io.stderr(`galley eval: ${opts}\n${USAGE}`);
    return 2;
  }
  if (opts.splits) {
    await runSplits({ corpus: opts.corpus, annotated: defaultAnnotatedDirs(), dev: opts.dev, crossDev: opts.crossDev, seed: opts.seed, epochs: opts.epochs, featureSet: opts.featureSet, plainAnnotated: opts.plainAnnotated, sourcesOnly: opts.sourcesOnly, json: opts.json }, io);
    return 0;
  }
  const segment = opts.model ? await segmenterWith(opts.model) : undefined;
  if (typeof segment === 'string') {
    io.stderr(`galley eval: ${segment}\n`);
    return 2;
  }
  let result: CorpusResult;
  try {
    result = await evaluateCorpus({ dir: opts.dir, ...(segment ? { segment } : {}), ...(opts.layouts ? { layouts: EVALUATION_LAYOUTS } : {}) });
  } catch (e) {
    if (e instanceof GoldError) {
      io.stderr(`galley eval: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (!result.pages.length) {
    io.stderr(`galley eval: no annotated pages in ${result.dir}/gold\n`);
    return 2;
  }

  let worse: string[] = [];
  let baselineNote = '';
  if (opts.writeBaseline) {
    baselineNote = `baseline written: ${writeBaseline(result, opts.dir)}\n`;
  } else if (!opts.model && !opts.layouts) {
    const baseline = readBaseline(opts.dir);
    if (baseline) worse = regressions(result, baseline);
  }

  if (opts.json) {
    io.stdout(`${JSON.stringify({ ...result, regressions: worse }, null, 2)}\n`);
  } else {
    io.stdout(table(result, io.isTTY));
    if (opts.verbose) for (const p of result.pages) io.stdout(details(p));
    if (baselineNote) io.stdout(baselineNote);
  }
  if (worse.length) {
    io.stderr(`galley eval: worse than the baseline:\n${worse.map((w) => `  ${w}\n`).join('')}`);
    return 1;
  }
  return 0;
}
