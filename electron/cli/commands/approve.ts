// `galley approve ISSUE --as NAME [--archive PATH | --db URL]`
import { z } from 'zod';
import { archiveOptionsHelp } from '../archive-options-help.ts';
import { tokenize, validate } from '../args.ts';
import type { CliIO } from '../cli-io.ts';
import { issueRef } from '../review-cli.ts';
import { openService } from '../service.ts';

export const summary = 'Approve a proofed issue (supervisors)';
export const usage = 'galley approve ISSUE --as NAME [--archive PATH | --db URL]';

const HELP = `Usage: ${usage}

Approves an issue whose pages are all proofed; it then refuses changes until a supervisor
reopens it (galley reopen). ISSUE is an issue id or PUBLICATION:YYYY-MM-DD.

  --as NAME        the supervisor's profile
${archiveOptionsHelp(17)}`;

const argsSchema = z
  .object({
    positionals: z.array(z.string()),
    flags: z.object({ help: z.boolean().optional(), as: z.string().min(1).optional(), archive: z.string().min(1).optional() }),
  })
  .refine((a) => a.flags.help || a.positionals.length === 1, { error: 'give exactly one ISSUE' });

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { as: 'string', archive: 'string' }, usage), usage);
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const service = await openService(io, { archive: parsed.flags.archive, as: parsed.flags.as });
  try {
    const issue = await issueRef(service.archive, parsed.positionals[0]!);
    const { issue: after } = await service.call('issues.approve', { issueId: issue.id });
    io.stdout(`Issue ${after.id} (${after.date ?? 'undated'}) is ${after.state}.\n`);
    return 0;
  } finally {
    await service.close();
  }
}
