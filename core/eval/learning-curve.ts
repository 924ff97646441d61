// The learning curve of publication profiles (issue 10): for runs of consecutive pages of one
// paper, the score on page k+1 after the profile learned online from its first k pages (k = 0:
// the base model alone), beside the base model's score on the same page. Platform-free: the
// caller loads the pages. Learning and scoring are the app's own: labelFromGold + refitProfile,
// segmentPage with the profile, the evaluation metrics of `galley eval`.
import type { Gold } from './gold.ts';
import { evaluatePage } from './metrics.ts';
import { segmentPage } from '../engine/index.ts';
import type { LineRoleModel, Profile } from '../engine/model/index.ts';
import { refitProfile } from './profile-learning.ts';
import { labelFromGold } from '../engine/model/labels.ts';

export interface CurvePage {
  id: string;
  text: string;
  gold: Gold;
}

/** The paper a page belongs to: its id without date and page ("pd-2020-02-03-p04-v1" → "pd-v1", "yunxi-daily-2023-03-14-p2" → "yunxi-daily"). */
export function paperOf(id: string): string {
  return id.replace(/-\d{4}-\d{2}-\d{2}-p[A-Za-z]?\d+/, '').replace(/-(heldout|crlf|ascii|traditional|noisy|oneline)\b.*$/, '');
}

/**
 * `runs` blocks of `length` consecutive pages (in id order: date, then page), spread evenly over the
 * paper. With `rotate`, every block is run in each of its `length` cyclic orders, so every page is
 * scored once at every k: the curve then shows what learning did, not which pages happened to come
 * k-th (pages differ in difficulty far more than a profile moves them).
 */
export function runsOf(pages: readonly CurvePage[], length: number, runs: number, rotate = false): CurvePage[][] {
  const sorted = [...pages].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const chunks = Math.floor(sorted.length / length);
  const take = Math.min(runs, chunks);
  const out: CurvePage[][] = [];
  for (let r = 0; r < take; r++) {
    const c = Math.floor((r * chunks) / take);
    const block = sorted.slice(c * length, (c + 1) * length);
    if (!rotate) out.push(block);
    else for (let k = 0; k < length; k++) out.push([...block.slice(k), ...block.slice(0, k)]);
  }
  return out;
}

export interface CurvePoint {
  /** Pages learned before this one. */
  k: number;
  runs: number;
  /** Mean overall score (the shared scorer's formula) with the profile learned from k pages. */
  score: number;
  boundaryF1: number;
  /** The base model alone on the same pages. */
  baseScore: number;
  baseBoundaryF1: number;
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** The curve over `runs` (each a paper's consecutive pages): point k scores page k+1 of every run. */
export function learningCurve(runs: readonly (readonly CurvePage[])[], base: LineRoleModel, publication: string): CurvePoint[] {
  const steps = Math.min(...runs.map((r) => r.length));
  const acc = Array.from({ length: steps }, () => ({ score: [] as number[], f1: [] as number[], base: [] as number[], baseF1: [] as number[] }));
  for (const run of runs) {
    let profile: Profile | null = null;
    const proofed = [];
    for (let k = 0; k < steps; k++) {
      const page = run[k]!;
      const opts = page.gold.page !== undefined ? { pageNumber: page.gold.page } : {};
      const baseEval = evaluatePage(page.text, page.gold, segmentPage(page.text, { ...opts, model: base }), page.id).metrics;
      const withProfile = profile ? evaluatePage(page.text, page.gold, segmentPage(page.text, { ...opts, model: base, profile }), page.id).metrics : baseEval;
      acc[k]!.score.push(withProfile.score);
      acc[k]!.f1.push(withProfile.boundaryF1);
      acc[k]!.base.push(baseEval.score);
      acc[k]!.baseF1.push(baseEval.boundaryF1);
      // Then the editor proofs it: the profile learns the page, as in the app.
      if (k + 1 < steps) {
        proofed.push(labelFromGold(page.text, page.gold, publication, page.id));
        profile = refitProfile(base, publication, proofed, profile);
      }
    }
  }
  return acc.map((a, k) => ({ k, runs: a.score.length, score: mean(a.score), boundaryF1: mean(a.f1), baseScore: mean(a.base), baseBoundaryF1: mean(a.baseF1) }));
}
