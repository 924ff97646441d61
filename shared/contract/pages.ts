// Contract of the library and its pages: the tree, opening, editing (typed ops only) and re-deriving a page.
import { z } from 'zod';
import { pageScanSchema } from '../scan.ts';
import { MAX_PAGE_ITEMS, MAX_PAGE_TEXT_CHARS } from '../page-limits.ts';
import { issueSummarySchema, pageRecordSchema, pageStateSchema, pageSummarySchema, publicationSummarySchema } from '../domain.ts';
import { itemKindSchema, itemSchema } from '../segmentation.ts';
import { editOpsSchema } from '../edit-ops.ts';

const empty = z.object({}).strict();
const pageId = z.number().int().positive();

export const pageChannels = {
  'library.tree': {
    request: empty,
    response: z.object({ publications: z.array(publicationSummarySchema), issues: z.array(issueSummarySchema) }),
  },
  'library.pages': {
    request: z.object({ issueId: z.number().int() }).strict(),
    response: z.array(pageSummarySchema),
  },
  'page.get': { request: z.object({ pageId }).strict(), response: pageRecordSchema },
  /** The page's scan (image and line regions); null when the page has none (shared/scan.ts). */
  'page.scan': { request: z.object({ pageId }).strict(), response: pageScanSchema.nullable() },
  /**
   * Typed edit ops made on `baseRevision` (shared/edit-ops.ts): stored with their inverse as one
   * revision; undo sends the inverse. Refused when stale (conflict) or when an op does not fit.
   */
  'page.edit': {
    request: z.object({ pageId, baseRevision: z.number().int().nonnegative(), ops: editOpsSchema }).strict(),
    response: z.object({ revision: z.number().int().nonnegative(), itemIds: z.array(z.number().int().positive()).max(MAX_PAGE_ITEMS) }),
  },
  'page.setState': {
    request: z.object({ pageId, state: pageStateSchema }).strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  'engine.derive': {
    request: z
      .object({
        text: z.string().max(MAX_PAGE_TEXT_CHARS),
        starts: z.array(z.number().int().nonnegative()).max(MAX_PAGE_ITEMS),
        kinds: z.array(itemKindSchema.nullable()).max(MAX_PAGE_ITEMS),
        /** The page being edited: its publication's profile applies. */
        pageId: pageId.optional(),
      })
      .strict()
      .refine((r) => r.kinds.length === r.starts.length, 'kinds and starts differ in length'),
    response: z.object({ items: z.array(itemSchema) }),
  },
  /**
   * The learned profile of the page's publication (galley.profile/1, checked by the engine that
   * applies it), so the renderer's engine worker previews with the model engine.derive uses; null
   * when the publication has none (or one learned over another base model).
   */
  'engine.profile': {
    request: z.object({ pageId }).strict(),
    response: z.object({ profile: z.unknown().nullable() }),
  },
} as const;
