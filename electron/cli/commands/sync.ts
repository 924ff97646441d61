// `galley sync LOCAL.sqlite [--to URL_OR_PATH] --user NAME`: sends a replica's work back to its
// server and brings the replica up to date (electron/sync/sync.ts); `--conflicts` lists what was
// kept because both sides changed a page (or the server refused), `--resolve ID` closes one.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { openArchive } from '../../archive/sqlite-archive.ts';
import { SyncError } from '../../sync/local-copy.ts';
import { ReplicaStore, type SyncConflict } from '../../sync/replica-store.ts';
import { sourceName } from '../../sync/server.ts';
import { sync } from '../../sync/sync.ts';
import { tokenize, validate } from '../args.ts';
import { UsageError, type CliIO } from '../cli-io.ts';
import { openService } from '../service.ts';

export const summary = 'Send the work done on a checked-out replica back to the server; list conflicts';
export const usage = 'galley sync LOCAL.sqlite [--to URL_OR_PATH] --user NAME [--json] | --conflicts [--all] | --show ID | --resolve ID';

const HELP = `Usage: ${usage}

Sends what was done on LOCAL.sqlite (made by galley checkout) back to the server it came from
(or --to), as your account, then refreshes LOCAL.sqlite to the server's state:
  - a page edited here while the server still has the revision it was copied at is saved there;
  - a page edited here AND on the server is a conflict: the server keeps its version, yours is
    kept whole on both sides (here, and on the server as a sync-conflict setting) and listed;
  - tags merge as sets: what you added or removed is applied to the server's current tags;
  - a page state set here (e.g. proofed) is sent; approving and exporting stay on the server.
A second sync with nothing new done sends nothing.

  --to URL|PATH    the server (default: where LOCAL.sqlite was checked out from)
  --user NAME      your account on the server (also --as, or GALLEY_USER); password from
                   GALLEY_PASSWORD or a prompt
  --conflicts      list the open conflicts kept in LOCAL.sqlite (no server needed); --all: resolved too
  --show ID        print the local version a conflict kept (text and items, JSON)
  --resolve ID     mark a conflict resolved after redoing (or dropping) the change
  --json           print the report or the list as JSON
`;

const argsSchema = z
  .object({
    positionals: z.array(z.string().min(1)),
    flags: z.object({
      help: z.boolean().optional(),
      json: z.boolean().optional(),
      conflicts: z.boolean().optional(),
      all: z.boolean().optional(),
      show: z.string().min(1).optional(),
      resolve: z.string().min(1).optional(),
      as: z.string().min(1).optional(),
      to: z.string().min(1).optional(),
    }),
  })
  .refine((a) => a.flags.help || a.positionals.length === 1, { error: 'give the replica: galley sync LOCAL.sqlite' });

function conflictLine(c: SyncConflict): string {
  const server = c.serverRevision === null ? 'gone' : `r${c.serverRevision}`;
  return `${c.id}  page ${c.originPageId} (local ${c.localPageId ?? '-'})  ${c.reason}  base r${c.baseRevision}, server ${server}, local r${c.local.localRevision}  ${c.at}${c.resolvedAt ? `  resolved ${c.resolvedAt}` : ''}\n    ${c.message}\n`;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(
    argsSchema,
    tokenize(args, { json: 'boolean', conflicts: 'boolean', all: 'boolean', show: 'string', resolve: 'string', as: 'string', to: 'string' }, usage),
    usage,
  );
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const path = parsed.positionals[0]!;
  if (!existsSync(path)) throw new UsageError(`no replica at ${path} (make one with galley checkout ISSUE... --from URL --to ${path})`);
  const local = openArchive(path, { learner: null, logger: { warn: (m) => io.stderr(`${m}\n`) } });
  try {
    const store = new ReplicaStore(local.db);
    const info = store.info();
    if (!info) throw new UsageError(`${path} is not a replica (make one with galley checkout ISSUE... --from URL --to ${path})`);
    if (parsed.flags.conflicts || parsed.flags.show || parsed.flags.resolve) {
      if (parsed.flags.resolve) {
        if (!store.resolveConflict(parsed.flags.resolve, new Date().toISOString())) throw new UsageError(`no open conflict ${parsed.flags.resolve} in ${path} (galley sync ${path} --conflicts lists them)`);
        io.stdout(`conflict ${parsed.flags.resolve} resolved\n`);
        return 0;
      }
      const list = store.conflicts(parsed.flags.all === true || parsed.flags.show !== undefined);
      if (parsed.flags.show) {
        const c = list.find((x) => x.id === parsed.flags.show);
        if (!c) throw new UsageError(`no conflict ${parsed.flags.show} in ${path}`);
        io.stdout(`${JSON.stringify(c.local, null, 2)}\n`);
        return 0;
      }
      if (parsed.flags.json) io.stdout(`${JSON.stringify(list)}\n`);
      else io.stdout(list.length === 0 ? 'no open conflicts\n' : list.map(conflictLine).join(''));
      return 0;
    }
    const target = parsed.flags.to ?? info.source;
    if (!parsed.flags.to && target.includes(':***@')) {
      throw new UsageError(`the replica keeps ${target} without its password: give it with --to URL (or PGPASSWORD)`);
    }
    // Page and item ids are the source's: sending them to another archive would change unrelated pages.
    if (sourceName(target) !== info.source) throw new UsageError(`${path} was checked out from ${info.source}, not ${sourceName(target)}; sync it with its own server`);
    const server = await openService(io, { archive: target, as: parsed.flags.as });
    try {
      const report = await sync(server, local);
      if (parsed.flags.json) io.stdout(`${JSON.stringify(report)}\n`);
      else {
        io.stdout(
          `sent: ${report.saved} page edit(s), ${report.tagged} item tag change(s), ${report.states} page state(s); ` +
            `received: ${report.pulled} newer page(s), ${report.added} new page(s); ${report.conflicts.length} conflict(s)\n`,
        );
        for (const c of report.conflicts) io.stdout(`CONFLICT ${conflictLine(c)}`);
        if (report.conflicts.length > 0) io.stdout(`your versions are kept: galley sync ${path} --show ID prints one, --resolve ID closes it\n`);
      }
      return report.conflicts.length > 0 ? 2 : 0;
    } catch (e) {
      if (e instanceof SyncError) throw new UsageError(e.message);
      throw e;
    } finally {
      await server.close();
    }
  } finally {
    local.close();
  }
}
