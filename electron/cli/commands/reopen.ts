// `galley reopen ISSUE --reason TEXT --as NAME [--archive PATH | --db URL]`
import { z } from 'zod';
import { archiveOptionsHelp } from '../archive-options-help.ts';
import { tokenize, validate } from '../args.ts';
import type { CliIO } from '../cli-io.ts';
import { issueRef } from '../review-cli.ts';
import { openService } from '../service.ts';

export const summary = 'Reopen an approved or exported issue, with a reason (supervisors)';
export const usage = 'galley reopen ISSUE --reason TEXT --as NAME [--archive PATH | --db URL]';

const HELP = `Usage: ${usage}

Reopens an approved or exported issue so its pages can be changed again; the reason is kept in
the issue's history. ISSUE is an issue id or PUBLICATION:YYYY-MM-DD.

  --reason TEXT    why (required)
  --as NAME        the supervisor's profile
${archiveOptionsHelp(17)}`;

const argsSchema = z
  .object({
    positionals: z.array(z.string()),
    flags: z.object({
      help: z.boolean().optional(),
      reason: z.string().optional(),
      as: z.string().min(1).optional(),
      archive: z.string().min(1).optional(),
    }),
  })
  .refine((a) => a.flags.help || a.positionals.length === 1, { error: 'give exactly one ISSUE' })
  .refine((a) => a.flags.help || (a.flags.reason ?? '').trim().length > 0, { error: 'missing --reason TEXT (reopening an issue needs a reason)' });

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { reason: 'string', as: 'string', archive: 'string' }, usage), usage);
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const service = await openService(io, { archive: parsed.flags.archive, as: parsed.flags.as });
  try {
    const issue = await issueRef(service.archive, parsed.positionals[0]!);
    const { issue: after } = await service.call('issues.reopen', { issueId: issue.id, reason: parsed.flags.reason! });
    io.stdout(`Issue ${after.id} (${after.date ?? 'undated'}) is ${after.state} again.\n`);
    return 0;
  } finally {
    await service.close();
  }
}
