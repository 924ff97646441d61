// Contract of a replica's sync conflicts in the app (issue 13 §5). A laptop archive made by
// `galley checkout` keeps, for each page both sides changed (or the server refused), the local
// version whole; the app lists them with the page as it is here now (the server's version after
// that sync) and lets the user choose:
//   'mine'    the local version becomes the page here again; the next `galley sync` sends it
//   'server'  the server's version stays; the next sync drops the copy kept on the server
//   'both'    the server's version stays and the local version stays kept as a copy, here and on
//             the server (marked kept by the next sync)
//   replica.conflicts        {all?} → {replica, conflicts}  (replica null: not a checked-out archive)
//   replica.resolveConflict  {id, choice} → the conflict, resolved
import { z } from 'zod';
import { pageStateSchema } from '../domain.ts';

export const CONFLICT_CHOICES = ['mine', 'server', 'both'] as const;
export const conflictChoiceSchema = z.enum(CONFLICT_CHOICES);
export type ConflictChoice = z.infer<typeof conflictChoiceSchema>;

/** One version of the page: its text and what its items are. */
const versionSchema = z.object({
  text: z.string(),
  state: pageStateSchema,
  revision: z.number().int().nonnegative(),
  items: z.number().int().nonnegative(),
  headlines: z.array(z.string()),
});

export const syncConflictViewSchema = z.object({
  id: z.string(),
  originPageId: z.number().int(),
  localPageId: z.number().int().nullable(),
  /** The page here: null when it is gone. */
  page: z
    .object({ issueId: z.number().int(), publication: z.string(), date: z.string().nullable(), pageNumber: z.number().int().nullable(), sourceName: z.string() })
    .nullable(),
  reason: z.enum(['both-changed', 'refused', 'gone']),
  message: z.string(),
  baseRevision: z.number().int(),
  serverRevision: z.number().int().nullable(),
  /** Who synced, and when. */
  by: z.string(),
  at: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: conflictChoiceSchema.nullable(),
  /** The choice reached the server (a later sync). */
  sent: z.boolean(),
  /** The local version the conflict kept. */
  mine: versionSchema,
  /** The page as it is here now (the server's version after that sync); null when gone. */
  current: versionSchema.nullable(),
});
export type SyncConflictView = z.infer<typeof syncConflictViewSchema>;

export const replicaStatusSchema = z.object({
  replica: z.object({ source: z.string(), checkedOutAt: z.string(), checkedOutBy: z.string(), syncedAt: z.string().nullable() }).nullable(),
  conflicts: z.array(syncConflictViewSchema),
});
export type ReplicaStatus = z.infer<typeof replicaStatusSchema>;

export const replicaChannels = {
  'replica.conflicts': { request: z.object({ all: z.boolean().optional() }).strict(), response: replicaStatusSchema },
  'replica.resolveConflict': { request: z.object({ id: z.string().min(1).max(100), choice: conflictChoiceSchema }).strict(), response: syncConflictViewSchema },
} as const;
