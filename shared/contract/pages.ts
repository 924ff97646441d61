// Contract of the library and its pages: the tree, opening, editing (typed ops only) and re-deriving a page.
import { z } from 'zod';
import { pageScanSchema } from '../scan.ts';
import { MAX_PAGE_ITEMS, MAX_PAGE_TEXT_CHARS } from '../page-limits.ts';
import { issueSummarySchema, pageRecordSchema, pageStateSchema, pageSummarySchema, publicationSummarySchema } from '../domain.ts';
import { itemKindSchema, itemSchema } from '../segmentation.ts';
import { editOpsSchema } from '../edit-ops.ts';

const empty = z.object({}).strict();
const pageId = z.number().int().positive();

/** Issues one library.issues answer carries at most (a year of a daily is ~366; editions can double it). */
export const LIBRARY_ISSUES_MAX = 500;
/** The years an issue's date can name (dates are YYYY-MM-DD); null stands for the undated issues. */
export const LIBRARY_YEAR_MIN = 0;
export const LIBRARY_YEAR_MAX = 9999;

/** One publication-year of the library tree: counts from an aggregate query, nothing per issue. */
export const libraryYearSchema = z.object({
  /** null: the issues without a date. */
  year: z.number().int().nullable(),
  issues: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  pagesProofed: z.number().int().nonnegative(),
  /** How many of the year's issues are in each state. */
  states: z.object({
    imported: z.number().int().nonnegative(),
    'in-progress': z.number().int().nonnegative(),
    proofed: z.number().int().nonnegative(),
    approved: z.number().int().nonnegative(),
    exported: z.number().int().nonnegative(),
  }),
});
export type LibraryYear = z.infer<typeof libraryYearSchema>;

/** A publication with its years, newest first and the undated ones last. */
export const libraryPublicationSchema = publicationSummarySchema.extend({ years: z.array(libraryYearSchema) });
export type LibraryPublication = z.infer<typeof libraryPublicationSchema>;

/** Where the next answer of library.issues starts: after this issue (newest first, by date then id). */
export const libraryCursorSchema = z.object({ date: z.string().max(10).nullable(), id: z.number().int().positive() }).strict();
export type LibraryCursor = z.infer<typeof libraryCursorSchema>;

export const pageChannels = {
  /** Publications and their years with counts; a year's issues come from library.issues when it is opened. */
  'library.tree': {
    request: empty,
    response: z.object({ publications: z.array(libraryPublicationSchema) }),
  },
  /**
   * One publication-year's issues, newest first, at most `limit` (default and most LIBRARY_ISSUES_MAX);
   * `next` continues after the last one when the year holds more. Year range, limit and cursor are
   * checked by the handler, which words what is wrong (errors.libraryYear, …).
   */
  'library.issues': {
    request: z
      .object({
        publicationId: z.number().int().positive(),
        year: z.number().int().nullable(),
        cursor: libraryCursorSchema.optional(),
        limit: z.number().int().optional(),
      })
      .strict(),
    response: z.object({ issues: z.array(issueSummarySchema).max(LIBRARY_ISSUES_MAX), next: libraryCursorSchema.nullable() }),
  },
  /** One issue's summary: where a page opened from search or a link sits in the tree. */
  'library.issue': { request: z.object({ issueId: z.number().int().positive() }).strict(), response: issueSummarySchema },
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
