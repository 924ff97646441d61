// `galley restore FILE [--archive PATH | --db URL] [--yes]`: replaces the archive with a backup, after
// checking the backup; the archive it replaces is kept aside, never overwritten.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { restoreArchive } from '../../archive/backup.ts';
import { archiveOptionsHelp } from '../archive-options-help.ts';
import { tokenize, validate } from '../args.ts';
import { sqliteFileTarget } from '../review-cli.ts';
import type { CliIO } from '../cli-io.ts';

export const summary = 'Replace the archive with a backup (the current archive is kept aside)';
export const usage = 'galley restore FILE [--archive PATH | --db URL] [--yes]';

const HELP = `Usage: ${usage}

Checks FILE (it must open, pass integrity_check and carry a Galley schema version this Galley
knows) and puts it in the archive's place. The archive it replaces, with its -wal and -shm files,
is renamed to ARCHIVE.before-restore-<time>; nothing is deleted. Close the app and galley serve
first.

Options:
${archiveOptionsHelp(16, 'the archive file to replace')}  --yes           confirm replacing an existing archive (required when one exists)
  -h, --help      show this help
`;

const argsSchema = z
  .object({
    positionals: z.array(z.string().min(1)).max(1, { error: 'restore takes one FILE' }),
    flags: z.object({
      help: z.boolean().optional(),
      archive: z.string().min(1).optional(),
      yes: z.boolean().optional(),
    }),
  })
  .refine((a) => a.flags.help || a.positionals.length === 1, { error: 'missing FILE (the backup to restore)' });

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { archive: 'string', yes: 'boolean' }, usage), usage);
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const file = parsed.positionals[0]!;
  const target = sqliteFileTarget(parsed.flags.archive, 'restore');
  if (existsSync(target) && parsed.flags.yes !== true) {
    io.stderr(
      `galley: ${target} exists; restoring ${file} replaces it (the current archive is kept as ${target}.before-restore-<time>). ` +
        'Run again with --yes to go ahead.\n',
    );
    return 1;
  }
  const r = await restoreArchive(file, target);
  io.stdout(
    `Restored ${file} → ${r.target}: ${r.pages} pages, ${r.items} items, schema version ${r.version}` +
      (r.keptAside ? `; the previous archive is kept as ${r.keptAside}` : '') +
      '\n',
  );
  return 0;
}
