// `galley learning-curve`: how a publication profile improves segmentation as editors proof pages
// (core/eval/learning-curve.ts). For each paper in DIR (gold/*.json with their pages), runs of
// consecutive pages: the score on page k+1 after learning from the first k, beside the base model.
import { resolve } from 'node:path';
import { z } from 'zod';
import { tokenize, validate } from '../args.ts';
import type { CliIO } from '../cli-io.ts';

export const summary = 'Learning curve of publication profiles: the score on page k+1 after learning from k pages';
export const usage = 'galley learning-curve [--dir DIR] [--match REGEX] [--base MODEL.json] [--steps N] [--runs N] [--rotate] [--json]';

const HELP = `Usage: ${usage}

For every paper in DIR (gold/*.json annotations and their pages; a paper is the page id without
its date and page, e.g. pd-2020-02-03-p04-v1 → pd-v1), takes runs of consecutive pages and
scores page k+1 after a profile learned online from pages 1..k (k = 0: the base model alone),
beside the base model's score on the same page. Scores use the shared scorer's overall formula.

Options:
  --dir DIR      folder with gold/ and pages/ (default: the repository's resources/)
  --match REGEX  only pages whose id matches (e.g. '^pd-2020-02-.*-v1$')
  --steps N      pages per run (default 9: k = 0..8)
  --runs N       runs per paper (default 10), spread over the paper's pages
  --rotate       run each block of pages in all its cyclic orders (every page is scored at
                 every k, so the curve shows learning rather than which pages came k-th)
  --base FILE    the base model (galley.line-roles/1 or /2, e.g. from galley train --months 2019-10):
                 pages the base was trained on say nothing about learning (default: the
                 committed model)
  --json         print the curves as JSON
  -h, --help     show this help
`;

const count = (what: string, max: number) =>
  z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(2, { error: `must be 2 or more` }).max(max, { error: `must be ${max} or less (${what})` });

const argsSchema = z.object({
  positionals: z.array(z.string()).max(0, { error: 'takes no FILE arguments (use --dir)' }),
  flags: z.object({
    help: z.boolean().optional(),
    json: z.boolean().optional(),
    rotate: z.boolean().optional(),
    dir: z.string().min(1).optional(),
    base: z.string().min(1).optional(),
    match: z
      .string()
      .min(1)
      .refine((s) => {
        try {
          new RegExp(s);
          return true;
        } catch {
          return false;
        }
      }, { error: 'is not a valid regular expression' })
      .optional(),
    steps: count('pages per run', 50).optional(),
    runs: z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be 1 or more' }).max(500, { error: 'must be 500 or less' }).optional(),
  }),
});

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { json: 'boolean', rotate: 'boolean', dir: 'string', match: 'string', steps: 'string', runs: 'string', base: 'string' }, usage), usage);
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const { loadCorpus, DEFAULT_RESOURCES_DIR } = await import('../../eval/corpus.ts');
  const { learningCurve, paperOf, runsOf } = await import('../../../core/eval/learning-curve.ts');
  const { defaultModel } = await import('../../../core/engine/model/index.ts');
  const { readWeightFile } = await import('../../eval/weight-file.ts');
  const dir = resolve(parsed.flags.dir ?? DEFAULT_RESOURCES_DIR);
  const match = parsed.flags.match ? new RegExp(parsed.flags.match) : null;
  const pages = loadCorpus(dir).filter((p) => !match || match.test(p.id));
  if (pages.length === 0) throw new Error(`${dir}: no annotated pages${match ? ` matching ${match.source}` : ''} (looked in ${dir}/gold)`);
  const steps = parsed.flags.steps ?? 9;
  const byPaper = new Map<string, typeof pages>();
  for (const p of pages) byPaper.set(paperOf(p.id), [...(byPaper.get(paperOf(p.id)) ?? []), p]);
  const base = parsed.flags.base ? readWeightFile(parsed.flags.base) : defaultModel();
  const curves = [];
  for (const [paper, list] of [...byPaper].sort()) {
    const length = Math.min(steps, list.length);
    if (length < 2) continue;
    const runs = runsOf(list, length, parsed.flags.runs ?? 10, parsed.flags.rotate ?? false);
    curves.push({ paper, pages: list.length, runs: runs.length, points: learningCurve(runs, base, paper) });
  }
  if (curves.length === 0) throw new Error(`${dir}: no paper has 2 or more annotated pages to learn from`);
  if (parsed.flags.json) {
    io.stdout(JSON.stringify({ dir, model: base.version, curves }, null, 2) + '\n');
    return 0;
  }
  const f = (x: number) => x.toFixed(3);
  for (const c of curves) {
    io.stdout(`${c.paper}: ${c.runs} run${c.runs === 1 ? '' : 's'} of ${c.points.length} consecutive pages (of ${c.pages}), model ${base.version}\n`);
    io.stdout('   k  profile score  boundary F1   base score  base F1   gain\n');
    for (const p of c.points) {
      io.stdout(`${String(p.k).padStart(4)}  ${f(p.score).padStart(13)}  ${f(p.boundaryF1).padStart(11)}  ${f(p.baseScore).padStart(11)}  ${f(p.baseBoundaryF1).padStart(7)}  ${(p.score - p.baseScore >= 0 ? '+' : '') + f(p.score - p.baseScore)}\n`);
    }
  }
  return 0;
}
