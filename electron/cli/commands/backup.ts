// `galley backup --out FILE [--archive PATH | --db URL] [--overwrite]`: a consistent copy of the archive,
// made with SQLite's online backup API, so it is safe while the app keeps editing.
import { z } from 'zod';
import { backupArchive } from '../../archive/backup.ts';
import { archiveOptionsHelp } from '../archive-options-help.ts';
import { tokenize, validate } from '../args.ts';
import { sqliteFileTarget } from '../review-cli.ts';
import type { CliIO } from '../cli-io.ts';

export const summary = 'Copy the archive to a backup file (safe while Galley is running)';
export const usage = 'galley backup --out FILE [--archive PATH | --db URL] [--overwrite]';

const HELP = `Usage: ${usage}

Writes a consistent copy of the archive to FILE with SQLite's online backup API: the copy shows
the archive as of one moment even while the app or galley serve keeps saving. The copy is checked
(integrity_check) before it takes FILE's name. Restore it with: galley restore FILE.

Options:
  --out FILE      the backup file to write (required; an existing file is refused)
${archiveOptionsHelp(16)}  --overwrite     replace FILE when it exists
  -h, --help      show this help
`;

const argsSchema = z
  .object({
    positionals: z.array(z.string()).max(0, { error: 'backup takes no positional arguments (use --out FILE)' }),
    flags: z.object({
      help: z.boolean().optional(),
      out: z.string().min(1).optional(),
      archive: z.string().min(1).optional(),
      overwrite: z.boolean().optional(),
    }),
  })
  .refine((a) => a.flags.help || a.flags.out !== undefined, { error: 'missing --out FILE' });

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { out: 'string', archive: 'string', overwrite: 'boolean' }, usage), usage);
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const archive = sqliteFileTarget(parsed.flags.archive, 'backup');
  const r = await backupArchive(archive, parsed.flags.out!, { overwrite: parsed.flags.overwrite === true });
  io.stdout(
    `Backed up ${archive} → ${r.file}: ${r.pages} pages, ${r.items} items, ${(r.bytes / 1024 / 1024).toFixed(1)} MiB, ` +
      `schema version ${r.version}, checked ok, in ${(r.ms / 1000).toFixed(1)} s\n`,
  );
  return 0;
}
