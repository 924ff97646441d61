// Honest evaluation of the line-role model: train on one part of the material, score on another
// that neither the weights nor their authors saw. Platform-free (pages come from the Node loaders).
//
// Splits:
// - month → month: train on the built pages of one month of the corpus, test on the other's;
// - leave one source out: for every source of hand-annotated pages, train on everything else
//   (the corpus, when given, and the other sources' pages), test on that source's pages;
// - dev: the last days of the training month, held out of it, for choosing features and
//   hyper-parameters (never the test month).
// Built pages and OCR'd pages are reported separately; the rule engine alone is scored beside.
import type { Segmentation } from '../../shared/segmentation.ts';
import { segmentPage } from '../engine/segment.ts';
import type { LabelledPage } from '../engine/model/line-roles.ts';
import { DEFAULT_EPOCHS, trainModel } from '../engine/model/train.ts';
import type { LineRoleModel } from '../engine/model/weights.ts';
import type { FeatureSet } from '../engine/model/feature-sets.ts';
import { evaluatePage, metricsFromCounts, type PageCounts, type PageEvaluation, type PageMetrics } from './metrics.ts';

export interface SplitFigures {
  pages: number;
  /** Figures from counts pooled over the pages (boundary P/R/F1 over all starts). */
  micro: PageMetrics;
  /** Mean of the pages' overall scores. */
  meanScore: number;
}

export interface SplitResult {
  name: string;
  trainPages: number;
  /** Test figures by kind of page ("built", "ocr", "annotated"), for the model and for the rules alone. */
  model: Record<string, SplitFigures>;
  rules: Record<string, SplitFigures>;
  /**
   * The same model on pages it was trained on: how far the labels themselves let a model go. The
   * distance from here to the test figures is generalisation; below here, the pages are ambiguous
   * (or the gold disagrees with itself).
   */
  seen?: Record<string, SplitFigures>;
}

export interface SplitOptions {
  seed?: number;
  epochs?: number;
  /** Times each OCR page of the training side counts (default OCR_WEIGHT). */
  ocrWeight?: number;
  /** The features the split's models train on (default: the base set). */
  featureSet?: FeatureSet;
  /** Called after each split (progress on a long run). */
  progress?: (line: string) => void;
}

