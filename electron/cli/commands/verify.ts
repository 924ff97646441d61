// `galley verify [--archive PATH | --db URL] [--json]`: checks the whole archive without changing it — SQLite's
// integrity_check, then the SHA-256 of every revision, page text and item (archive/checksums.ts).
// Exit code 0 only when everything checks; damaged rows are listed with the way to restore.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { describeBrokenLink, describeDamage, hasChecksums, verifyAllRows } from '../../archive/checksums.ts';
import { defaultArchiveTarget } from '../../archive/default-path.ts';
import { archiveKind } from '../../archive/open-any.ts';
import { openPostgresArchive } from '../../archive/postgres/pg-archive.ts';
import type { VerifyReport } from '../../archive/checksums.ts';
import { tokenize, validate } from '../args.ts';
import type { CliIO } from '../cli-io.ts';
import { archiveOptionsHelp } from '../archive-options-help.ts';

export const summary = 'Check every row of the archive against its checksum (read-only)';
export const usage = 'galley verify [--archive PATH | --db URL] [--json]';

const HELP = `Usage: ${usage}

Checks the archive without changing it: SQLite's integrity_check, then the SHA-256 checksum of
every revision, page text and item. Prints "checked ok" and exits 0 only when all of them match;
otherwise lists the damaged rows and how to restore a backup, and exits 1. A team archive on
PostgreSQL (--db URL) gets the same row checksums and audit hash chains (its structure is the
server's: pg_amcheck).

Options:
${archiveOptionsHelp(16)}  --json          print the report as JSON
  -h, --help      show this help
`;

const argsSchema = z.object({
  positionals: z.array(z.string()).max(0, { error: 'verify takes no positional arguments' }),
  flags: z.object({ help: z.boolean().optional(), archive: z.string().min(1).optional(), json: z.boolean().optional() }),
});

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { archive: 'string', json: 'boolean' }, usage), usage);
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const target = parsed.flags.archive ?? defaultArchiveTarget();
  if (archiveKind(target) === 'postgres') return verifyTeamArchive(target, parsed.flags.json === true, io);
  const path = target;
  if (!existsSync(path)) {
    io.stderr(`galley verify: no archive at ${path}\n`);
    return 1;
  }
  const restore = `Restore your last backup with: galley restore BACKUP_FILE --archive ${path}`;
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    io.stderr(`galley verify: ${path} cannot be opened as an archive (${(e as Error).message}). ${restore}\n`);
    return 1;
  }
  try {
    const integrity = (db.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check);
    const structureOk = integrity.length === 1 && integrity[0] === 'ok';
    const checksums = hasChecksums(db);
    const rows = checksums ? verifyAllRows(db) : null;
    const ok = structureOk && checksums && rows !== null && rows.damaged.length === 0 && rows.brokenLinks.length === 0;
    if (parsed.flags.json) {
      io.stdout(JSON.stringify({ archive: path, ok, integrity, checksums, rows }, null, 2) + '\n');
      return ok ? 0 : 1;
    }
    if (!structureOk) io.stdout(`integrity_check: ${integrity.join('; ')}\n`);
    if (!checksums) {
      io.stdout(`${path} has no checksums yet (schema version ${db.pragma('user_version', { simple: true }) as number}); open it once with this Galley to add them.\n`);
      return structureOk ? 0 : 1;
    }
    for (const d of rows!.damaged) io.stdout(`${describeDamage(d)}\n`);
    for (const b of rows!.brokenLinks) io.stdout(`${describeBrokenLink(b)}\n`);
    const counted = `${rows!.revisions} revisions, ${rows!.pages} pages, ${rows!.items} items in ${(rows!.ms / 1000).toFixed(1)} s`;
    if (ok) {
      io.stdout(`${path}: ${counted}, checked ok\n`);
      return 0;
    }
    const problems = [
      ...(rows!.damaged.length ? [`${rows!.damaged.length} damaged row${rows!.damaged.length === 1 ? '' : 's'}`] : []),
      ...(rows!.brokenLinks.length ? [`${rows!.brokenLinks.length} broken audit chain${rows!.brokenLinks.length === 1 ? '' : 's'}`] : []),
      ...(structureOk ? [] : ['a damaged structure']),
    ];
    io.stdout(`${path}: ${counted}; ${problems.join(', ')}. ${restore}\n`);
    return 1;
  } finally {
    db.close();
  }
}

/**
 * A team archive on PostgreSQL: the server keeps its own structure (pg_amcheck checks it); Galley
 * checks what only it can — every row against its checksum and both audit logs' hash chains.
 */
async function verifyTeamArchive(url: string, json: boolean, io: CliIO): Promise<number> {
  let archive;
  try {
    archive = await openPostgresArchive(url, { logger: { warn: (m) => io.stderr(`${m}\n`) } });
  } catch (e) {
    io.stderr(`galley verify: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    const rows: VerifyReport = await archive.verify();
    const ok = rows.damaged.length === 0 && rows.brokenLinks.length === 0;
    if (json) {
      io.stdout(JSON.stringify({ archive: archive.path, ok, rows }, null, 2) + '\n');
      return ok ? 0 : 1;
    }
    for (const d of rows.damaged) io.stdout(`${describeDamage(d)}\n`);
    for (const b of rows.brokenLinks) io.stdout(`${describeBrokenLink(b)}\n`);
    const counted = `${rows.revisions} revisions, ${rows.pages} pages, ${rows.items} items in ${(rows.ms / 1000).toFixed(1)} s`;
    if (ok) {
      io.stdout(`${archive.path}: ${counted}, checked ok\n`);
      return 0;
    }
    const problems = [
      ...(rows.damaged.length ? [`${rows.damaged.length} damaged row${rows.damaged.length === 1 ? '' : 's'}`] : []),
      ...(rows.brokenLinks.length ? [`${rows.brokenLinks.length} broken audit chain${rows.brokenLinks.length === 1 ? '' : 's'}`] : []),
    ];
    io.stdout(`${archive.path}: ${counted}; ${problems.join(', ')}. Restore the database from the server's last backup (pg_restore).\n`);
    return 1;
  } finally {
    await archive.close();
  }
}
