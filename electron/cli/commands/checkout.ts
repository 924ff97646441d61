// `galley checkout ISSUE... --from URL_OR_PATH --to LOCAL.sqlite --user NAME`: copies issues to a
// laptop archive for offline work (electron/sync/checkout.ts); `galley sync` sends the work back.
import { existsSync, rmSync } from 'node:fs';
import { z } from 'zod';
import { archiveKind } from '../../archive/open-any.ts';
import { openArchive } from '../../archive/sqlite-archive.ts';
import { checkout } from '../../sync/checkout.ts';
import { SyncError } from '../../sync/local-copy.ts';
import { sourceName } from '../../sync/server.ts';
import { tokenize, validate } from '../args.ts';
import { UsageError, type CliIO } from '../cli-io.ts';
import { openService } from '../service.ts';

export const summary = 'Copy issues to a local SQLite archive to work on them offline (galley sync sends the work back)';
export const usage = 'galley checkout ISSUE... --from URL_OR_PATH --to LOCAL.sqlite --user NAME [--json]';

const HELP = `Usage: ${usage}

Copies each ISSUE (an issue id, or PUBLICATION:YYYY-MM-DD) from the archive at --from (a
postgresql:// URL or a SQLite file) into the SQLite archive LOCAL.sqlite (created when missing):
its pages with their items, tags and states, the team's profiles (names and roles; passwords stay
on the server) and the vocabulary. The desktop app then works on LOCAL.sqlite with no network.
LOCAL.sqlite remembers, for every page, the server page and revision it was copied at.

  --from URL|PATH  the team archive (GALLEY_DB when omitted)
  --to PATH        the local replica (a SQLite file)
  --user NAME      your account on the server (also --as, or GALLEY_USER); its password comes
                   from GALLEY_PASSWORD or a prompt
  --json           print the report as JSON
`;

const argsSchema = z
  .object({
    positionals: z.array(z.string().min(1)),
    flags: z.object({
      help: z.boolean().optional(),
      json: z.boolean().optional(),
      as: z.string().min(1).optional(),
      from: z.string().min(1).optional(),
      to: z.string().min(1).optional(),
    }),
  })
  .refine((a) => a.flags.help || a.positionals.length > 0, { error: 'give at least one ISSUE' })
  .refine((a) => a.flags.help || a.flags.to !== undefined, { error: 'say where the replica goes with --to LOCAL.sqlite' });

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { json: 'boolean', as: 'string', from: 'string', to: 'string' }, usage), usage);
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const from = parsed.flags.from ?? process.env.GALLEY_DB;
  if (!from) throw new UsageError('say which archive to copy from with --from URL_OR_PATH (or GALLEY_DB)');
  const to = parsed.flags.to!;
  if (archiveKind(to) === 'postgres') throw new UsageError('--to is the laptop copy: a SQLite file path, not a server URL');
  const server = await openService(io, { archive: from, as: parsed.flags.as });
  try {
    // A checkout that fails leaves no empty archive behind where there was none.
    const created = !existsSync(to);
    const local = openArchive(to, { learner: null, logger: { warn: (m) => io.stderr(`${m}\n`) } });
    let ok = false;
    try {
      const report = await checkout(server, local, parsed.positionals, sourceName(from));
      if (parsed.flags.json) io.stdout(`${JSON.stringify(report)}\n`);
      else {
        for (const i of report.issues) io.stdout(`issue ${i.originIssueId} -> local issue ${i.localIssueId}: ${i.pages} page(s), ${i.items} item(s)\n`);
        io.stdout(`checked out to ${to} (${report.profilesAdded} profile(s), ${report.vocabularyAdded} vocabulary term(s) added); galley sync ${to} sends your work back\n`);
      }
      ok = true;
      return 0;
    } catch (e) {
      if (e instanceof SyncError) throw new UsageError(e.message);
      throw e;
    } finally {
      local.close();
      if (created && !ok) for (const f of [to, `${to}-wal`, `${to}-shm`]) rmSync(f, { force: true });
    }
  } finally {
    await server.close();
  }
}