/** OCR'd pages are named "…-ocr" by the page builder. */
export const pageKind = (p: Pick<LabelledPage, 'id'>): 'ocr' | 'built' => (/-ocr(?:[-#]|$)/.test(p.id) ? 'ocr' : 'built');

/**
 * Real Tesseract pages are few beside the built pages and unlike them (columns read as one line,
 * debris, no indents): each counts this many times in training. Chosen by 3-fold cross-validation
 * over the training month's OCR pages (2019-10, folds by day): 1× boundary F1 0.714 / overall 0.669, 5× 0.728 / 0.683.
 */
export const OCR_WEIGHT = 5;

/** Each page `weightOf(page)` times; copies get their own ids ("…#2") so a seeded shuffle orders them like any page. */
export function repeatPages(pages: readonly LabelledPage[], weightOf: (p: LabelledPage) => number): LabelledPage[] {
  return pages.flatMap((p) => Array.from({ length: Math.max(1, weightOf(p)) }, (_, k) => (k === 0 ? p : { ...p, id: `${p.id}#${k + 1}` })));
}

const ocrWeighted = (pages: LabelledPage[], weight = OCR_WEIGHT): LabelledPage[] => repeatPages(pages, (p) => (pageKind(p) === 'ocr' ? weight : 1));

function pool(evals: PageEvaluation[]): SplitFigures {
  const sum = {} as PageCounts;
  for (const e of evals) for (const [k, v] of Object.entries(e.counts) as [keyof PageCounts, number][]) sum[k] = (sum[k] ?? 0) + v;
  return {
    pages: evals.length,
    micro: evals.length ? metricsFromCounts(sum) : metricsFromCounts({ ...sum }),
    meanScore: evals.length ? evals.reduce((s, e) => s + e.metrics.score, 0) / evals.length : 0,
  };
}

export function scorePages(pages: LabelledPage[], segment: (text: string) => Segmentation, kindOf: (p: LabelledPage) => string): Record<string, SplitFigures> {
  const groups = new Map<string, PageEvaluation[]>();
  for (const p of pages) {
    const kind = kindOf(p);
    const list = groups.get(kind) ?? [];
    list.push(evaluatePage(p.text, p.gold, segment(p.text), p.id));
    groups.set(kind, list);
  }
  return Object.fromEntries([...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, pool(v)]));
}

export function runSplit(name: string, train: LabelledPage[], test: LabelledPage[], options: SplitOptions, kindOf: (p: LabelledPage) => string = pageKind, seen: LabelledPage[] = []): SplitResult {
  const model: LineRoleModel = trainModel(train, { seed: options.seed ?? 1, epochs: options.epochs ?? DEFAULT_EPOCHS, version: `eval-${name}`, ...(options.featureSet ? { featureSet: options.featureSet } : {}) });
  const result: SplitResult = {
    name,
    // Distinct pages: weighted copies ("…#2") are not more material.
    trainPages: train.filter((p) => !/#\d+$/.test(p.id)).length,
    model: scorePages(test, (t) => segmentPage(t, { model }), kindOf),
    rules: scorePages(test, (t) => segmentPage(t, { model: null }), kindOf),
    ...(seen.length ? { seen: scorePages(seen, (t) => segmentPage(t, { model }), kindOf) } : {}),
  };
  options.progress?.(formatSplit(result));
  return result;
}

/** Month splits over built/OCR pages: each month trains, the other tests. */
export function monthSplits(corpus: LabelledPage[], options: SplitOptions = {}): SplitResult[] {
  const months = [...new Set(corpus.map((p) => p.month).filter((m): m is string => !!m))].sort();
  const out: SplitResult[] = [];
  for (const train of months) {
    for (const test of months) {
      if (train === test) continue;
      const trainPages = corpus.filter((p) => p.month === train);
      // As many seen pages as a week of the test month: the training month's first DEV_DAYS days.
      const seen = trainPages.filter((p) => dayOfMonth(p) >= 1 && dayOfMonth(p) <= DEV_DAYS);
      out.push(runSplit(`${train}→${test}`, ocrWeighted(trainPages, options.ocrWeight), corpus.filter((p) => p.month === test), options, pageKind, seen));
    }
  }
  return out;
}

/** Day of the month in a corpus page's id ("pd-2020-02-07-p03-v1" → 7); 0 when the id has none. */
export const dayOfMonth = (p: Pick<LabelledPage, 'id'>): number => Number(/\d{4}-\d{2}-(\d{2})/.exec(p.id)?.[1] ?? '0');

/** Days 1…DEV_DAYS of the other month are the cross-month dev days; the later days only report. */
export const DEV_DAYS = 7;

/**
 * The pages of a cross-month dev split: all of `trainMonth` trains; of every other month, days
 * 1…devDays are dev (choices are made on them) and the later days are report (scored once, for
 * the figures, never looked at while choosing). A dev split inside the training month shares its
 * sections, columns and writers, and twice rewarded changes that did not carry to the other month.
 */
export function crossMonthPages<P extends Pick<LabelledPage, 'id' | 'month'>>(corpus: readonly P[], trainMonth: string, devDays = DEV_DAYS): { train: P[]; dev: P[]; report: P[] } {
  const other = corpus.filter((p) => p.month !== undefined && p.month !== trainMonth);
  return {
    train: corpus.filter((p) => p.month === trainMonth),
    dev: other.filter((p) => dayOfMonth(p) >= 1 && dayOfMonth(p) <= devDays),
    report: other.filter((p) => dayOfMonth(p) > devDays),
  };
}

/** The cross-month dev split: train on all of `trainMonth`, test on the other month's first devDays days. */
export function crossMonthDevSplit(corpus: LabelledPage[], trainMonth: string, options: SplitOptions & { devDays?: number } = {}): SplitResult {
  const devDays = options.devDays ?? DEV_DAYS;
  const { train, dev } = crossMonthPages(corpus, trainMonth, devDays);
  return runSplit(`dev ${trainMonth}→other month, days 1–${devDays}`, ocrWeighted(train, options.ocrWeight), dev, options);
}

/** Dev split inside one month: days before `fromDay` train, the rest tests (for tuning; never the test month). */
export function devSplit(corpus: LabelledPage[], month: string, fromDay = 25, options: SplitOptions = {}): SplitResult {
  const inMonth = corpus.filter((p) => p.month === month);
  return runSplit(`dev ${month} <${fromDay}→≥${fromDay}`, ocrWeighted(inMonth.filter((p) => dayOfMonth(p) < fromDay), options.ocrWeight), inMonth.filter((p) => dayOfMonth(p) >= fromDay), options);
}

/** Pages of a source laid out again, besides its own (leave one source out). */
export interface OtherLayouts {
  /** The other sources' pages in more layouts, trained beside their own. */
  train: LabelledPage[];
  /** The held-out source's pages in more layouts, scored beside its own. */
  test: LabelledPage[];
  /** The held-out source's pages as Tesseract read them from rendered images (scored, never trained on). */
  ocr?: LabelledPage[];
}

/** Test-page kind of leave one source out: a page in its own layout, or laid out again. */
export const ANNOTATED_KIND = 'annotated';
export const RELAID_KIND = 'annotated, other layouts';
export const ANNOTATED_OCR_KIND = 'annotated, real OCR';

/**
 * Leave one source out over the hand-annotated pages; the corpus (if any) always trains. One fold
 * per source means one training per source: `corpusStride` N trains each fold on every Nth corpus
 * page (default 4), which keeps twenty folds to minutes; the figure is then if anything pessimistic.
 * With `otherLayouts`, a fold also trains on the other sources' pages in more layouts, and scores
 * the held-out source in its own layout (kind ANNOTATED_KIND) and in other ones (RELAID_KIND); with
 * `otherLayouts.ocr`, also as real OCR read it (ANNOTATED_OCR_KIND).
 */
export function leaveOneSourceOut(
  annotated: LabelledPage[],
  corpus: LabelledPage[],
  options: SplitOptions & { corpusStride?: number; annotatedWeight?: number; otherLayouts?: OtherLayouts } = {},
): SplitResult[] {
  const sources = [...new Set(annotated.map((p) => p.source))].sort();
  const stride = Math.max(1, options.corpusStride ?? 4);
  const sample = ocrWeighted(corpus.filter((_, i) => i % stride === 0), options.ocrWeight);
  // The other sources' pages count as often as in the shipped model's training (training-data.ts).
  const weight = Math.max(1, options.annotatedWeight ?? 1);
  const repeat = (pages: LabelledPage[]) => pages.flatMap((p) => Array.from({ length: weight }, (_, k) => (k === 0 ? p : { ...p, id: `${p.id}#${k + 1}` })));
  const trainable = [...annotated, ...(options.otherLayouts?.train ?? [])];
  const relaid = new Set(options.otherLayouts?.test.map((p) => p.id));
  const ocr = new Set(options.otherLayouts?.ocr?.map((p) => p.id));
  const kindOf = (p: LabelledPage): string => (ocr.has(p.id) ? ANNOTATED_OCR_KIND : relaid.has(p.id) ? RELAID_KIND : ANNOTATED_KIND);
  return sources.map((s) =>
    runSplit(
      `without ${s}`,
      [...sample, ...repeat(trainable.filter((p) => p.source !== s))],
      [...annotated, ...(options.otherLayouts?.test ?? []), ...(options.otherLayouts?.ocr ?? [])].filter((p) => p.source === s),
      options,
      kindOf,
    ),
  );
}

/** Pooled figures over several splits' test pages of one kind (e.g. every leave-one-out fold). */
export function combine(results: SplitResult[], which: 'model' | 'rules', kind: string): { pages: number; boundaryF1: number; meanScore: number } {
  const figs = results.map((r) => r[which][kind]).filter((f): f is SplitFigures => f !== undefined);
  const pages = figs.reduce((s, f) => s + f.pages, 0);
  return {
    pages,
    boundaryF1: pages ? figs.reduce((s, f) => s + f.micro.boundaryF1 * f.pages, 0) / pages : 0,
    meanScore: pages ? figs.reduce((s, f) => s + f.meanScore * f.pages, 0) / pages : 0,
  };
}

const f3 = (x: number): string => x.toFixed(3);

/** "  LABEL  N pages  model P … R … F1 … overall …": one row of a split's figures. */
const modelRow = (label: string, m: SplitFigures): string =>
  `  ${label.padEnd(9)} ${String(m.pages).padStart(4)} pages  model P ${f3(m.micro.boundaryPrecision)} R ${f3(m.micro.boundaryRecall)} F1 ${f3(m.micro.boundaryF1)} overall ${f3(m.meanScore)}`;

export function formatSplit(r: SplitResult): string {
  const rows = Object.keys(r.model).map((kind) => {
    const b = r.rules[kind]!;
    return `${modelRow(kind, r.model[kind]!)}   rules F1 ${f3(b.micro.boundaryF1)} overall ${f3(b.meanScore)}`;
  });
  const seen = Object.entries(r.seen ?? {}).map(([kind, m]) => `${modelRow(`seen ${kind}`, m)}   (pages it trained on: the labels' own ceiling)`);
  return `${r.name} (trained on ${r.trainPages} pages)\n${[...rows, ...seen].join('\n')}\n`;
}
