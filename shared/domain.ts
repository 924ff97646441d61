// Domain records shared by the archive, the hosts and the renderer.
import { z } from 'zod';
import { itemSchema, mastheadSchema } from './segmentation.ts';

export const PAGE_STATES = ['imported', 'in-progress', 'proofed'] as const;
export const pageStateSchema = z.enum(PAGE_STATES);
export type PageState = z.infer<typeof pageStateSchema>;

export const ISSUE_STATES = ['imported', 'in-progress', 'proofed', 'approved', 'exported'] as const;
export const issueStateSchema = z.enum(ISSUE_STATES);
export type IssueState = z.infer<typeof issueStateSchema>;

/** Item fields an editor can type by hand; a hand-typed field survives re-derivation. */
export const EDITABLE_FIELDS = ['kind', 'kicker', 'headline', 'subheadline', 'series', 'byline', 'contributors', 'paragraphs', 'continuedOn', 'continuedFrom'] as const;
export const editableFieldSchema = z.enum(EDITABLE_FIELDS);
export type EditableField = z.infer<typeof editableFieldSchema>;

/** An item as the archive stores it: the engine's item plus the fields an editor fixed by hand. */
export const storedItemSchema = itemSchema.extend({
  id: z.number().int().positive().optional(),
  editedFields: z.array(editableFieldSchema).default([]),
  tags: z.array(z.string()).default([]),
});
export type StoredItem = z.infer<typeof storedItemSchema>;

export const publicationSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  titleLatin: z.string().nullable(),
  serial: z.string().nullable(),
});
export type PublicationSummary = z.infer<typeof publicationSummarySchema>;

export const issueSummarySchema = z.object({
  id: z.number().int(),
  publicationId: z.number().int(),
  date: z.string().nullable(),
  issueNumber: z.number().int().nullable(),
  pageCount: z.number().int().nullable(),
  state: issueStateSchema,
  pagesTotal: z.number().int(),
  pagesProofed: z.number().int(),
});
export type IssueSummary = z.infer<typeof issueSummarySchema>;

export const pageSummarySchema = z.object({
  id: z.number().int(),
  issueId: z.number().int(),
  pageNumber: z.number().int().nullable(),
  sourceName: z.string(),
  state: pageStateSchema,
  itemCount: z.number().int(),
  /** Items whose split or title roles the engine doubts (kept up to date on every save). */
  doubtCount: z.number().int().nonnegative().optional(),
});
export type PageSummary = z.infer<typeof pageSummarySchema>;

export const pageRecordSchema = z.object({
  id: z.number().int(),
  issueId: z.number().int(),
  pageNumber: z.number().int().nullable(),
  sourceName: z.string(),
  encoding: z.string(),
  contentHash: z.string(),
  text: z.string(),
  state: pageStateSchema,
  masthead: mastheadSchema.nullable(),
  items: z.array(storedItemSchema),
  /** Increases by one with every saved change; a save names the revision it started from. */
  revision: z.number().int().nonnegative(),
  /** Which model segmented the page and which publication profile (learned from profilePages pages) adapted it. */
  model: z
    .object({ version: z.string(), profile: z.string().nullable(), profilePages: z.number().int().nonnegative().nullable() })
    .nullable()
    .optional(),
});
export type PageRecord = z.infer<typeof pageRecordSchema>;
