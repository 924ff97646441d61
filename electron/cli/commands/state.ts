// `galley state PAGE|ISSUE imported|in-progress|proofed --as NAME [--archive PATH | --db URL]`
// Sets page states from the command line with the same checks as the app's page.setState
// handler — it runs through that handler (cli/service.ts): the acting profile must be allowed page.setState (shared/roles.ts) and the issue must
// not be approved or exported (core/review). Scripts can then carry an issue through
// proofing, `galley approve` and `galley export` without the UI.
import { z } from 'zod';
import { PAGE_STATES, type PageState } from '../../../shared/domain.ts';
import { archiveOptionsHelp } from '../archive-options-help.ts';
import { tokenize, validate } from '../args.ts';
import type { CliIO } from '../cli-io.ts';
import { issueRef } from '../review-cli.ts';
import { openService } from '../service.ts';

export const summary = 'Set the state of a page or of every page of an issue (imported, in-progress, proofed)';
export const usage = 'galley state PAGE|ISSUE imported|in-progress|proofed --as NAME [--archive PATH | --db URL]';

/** The states a page can be set to; approved and exported belong to the issue (galley approve, galley export). */
const SETTABLE = PAGE_STATES.filter((s) => s === 'imported' || s === 'in-progress' || s === 'proofed') as PageState[];

const HELP = `Usage: ${usage}

PAGE is page:ID (a page id, as in galley search output); ISSUE is an issue id or
PUBLICATION:YYYY-MM-DD, and then every page of the issue is set. The profile named by --as must
be allowed to set page states (editors and supervisors), and the issue must not be approved.

  --as NAME        the acting profile
${archiveOptionsHelp(17)}`;

const argsSchema = z
  .object({
    positionals: z.array(z.string()),
    flags: z.object({ help: z.boolean().optional(), as: z.string().min(1).optional(), archive: z.string().min(1).optional() }),
  })
  .refine((a) => a.flags.help || a.positionals.length === 2, { error: 'give PAGE or ISSUE, then the state' })
  .refine((a) => a.flags.help || (SETTABLE as string[]).includes(a.positionals[1] ?? ''), {
    error: `the state must be one of ${SETTABLE.join(', ')}`,
  });

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { as: 'string', archive: 'string' }, usage), usage);
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const [target, stateArg] = parsed.positionals as [string, string];
  const state = stateArg as PageState;
  const service = await openService(io, { archive: parsed.flags.archive, as: parsed.flags.as });
  const { archive } = service;
  try {
    const page = /^page:(\d+)$/.exec(target);
    const pages = page ? [await archive.getPage(Number(page[1]))] : await archive.listPages((await issueRef(archive, target)).id);
    if (pages.length === 0) {
      io.stderr(`galley: ${target} has no pages\n`);
      return 1;
    }
    // page.setState checks the role and the issue's state for each page, as in the app.
    for (const p of pages) await service.call('page.setState', { pageId: p.id, state });
    const issue = await archive.getIssue(pages[0]!.issueId);
    io.stdout(`${pages.length} page${pages.length === 1 ? '' : 's'} set to ${state}; issue ${issue.id} (${issue.date ?? 'undated'}) is ${issue.state}.\n`);
    return 0;
  } finally {
    await service.close();
  }
}
