// `galley eval --splits`: the line-role model's held-out figures (see core/eval/splits.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledPage } from '../../../core/engine/model/line-roles.ts';
import { ANNOTATED_OCR_DIR, annotatedPages, annotatedPagesInLayouts } from '../../../electron/eval/labelled-pages.ts';
import { EVALUATION_LAYOUTS, TRAINING_LAYOUTS } from '../../training/gold-relayout.ts';
import { ANNOTATED_WEIGHT, corpusPages } from '../../eval/training-data.ts';
import { ANNOTATED_KIND, ANNOTATED_OCR_KIND, combine, crossMonthDevSplit, devSplit, leaveOneSourceOut, monthSplits, RELAID_KIND, type SplitResult } from '../../../core/eval/splits.ts';
import { DEFAULT_RESOURCES_DIR } from '../../eval/corpus.ts';
import type { FeatureSet } from '../../../core/engine/model/feature-sets.ts';

const LOSO_CORPUS_STRIDE = 8;

export interface SplitsOptions {
  /** The page builder's corpus folder; absent → month splits are skipped with one line. */
  corpus: string | null;
  /** Folders of hand-annotated pages (gold/ + pages/). */
  annotated: string[];
  /** Only the dev split of this month (for tuning). */
  dev: string | null;
  /** Only the cross-month dev split: train on all of this month, test on the other month's first days. */
  crossDev?: string | null;
  seed: number;
  epochs: number;
  /** The features the models train on (default: the base set). */
  featureSet?: FeatureSet;
  /** Leave-one-source-out folds train on annotated pages in their own layout only (the recipe before v8). */
  plainAnnotated?: boolean;
  /** Only leave one source out (no month splits). */
  sourcesOnly?: boolean;
  json: boolean;
}

export interface SplitsIO {
  stdout(text: string): void;
}

/** Hand-annotated pages from several folders, each page once (the same id in two folders counts once). */
function annotatedFrom(dirs: string[], load: (dir: string) => LabelledPage[] = annotatedPages): LabelledPage[] {
  const seen = new Set<string>();
  const out: LabelledPage[] = [];
  for (const dir of dirs) {
    if (!existsSync(join(dir, 'gold'))) continue;
    for (const p of load(dir)) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      out.push(p);
    }
  }
  return out;
}

export const defaultAnnotatedDirs = (): string[] => [DEFAULT_RESOURCES_DIR, '/work/shared'].filter((d) => existsSync(join(d, 'gold')));

export async function runSplits(o: SplitsOptions, io: SplitsIO): Promise<SplitResult[]> {
  const progress = o.json ? undefined : (line: string) => io.stdout(line);
  const trained = { seed: o.seed, epochs: o.epochs, ...(o.featureSet ? { featureSet: o.featureSet } : {}), ...(progress ? { progress } : {}) };
  const corpus = o.corpus && existsSync(o.corpus) ? await corpusPages(o.corpus) : null;
  const results: SplitResult[] = [];
  if (o.crossDev) {
    if (!corpus) io.stdout(`cross-month dev split: no corpus folder (${o.corpus ?? 'none given'}); build it with galley build-corpus\n`);
    else results.push(crossMonthDevSplit(corpus, o.crossDev, trained));
  } else if (o.dev) {
    if (!corpus) io.stdout(`dev split: no corpus folder (${o.corpus ?? 'none given'}); build it with galley build-corpus\n`);
    else results.push(devSplit(corpus, o.dev, 25, trained));
  } else {
    if (!corpus) io.stdout(`month splits: no corpus folder (${o.corpus ?? 'none given'}); skipped\n`);
    else if (!o.sourcesOnly) results.push(...monthSplits(corpus, trained));
    const annotated = annotatedFrom(o.annotated);
    // Every held-out source is also scored in other column layouts; the folds train the other sources
    // in more layouts too, as the shipped model does (training-data.ts), unless --plain-annotated.
    const otherLayouts = {
      train: o.plainAnnotated ? [] : annotatedFrom(o.annotated, (dir) => annotatedPagesInLayouts(TRAINING_LAYOUTS, dir)),
      test: annotatedFrom(o.annotated, (dir) => annotatedPagesInLayouts(EVALUATION_LAYOUTS, dir)),
      // What Tesseract read from rendered images of them (galley build-corpus --annotated-ocr).
      ocr: annotatedFrom(o.annotated.map((dir) => join(dir, ANNOTATED_OCR_DIR))),
    };
    // One training per source: each fold trains on every 8th corpus page and the other sources' pages
    // counted half as often as in the shipped model, which keeps the twenty folds to minutes.
    const loso = leaveOneSourceOut(annotated, corpus ?? [], { ...trained, corpusStride: LOSO_CORPUS_STRIDE, annotatedWeight: ANNOTATED_WEIGHT / 2, otherLayouts });
    results.push(...loso);
    if (!o.json && loso.length) {
      for (const [kind, label] of [[ANNOTATED_KIND, 'in their own layout'], [RELAID_KIND, `in ${EVALUATION_LAYOUTS.length} other layouts`], [ANNOTATED_OCR_KIND, 'as Tesseract read them from page images']] as const) {
        const m = combine(loso, 'model', kind);
        if (!m.pages) continue;
        const r = combine(loso, 'rules', kind);
        io.stdout(
          `leave-one-source-out over ${m.pages} annotated pages ${label} (${loso.length} sources${o.plainAnnotated ? ', folds trained on their own layouts only' : ''}): model boundary F1 ${m.boundaryF1.toFixed(3)} overall ${m.meanScore.toFixed(3)}; ` +
            `rules F1 ${r.boundaryF1.toFixed(3)} overall ${r.meanScore.toFixed(3)}${kind === ANNOTATED_KIND ? ' (rules were written on these pages: not a held-out figure)' : ''}\n`,
        );
      }
    }
  }
  if (o.json) io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  return results;
}
