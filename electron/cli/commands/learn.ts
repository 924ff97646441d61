// `galley learn --out PROFILE.json GOLD.json...`: learn a publication profile (galley.profile/1,
// weight deltas over the base line-role model) from hand annotations, the way the app learns from
// the pages editors mark proofed. `galley segment FILE --profile PROFILE.json` then uses it.
import { z } from 'zod';
import { basename } from 'node:path';
import { tokenize, validate } from '../args.ts';
import type { CliIO } from '../cli-io.ts';
import { labelGoldPage, readGoldPage, readProfileFile, writeProfileFile } from '../profile-file.ts';

export const summary = 'Learn a publication profile from hand-annotated pages (galley.gold/1)';
export const usage = 'galley learn --out PROFILE.json [--publication NAME] [--from PROFILE.json] GOLD.json...';

const HELP = `Usage: ${usage}

Learn a publication profile (galley.profile/1: weight deltas over the base line-role model)
from hand annotations, as the app learns from the pages its editors mark proofed. Each gold
file's page text is found through its "text" field, relative to the folder above the gold
file's folder (as ../shared/tools/score-segmentation.mjs finds it).

Options:
  --out FILE          where to write the profile (required; replaced atomically)
  --publication NAME  the publication the profile is for (default: the first gold file's
                      masthead title, else its file name)
  --from FILE         continue learning from this profile instead of the base model
  -h, --help          show this help

Use it with: galley segment PAGE --profile FILE
`;

const argsSchema = z
  .object({
    positionals: z.array(z.string().min(1)),
    flags: z.object({
      help: z.boolean().optional(),
      out: z.string().min(1).optional(),
      publication: z.string().trim().min(1, { error: 'must not be empty' }).max(200, { error: 'is too long (200 characters at most)' }).optional(),
      from: z.string().min(1).optional(),
    }),
  })
  .refine((a) => a.flags.help || a.flags.out !== undefined, { error: 'missing --out PROFILE.json' })
  .refine((a) => a.flags.help || a.positionals.length > 0, { error: 'missing GOLD.json (one or more hand-annotated pages)' })
  .refine((a) => a.flags.help || !a.positionals.some((p) => !/\.json$/i.test(p)), { error: 'every GOLD file must be a .json galley.gold/1 file' });

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { out: 'string', publication: 'string', from: 'string' }, usage), usage);
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const previous = parsed.flags.from ? readProfileFile(parsed.flags.from) : null;
  const golds = [];
  for (const path of parsed.positionals) golds.push(await readGoldPage(path));
  const publication =
    parsed.flags.publication ?? previous?.publication ?? golds[0]!.gold.masthead?.title ?? basename(golds[0]!.goldPath).replace(/\.json$/i, '');
  const pages = golds.map((g) => labelGoldPage(g, publication));
  const { defaultModel, learnProfile, profileInUse, profileState, UNTRIED_PROFILE_BELOW } = await import('../../../core/engine/model/index.ts');
  const { refitProfile } = await import('../../../core/eval/profile-learning.ts');
  const base = defaultModel();
  // On top of a profile file, the pages it learned are not at hand: learn the new ones over it. Otherwise
  // fit on the pages given (the newest PROFILE_PAGES of them), as the archive does.
  const profile = previous ? learnProfile(base, publication, pages, previous) : refitProfile(base, publication, pages, null);
  writeProfileFile(parsed.flags.out!, profile);
  const deltas = Object.keys(profile.rows).length;
  io.stdout(
    `learned ${publication} profile from ${pages.length} page${pages.length === 1 ? '' : 's'}` +
      `${previous ? ` (on top of ${previous.pages} learned before)` : ''} over model ${base.version}: ` +
      `${deltas} feature rows adjusted, ${profile.pages} pages in all -> ${parsed.flags.out}\n`,
  );
  const trial = profile.trial;
  if (profileState(profile) === 'awaiting-trial') {
    io.stdout(
      `the base model already scores ${(profile.firstPageBaseScore ?? 0).toFixed(3)} on that page (${UNTRIED_PROFILE_BELOW} or more): ` +
        `a profile of one page is not used there until a trial on another page shows it does better (learn from two pages or more to use it)\n`,
    );
  }
  if (trial) {
    const mean = (sum: number) => (sum / trial.pages).toFixed(3);
    io.stdout(
      `tried on ${trial.pages} page${trial.pages === 1 ? '' : 's'} before learning each: profile ${mean(trial.profileScore)}, base model ${mean(trial.baseScore)} (mean overall score)` +
        `${profileInUse(profile) ? '' : ' — not used until it does better than the base model'}\n`,
    );
  }
  return 0;
}
