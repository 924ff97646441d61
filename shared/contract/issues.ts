// Contract of issues: their items and state history, approval, reopening and export.
import { z } from 'zod';
import { issueStateSchema, issueSummarySchema } from '../domain.ts';
import { roleSchema } from '../roles.ts';
import { itemKindSchema } from '../segmentation.ts';
import { exportFormatSchema, EXPORT_FORMATS } from '../export.ts';
import { passwordField } from './profiles.ts';

const empty = z.object({}).strict();
const id = z.number().int().positive();

export const issueHistoryRowSchema = z.object({
  at: z.string(),
  profileId: z.string(),
  by: z.string(),
  role: roleSchema,
  event: z.enum(['pages-changed', 'approve', 'export', 'reopen']),
  from: issueStateSchema,
  to: issueStateSchema,
  reason: z.string().nullable(),
});
export type IssueHistoryRow = z.infer<typeof issueHistoryRowSchema>;

export const exportManifestSchema = z.object({
  schema: z.string(),
  folder: z.string(),
  exportedAt: z.string(),
  publication: z.string(),
  date: z.string().nullable(),
  issueNumber: z.number().int().nullable(),
  state: z.string(),
  formats: z.array(exportFormatSchema),
  files: z.array(z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: z.string() })),
});

export const issueItemSchema = z.object({
  itemId: z.number().int(),
  pageId: z.number().int(),
  pageNumber: z.number().int().nullable(),
  kind: itemKindSchema,
  headline: z.string().nullable(),
  tags: z.array(z.string()),
});

const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'must be an absolute path')
  .refine((p) => !p.includes('\u0000'), 'contains NUL');

export const issueChannels = {
  'issues.items': { request: z.object({ issueId: id }).strict(), response: z.array(issueItemSchema) },
  'issues.history': {
    request: z.object({ issueId: id }).strict(),
    response: z.object({ issue: issueSummarySchema, history: z.array(issueHistoryRowSchema) }),
  },
  // password: the acting user's, asked again when that profile has one (accounts; profiles.ts).
  'issues.approve': { request: z.object({ issueId: id, password: passwordField }).strict(), response: z.object({ issue: issueSummarySchema }) },
  'issues.reopen': {
    request: z.object({ issueId: id, reason: z.string().max(2000), password: passwordField }).strict(),
    response: z.object({ issue: issueSummarySchema }),
  },
  'issues.export': {
    request: z
      .object({
        issueId: id,
        formats: z.array(exportFormatSchema).min(1).max(EXPORT_FORMATS.length).default([...EXPORT_FORMATS]),
        zip: z.boolean().default(false),
        outDir: absolutePath.optional(),
        password: passwordField,
      })
      .strict(),
    response: z.object({
      folderPath: z.string(),
      zipPath: z.string().nullable(),
      manifest: exportManifestSchema,
      issue: issueSummarySchema,
      /**
       * The browser host: the export's zip for the tab to save as a download (the renderer names no
       * path); null when it is larger than MAX_EXPORT_DOWNLOAD_BYTES (it stays in the export folder).
       */
      download: z.object({ name: z.string().min(1).max(255), base64: z.string() }).nullable().optional(),
    }),
  },
  /** download: the host hands exports over as a download (the browser host); the folder is then shown, never sent. */
  'export.folder': { request: empty, response: z.object({ outDir: z.string(), canChoose: z.boolean(), download: z.boolean().optional() }) },
  'export.chooseFolder': { request: empty, response: z.object({ outDir: z.string().nullable() }) },
} as const;
