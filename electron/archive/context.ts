// The one context every archive aggregate shares (pages/items, issues, stories, search,
// revisions, review, scans): the connection with its prepared-statement cache and slow-query log,
// the clock, the logger, the segmenter and the publication-profile store. Aggregates are plain
// functions of this object, so none of them holds another's closures and each can be read alone.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ArchiveError, type Actor } from './archive-api.ts';
import type { ArchiveLogger, Db } from './db.ts';
import type { Segmenter } from './engine-segmenter.ts';
import type { ProfileLearner, ProfilesStore } from './profiles-store.ts';

export interface ArchiveContext {
  readonly path: string;
  readonly db: Db;
  /** The clock every written timestamp comes from. */
  now(): string;
  readonly logger: ArchiveLogger;
  /** Segments page text on import. */
  readonly segment: Segmenter;
  /** True when the archive was given its own segmenter (then the import pool's engine output is not used). */
  readonly ownSegmenter: boolean;
  readonly learner: ProfileLearner | null;
  /** Publication profiles and per-page model facts (profiles-store.ts). */
  readonly profiles: ProfilesStore;
}

export function now(): string {
  return new Date().toISOString();
}

export function fail(code: ArchiveError['code'], message: string): never {
  throw new ArchiveError(code, message);
}

/** Refuses a write based on a revision the page has moved past (both archives, save and edit alike). */
export function assertAtRevision(page: { id: number; revision: number }, baseRevision: number): void {
  if (page.revision !== baseRevision) {
    fail('revision-conflict', `page ${page.id} changed since revision ${baseRevision} (it is at revision ${page.revision}); reload it and redo the change`);
  }
}

/** Checks a value crossing into the archive; the error names the field and what is wrong. */
export function parseOr<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
    fail('invalid-input', `invalid ${what}${where}: ${issue?.message ?? 'malformed'}`);
  }
  return r.data;
}

export const actorSchema = z.object({
  name: z.string().trim().min(1, 'actor name is empty'),
  profileId: z.string().min(1).optional(),
  role: z.enum(['editor', 'archivist', 'supervisor']).optional(),
});

export const checkActor = (actor: Actor): Actor => parseOr(actorSchema, actor, 'actor');

export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');

export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
