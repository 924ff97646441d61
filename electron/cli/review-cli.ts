// Shared by the review commands (export, profiles, approve, reopen, tag): open an existing
// archive, resolve `--as NAME` to a profile and ISSUE to an issue, with one-line errors.
import { existsSync } from 'node:fs';
import type { IssueSummary } from '../../shared/domain.ts';
import type { Profile } from '../../shared/roles.ts';
import { inProcess, type AsyncArchive } from '../archive/async-archive.ts';
import { defaultArchiveTarget } from '../archive/default-path.ts';
import { archiveKind, openArchiveFor } from '../archive/open-any.ts';
import { openArchive } from '../archive/sqlite-archive.ts';
import { UsageError, type CliIO } from './cli-io.ts';

/**
 * The archive's warnings ("[archive] slow query …") on stderr. On a terminal the line is cleared
 * first, so a warning never runs into the end of `galley import`'s progress bar, which is drawn
 * without a newline and redrawn after the next file.
 */
export function cliLogger(io: CliIO): { warn(message: string): void } {
  return { warn: (m: string) => io.stderr(`${io.isTTY ? '\r\x1b[2K' : ''}${m}\n`) };
}

/**
 * The archive a command works on (--archive PATH or --db URL, else GALLEY_DB, else the default
 * file), behind the asynchronous interface the hosts use. A command runs once and exits, so a
 * SQLite archive opens on this thread (no worker to start); a postgresql:// URL opens the team
 * archive. `create`: a SQLite file that does not exist yet is created (import, the first user).
 */
export async function openCliArchive(target: string | undefined, io: CliIO, { create = false }: { create?: boolean } = {}): Promise<AsyncArchive> {
  const where = target ?? defaultArchiveTarget();
  const logger = cliLogger(io);
  if (archiveKind(where) === 'postgres') return openArchiveFor(where, { logger });
  if (!create && !existsSync(where)) throw new UsageError(`no archive at ${where} (import pages first: galley import PATH...)`);
  return inProcess(openArchive(where, { logger }));
}

/**
 * For the commands that work on the SQLite file itself (backup, restore, verify): the file, or a
 * one-line refusal when the target is a PostgreSQL archive, whose server has its own tools.
 */
export function sqliteFileTarget(target: string | undefined, what: string): string {
  const where = target ?? defaultArchiveTarget();
  if (archiveKind(where) === 'postgres') {
    throw new UsageError(`galley ${what} works on a SQLite archive file; for a PostgreSQL archive use the server's own tools (pg_dump, pg_restore, pg_amcheck)`);
  }
  return where;
}

/** An archive that must exist already (every command but import and the first user). */
export const openExistingArchive = (target: string | undefined, io: CliIO): Promise<AsyncArchive> => openCliArchive(target, io);

/** `--as NAME`: the profile that acts. Writes need one; the message lists who exists. */
export async function profileAs(archive: AsyncArchive, name: string | undefined): Promise<Profile> {
  const profiles = await archive.listProfiles();
  if (profiles.length === 0) throw new UsageError('this archive has no profiles yet; create the first (it becomes a supervisor): galley profiles add NAME --role supervisor');
  const known = profiles.map((p) => `${p.name} (${p.role})`).join(', ');
  if (!name) throw new UsageError(`say who is working with --as NAME (profiles: ${known})`);
  const p = await archive.findProfile(name);
  if (!p) throw new UsageError(`no profile named ${name} (profiles: ${known})`);
  return p;
}

/** ISSUE: an issue id, or PUBLICATION:YYYY-MM-DD (title, Latin title or serial). */
export async function issueRef(archive: AsyncArchive, ref: string): Promise<IssueSummary> {
  const issue = await archive.findIssue(ref);
  if (!issue) throw new UsageError(`no issue ${ref} (give an issue id, or PUBLICATION:YYYY-MM-DD)`);
  return issue;
}

export const actorOf = (p: Profile) => ({ name: p.name, profileId: p.id, role: p.role });
