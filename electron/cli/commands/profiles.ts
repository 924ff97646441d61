// `galley profiles list [--json]` and `galley profiles add NAME --role R [--as SUPERVISOR]`
import { z } from 'zod';
import { ROLES, roleSchema } from '../../../shared/roles.ts';
import { archiveOptionsHelp } from '../archive-options-help.ts';
import { tokenize, validate } from '../args.ts';
import type { CliIO } from '../cli-io.ts';
import { openService } from '../service.ts';

export const summary = 'List the archive\'s profiles, or add one (supervisors; the first profile becomes a supervisor)';
export const usage = 'galley profiles list [--json] [--archive PATH | --db URL] | galley profiles add NAME --role ROLE [--as SUPERVISOR] [--archive PATH | --db URL]';

const HELP = `Usage: ${usage}

Profiles say who works on the archive and what they may do:
  editor      corrects segmentation and metadata, marks pages proofed
  archivist   tags items, keeps the vocabulary, may fix metadata
  supervisor  everything, and alone approves, reopens and exports issues and manages profiles

Bootstrap: while an archive has no profile, \`galley profiles add NAME\` needs no --as and the
profile it creates is a supervisor whatever --role says. Afterwards --as must name a supervisor.

Options:
  --role ROLE      ${ROLES.join(', ')}
  --as NAME        the supervisor adding the profile
${archiveOptionsHelp(17)}  --json           list as JSON
  -h, --help       show this help
`;

const argsSchema = z
  .object({
    positionals: z.array(z.string()),
    flags: z.object({
      help: z.boolean().optional(),
      json: z.boolean().optional(),
      role: roleSchema.optional(),
      as: z.string().min(1).optional(),
      archive: z.string().min(1).optional(),
    }),
  })
  .refine((a) => a.flags.help || a.positionals[0] === 'list' || a.positionals[0] === 'add', { error: 'say list or add' })
  .refine((a) => a.flags.help || a.positionals[0] !== 'add' || (a.positionals.length === 2 && a.positionals[1]!.trim()), { error: 'add needs one NAME' });

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { json: 'boolean', role: 'string', as: 'string', archive: 'string' }, usage), usage);
  const f = parsed.flags;
  if (f.help) {
    io.stdout(HELP);
    return 0;
  }
  const listing = parsed.positionals[0] === 'list';
  // The first profile of an archive needs no --as (anyone may create it; it becomes the supervisor).
  const service = await openService(io, { archive: f.archive, as: f.as, needsProfile: async (a) => !listing && (await a.listProfiles()).length > 0 });
  try {
    if (listing) {
      const profiles = await service.call('profiles.list', {});
      if (f.json) io.stdout(JSON.stringify(profiles, null, 2) + '\n');
      else if (profiles.length === 0) io.stdout('No profiles yet (galley profiles add NAME creates the first, a supervisor).\n');
      else for (const p of profiles) io.stdout(`${p.name}\t${p.role}\n`);
      return 0;
    }
    const name = parsed.positionals[1]!.trim();
    const first = (await service.archive.listProfiles()).length === 0;
    const p = await service.call('profiles.create', { name, role: f.role ?? 'editor' });
    io.stdout(`Added ${p.name} (${p.role})${first && f.role !== 'supervisor' ? ' — the first profile of an archive is its supervisor' : ''}\n`);
    return 0;
  } finally {
    await service.close();
  }
}
