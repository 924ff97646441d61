// Node loader of training material for the line-role model: the page builder's corpus and the
// hand-annotated pages (DIR/gold + DIR/pages).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledPage } from '../../core/engine/model/line-roles.ts';
import { DEFAULT_MODEL_FILE } from '../../core/engine/model/default-model.ts';
import { DEFAULT_RESOURCES_DIR } from './corpus.ts';
import { annotatedPages, annotatedPagesInLayouts } from './labelled-pages.ts';
import { isRelaidId, TRAINING_LAYOUTS, type NamedLayout } from '../training/gold-relayout.ts';
import { OCR_WEIGHT, pageKind, repeatPages } from '../../core/eval/splits.ts';

export const DEFAULT_MODEL_PATH = join(DEFAULT_RESOURCES_DIR, 'model', DEFAULT_MODEL_FILE);

export interface TrainingSources {
  /** The page builder's output folder (built and OCR'd pages with their labels). */
  corpus?: string;
  /** Annotated pages' folder; null leaves them out; default resources/. */
  annotated?: string | null;
  /** Only corpus pages of these months. */
  months?: string[];
  /** How many times each hand-annotated page counts (default ANNOTATED_WEIGHT). */
  annotatedWeight?: number;
  /** The column layouts annotated pages also train in, each counted as often (default TRAINING_LAYOUTS). */
  annotatedLayouts?: readonly NamedLayout[];
}

/**
 * Hand-annotated pages are real papers with habits the built corpus lacks, and there are few of
 * them beside two thousand built pages: each counts this many times in training.
 */
export const ANNOTATED_WEIGHT = 20;

export class TrainingDataError extends Error {
  override readonly name = 'TrainingDataError';
}

/** Built corpus pages (via the corpus owner's loader), filtered by month. */
export async function corpusPages(dir: string, months?: readonly string[]): Promise<LabelledPage[]> {
  if (!existsSync(dir)) throw new TrainingDataError(`corpus folder not found: ${dir}`);
  const { loadLabelledPages } = await import('../training/node/corpus-files.ts');
  const pages = await loadLabelledPages(dir);
  return months?.length ? pages.filter((p) => p.month !== undefined && months.includes(p.month)) : pages;
}

export async function loadTrainingPages(sources: TrainingSources): Promise<LabelledPage[]> {
  const corpus = sources.corpus ? repeatPages(await corpusPages(sources.corpus, sources.months), (p) => (pageKind(p) === 'ocr' ? OCR_WEIGHT : 1)) : [];
  const dir = sources.annotated ?? DEFAULT_RESOURCES_DIR;
  const annotated = sources.annotated === null ? [] : [...annotatedPages(dir), ...annotatedPagesInLayouts(sources.annotatedLayouts ?? TRAINING_LAYOUTS, dir)];
  const weight = Math.max(1, sources.annotatedWeight ?? ANNOTATED_WEIGHT);
  // Copies get their own ids ("…#2"), so the seeded shuffle orders them like any other page.
  const repeated = annotated.flatMap((p) => Array.from({ length: weight }, (_, k) => (k === 0 ? p : { ...p, id: `${p.id}#${k + 1}` })));
  return [...corpus, ...repeated];
}

/** "1,952 pages: 2019-10 976 (488 ocr), resources 25" — recorded in the weights. */
export function describePages(pages: readonly LabelledPage[]): string {
  const groups = new Map<string, number>();
  for (const p of pages) {
    if (/#\d+$/.test(p.id)) continue;
    const key = p.source.startsWith('people-daily') || /^pd-/.test(p.id) ? `${p.source} ${p.month ?? ''}${/-ocr/.test(p.id) ? ' ocr' : ''}` : isRelaidId(p.id) ? 'annotated, laid out again' : 'annotated';
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const copies = pages.filter((p) => /#\d+$/.test(p.id)).length;
  const ocr = pages.some((p) => /#\d+$/.test(p.id) && pageKind(p) === 'ocr');
  return `${pages.length - copies} pages${copies ? ` (annotated pages counted ${ANNOTATED_WEIGHT}×${ocr ? `, OCR pages ${OCR_WEIGHT}×` : ''})` : ''} (${[...groups].sort().map(([k, n]) => `${k.trim()}: ${n}`).join(', ')})`;
}
