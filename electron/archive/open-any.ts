// One way for hosts and commands to open "the archive" from what the user gave (GALLEY_DB, --db):
// a postgresql:// or postgres:// URL opens the team archive on PostgreSQL; anything else is a
// SQLite file path, opened in its worker thread. Both answer the same AsyncArchive interface.
import { ArchiveError } from './archive-api.ts';
import type { AsyncArchive } from './async-archive.ts';
import type { ArchiveLogger } from './db.ts';
import { isPostgresUrl, openPostgresArchive } from './postgres/pg-archive.ts';
import { openArchiveInWorker } from './worker/client.ts';

export interface OpenAnyOptions {
  logger?: ArchiveLogger;
  /** SQLite only: open without writing anything. */
  readOnly?: boolean;
  /** Learn publication profiles from proofed pages (default true). */
  learn?: boolean;
}

export type ArchiveKind = 'sqlite' | 'postgres';

/** Which archive a target names. */
export const archiveKind = (target: string): ArchiveKind => (isPostgresUrl(target) ? 'postgres' : 'sqlite');

export function openArchiveFor(target: string, options: OpenAnyOptions = {}): Promise<AsyncArchive> {
  if (archiveKind(target) === 'postgres') {
    // Read-only opening is a property of a file (open-mode.ts); a server grants it by role instead.
    if (options.readOnly) return Promise.reject(new ArchiveError('invalid-input', 'a PostgreSQL archive cannot be opened read-only; use an account without write access'));
    return openPostgresArchive(target, { ...(options.logger ? { logger: options.logger } : {}), ...(options.learn === false ? { learner: null } : {}) });
  }
  return openArchiveInWorker(target, options);
}
