// Contract of the revision history of pages and items, and restoring a page version.
import { z } from 'zod';
import { roleSchema } from '../roles.ts';

const id = z.number().int().positive();

/** A revision's summary as a code plus values, for the UI to word in its language. */
export const revisionSummarySchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('imported'), items: z.number().int() }),
  z.object({ code: z.literal('reimported'), items: z.number().int() }),
  z.object({ code: z.literal('state'), from: z.string().nullable(), to: z.string().nullable() }),
  /** One entry per item whose tags changed; item is null in an item's own history. */
  z.object({
    code: z.literal('tags'),
    changes: z.array(z.object({ item: z.number().int().nullable(), added: z.array(z.string()), removed: z.array(z.string()) })),
  }),
  z.object({ code: z.literal('restored'), from: z.number().int().nullable() }),
  z.object({ code: z.literal('saved'), text: z.boolean(), itemsChanged: z.number().int(), itemsRemoved: z.number().int() }),
  z.object({ code: z.literal('item-imported') }),
  z.object({ code: z.literal('item-created') }),
  z.object({ code: z.literal('item-removed') }),
  z.object({ code: z.literal('other'), action: z.string() }),
]);
export type RevisionSummary = z.infer<typeof revisionSummarySchema>;

export const revisionViewSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  /** Who, as written then (a profile's name, or the OS user before profiles existed). */
  actor: z.string(),
  profileId: z.string().nullable(),
  role: roleSchema.nullable(),
  entity: z.enum(['page', 'issue']),
  entityId: z.number().int(),
  /** import, reimport, save, tag, state, restore (pages); approve, reopen, export, state (issues). */
  action: z.string(),
  pageRevision: z.number().int().nullable(),
  /** One readable line: "Tags of item 12: + 衡阳", "State: in-progress → proofed". */
  summary: z.string(),
  /** The same summary as a code plus values (the UI words it; `summary` stays for the CLI). */
  summaryData: revisionSummarySchema,
  /** Unified diff (the `diff` package) of the readable rendering before → after; '' when none. */
  diff: z.string(),
  /** history.restore can put the page back to how it was after this revision. */
  restorable: z.boolean(),
});
export type RevisionView = z.infer<typeof revisionViewSchema>;

export const historyChannels = {
  'history.forPage': { request: z.object({ pageId: id }).strict(), response: z.object({ revisions: z.array(revisionViewSchema) }) },
  'history.forItem': { request: z.object({ itemId: id }).strict(), response: z.object({ revisions: z.array(revisionViewSchema) }) },
  'history.restore': {
    request: z.object({ revisionId: id }).strict(),
    response: z.object({ pageId: z.number().int(), revision: z.number().int() }),
  },
} as const;
