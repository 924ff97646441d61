// Node loader for the evaluation corpus: every <dir>/gold/*.json with its page, scored against the engine.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Segmentation } from '../../shared/segmentation.ts';
import { GoldError, parseGold, type Gold } from '../../core/eval/gold.ts';
import { relaidId, relayoutAnnotated, type NamedLayout } from '../training/gold-relayout.ts';
import {
  evaluatePage,
  LOWER_IS_BETTER,
  METRIC_KEYS,
  metricsFromCounts,
  normaliseText,
  type MetricKey,
  type PageCounts,
  type PageEvaluation,
  type PageMetrics,
} from '../../core/eval/metrics.ts';

/** The repository's resources folder (where the corpus and the baseline live). */
export const DEFAULT_RESOURCES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources');

export type Segmenter = (text: string, options?: { pageNumber?: number }) => Segmentation;

export interface CorpusPage {
  /** File name of the gold annotation without ".json". */
  id: string;
  goldPath: string;
  textPath: string;
  gold: Gold;
  /** Page text with CR/CRLF normalised to LF. */
  text: string;
}

export interface PageResult extends PageEvaluation {
  id: string;
  goldPath: string;
  textPath: string;
}

export interface CorpusSummary {
  pages: number;
  /** Mean of each page's figures. */
  macro: PageMetrics;
  /** Figures from the counts pooled over all pages. */
  micro: PageMetrics;
}

export interface CorpusResult {
  dir: string;
  pages: PageResult[];
  summary: CorpusSummary;
}

/** Finds the page text of a gold file: its `text` path from the folder above the gold folder, else pages/<id>.txt. */
function locateText(dir: string, goldPath: string, gold: Gold, id: string): string {
  const candidates = [resolve(dirname(goldPath), '..', gold.text), join(dir, 'pages', basename(gold.text)), join(dir, 'pages', `${id}.txt`)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new GoldError(goldPath, [`text: page not found (tried ${candidates.join(', ')})`]);
  return found;
}

/** Reads and validates every gold annotation under <dir>/gold, sorted by file name. */
export function loadCorpus(dir: string = DEFAULT_RESOURCES_DIR): CorpusPage[] {
  const goldDir = join(dir, 'gold');
  if (!existsSync(goldDir)) return [];
  return readdirSync(goldDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const goldPath = join(goldDir, f);
      const id = f.replace(/\.json$/, '');
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(goldPath, 'utf8'));
      } catch (e) {
        throw new GoldError(goldPath, [`not valid JSON: ${(e as Error).message}`]);
      }
      const gold = parseGold(json, goldPath);
      const textPath = locateText(dir, goldPath, gold, id);
      return { id, goldPath, textPath, gold, text: normaliseText(readFileSync(textPath, 'utf8')) };
    });
}

async function defaultSegmenter(): Promise<Segmenter> {
  const engine = await import('../../core/engine/index.ts');
  return engine.segmentPage;
}

/** Mean of each figure over pages; for an empty list every figure is 0. */
export function macroAverage(all: readonly PageMetrics[]): PageMetrics {
  const out = {} as PageMetrics;
  for (const k of METRIC_KEYS) out[k] = all.length ? all.reduce((s, m) => s + m[k], 0) / all.length : 0;
  return out;
}

/** Figures from counts pooled over pages (window metrics pooled over all windows). */
export function microAverage(all: readonly PageCounts[]): PageMetrics {
  const sum = {} as PageCounts;
  for (const c of all) for (const [k, v] of Object.entries(c) as [keyof PageCounts, number][]) sum[k] = (sum[k] ?? 0) + v;
  if (!all.length) return macroAverage([]);
  return metricsFromCounts(sum);
}

/** Every page, and with `layouts` each page also laid out again in each of them ("<id>--<layout>"). */
function pagesInLayouts(pages: CorpusPage[], layouts: readonly NamedLayout[]): CorpusPage[] {
  return pages.flatMap((p) => [
    p,
    ...layouts.map(({ name, layout }) => ({ ...p, id: relaidId(p.id, name), ...relayoutAnnotated(p.text, p.gold, layout) })),
  ]);
}

/** Runs the engine (or `segment`) on every corpus page (in `layouts` too, if given) and scores it. */
export async function evaluateCorpus(options: { dir?: string; segment?: Segmenter; layouts?: readonly NamedLayout[] } = {}): Promise<CorpusResult> {
  const dir = resolve(options.dir ?? DEFAULT_RESOURCES_DIR);
  const segment = options.segment ?? (await defaultSegmenter());
  const pages = pagesInLayouts(loadCorpus(dir), options.layouts ?? []).map((p): PageResult => {
    const prediction = segment(p.text, p.gold.page !== undefined ? { pageNumber: p.gold.page } : undefined);
    return { id: p.id, goldPath: p.goldPath, textPath: p.textPath, ...evaluatePage(p.text, p.gold, prediction, p.goldPath) };
  });
  return {
    dir,
    pages,
    summary: {
      pages: pages.length,
      macro: macroAverage(pages.map((p) => p.metrics)),
      micro: microAverage(pages.map((p) => p.counts)),
    },
  };
}

// ---- Baseline -------------------------------------------------------------------------------------

export const BASELINE_SCHEMA = 'galley.eval-baseline/1' as const;
export interface Baseline {
  schema: typeof BASELINE_SCHEMA;
  /** Per page id, the figures the engine reached; none may get worse (pk/windowDiff: none may rise). */
  pages: Record<string, Partial<Record<MetricKey, number>>>;
}

export function baselinePath(dir: string = DEFAULT_RESOURCES_DIR): string {
  return join(dir, 'eval-baseline.json');
}

export function readBaseline(dir: string = DEFAULT_RESOURCES_DIR): Baseline | null {
  const path = baselinePath(dir);
  if (!existsSync(path)) return null;
  const json = JSON.parse(readFileSync(path, 'utf8')) as Baseline;
  if (json.schema !== BASELINE_SCHEMA || typeof json.pages !== 'object') throw new Error(`${path}: not a ${BASELINE_SCHEMA} file`);
  return json;
}

/** Baseline JSON for a corpus result (figures rounded to 12 decimals; checks allow 1e-9). */
export function baselineFrom(result: CorpusResult): Baseline {
  const pages: Baseline['pages'] = {};
  for (const p of result.pages) {
    const figures: Partial<Record<MetricKey, number>> = {};
    for (const k of METRIC_KEYS) figures[k] = Number(p.metrics[k].toFixed(12));
    pages[p.id] = figures;
  }
  return { schema: BASELINE_SCHEMA, pages };
}

/** Writes <dir>/eval-baseline.json from a corpus result; returns its path. */
export function writeBaseline(result: CorpusResult, dir: string = result.dir): string {
  const path = baselinePath(dir);
  writeFileSync(path, `${JSON.stringify(baselineFrom(result), null, 2)}\n`);
  return path;
}

/** Figures of a result that fall below (pk/windowDiff: rise above) the baseline by more than `tolerance`. */
export function regressions(result: CorpusResult, baseline: Baseline, tolerance = 1e-9): string[] {
  const out: string[] = [];
  for (const p of result.pages) {
    const base = baseline.pages[p.id];
    if (!base) continue;
    for (const k of METRIC_KEYS) {
      const b = base[k];
      if (b === undefined) continue;
      const v = p.metrics[k];
      const worse = LOWER_IS_BETTER.has(k) ? v > b + tolerance : v < b - tolerance;
      if (worse) out.push(`${p.id}: ${k} ${v.toFixed(4)} (baseline ${b.toFixed(4)})`);
    }
  }
  return out;
}
