// The export contract: schema `galley.issue-export/1`, everything the writers in electron/export
// need about one issue, gathered by the archive. The JSON format is this object as it is, so an
// exported issue can be read back and checked with `issueExportSchema.parse`.
import { z } from 'zod';
import { issueStateSchema, storedItemSchema } from './domain.ts';
import { roleSchema } from './roles.ts';
import { mastheadSchema } from './segmentation.ts';

export const ISSUE_EXPORT_SCHEMA = 'galley.issue-export/1' as const;

export const EXPORT_FORMATS = ['json', 'nitf', 'newsml', 'csv', 'markdown', 'txt'] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const exportItemSchema = storedItemSchema.extend({
  /** The archive's item id: stable across re-exports, used in file names and doc ids. */
  id: z.number().int().positive(),
  tags: z.array(z.string()),
  /** Items that jump lines join into one story share a storyId (the first part's item id). */
  storyId: z.number().int().positive().optional(),
});
export type ExportItem = z.infer<typeof exportItemSchema>;

export const exportPageSchema = z.object({
  pageNumber: z.number().int().positive().nullable(),
  sourceName: z.string(),
  text: z.string(),
  items: z.array(exportItemSchema),
});
export type ExportPage = z.infer<typeof exportPageSchema>;

export const approvalSchema = z.object({
  at: z.string().min(1),
  by: z.string().min(1),
  role: roleSchema,
  action: z.enum(['approve', 'reopen', 'export']),
  reason: z.string().nullable(),
});
export type Approval = z.infer<typeof approvalSchema>;

export const revisionSummarySchema = z.object({
  /** Saved changes across the issue's pages. */
  count: z.number().int().nonnegative(),
  lastAt: z.string().nullable(),
  lastBy: z.string().nullable(),
});

export const issueExportSchema = z.object({
  schema: z.literal(ISSUE_EXPORT_SCHEMA),
  publication: z.object({
    title: z.string().min(1),
    titleLatin: z.string().nullable(),
    serial: z.string().nullable(),
    /** Short code for folder and file names ("HYRB"); falls back to the Latin title, then the title. */
    code: z.string().min(1).nullable(),
  }),
  issue: z.object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    issueNumber: z.number().int().nullable(),
    pageCount: z.number().int().nullable(),
    state: issueStateSchema,
    masthead: mastheadSchema.nullable(),
  }),
  pages: z.array(exportPageSchema),
  approvals: z.array(approvalSchema),
  revisions: revisionSummarySchema,
  /** When the export was made (ISO 8601); passed in so the writers stay pure and repeatable. */
  exportedAt: z.string().min(1),
});
export type IssueExport = z.infer<typeof issueExportSchema>;
