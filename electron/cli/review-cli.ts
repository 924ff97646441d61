// Shared by the review commands (export, profiles, approve, reopen, tag): open an existing
// archive, resolve `--as NAME` to a profile and ISSUE to an issue, with one-line errors.
import { existsSync } from 'node:fs';
import type { IssueSummary } from '../../shared/domain.ts';
import type { Profile } from '../../shared/roles.ts';
import { inProcess, type AsyncArchive } from '../archive/async-archive.ts';
import { defaultArchivePath } from '../archive/default-path.ts';
import { openArchive } from '../archive/sqlite-archive.ts';
import { UsageError, type CliIO } from './cli-io.ts';

/**
 * The archive a command works on, behind the asynchronous interface the hosts use. A command runs
 * once and exits, so the SQLite archive opens on this thread (no worker to start).
 */
export function openExistingArchive(path: string | undefined, io: CliIO): AsyncArchive {
  const archivePath = path ?? defaultArchivePath();
  if (!existsSync(archivePath)) throw new UsageError(`no archive at ${archivePath} (import pages first: galley import PATH...)`);
  return inProcess(openArchive(archivePath, { logger: { warn: (m) => io.stderr(`${m}\n`) } }));
}

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
