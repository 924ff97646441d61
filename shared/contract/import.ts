// Contract of importing: dropped files (by handle in Electron, by content in the browser), the
// native dialog, cancelling, and the bundled sample issue.
import { z } from 'zod';
import { MISSING_PROGRAM_KEYS } from '../i18n-scan.ts';

const empty = z.object({}).strict();

export const missingProgramSchema = z.object({
  key: z.enum(MISSING_PROGRAM_KEYS),
  program: z.string().max(200),
  package: z.string().max(200),
});

export const importOutcomeSchema = z.object({
  source: z.string(),
  status: z.enum(['imported', 'unchanged', 'kept-corrections', 'skipped', 'failed']),
  pageId: z.number().int().optional(),
  issueId: z.number().int().optional(),
  error: z.string().optional(),
  /** The failure's typed code ('empty', 'binary', 'unsupported', 'ocr'…): the UI words it by this. */
  errorCode: z.string().max(40).optional(),
  /** A program the file needs is not installed: the UI says which, and its package, in its own language. */
  missingProgram: missingProgramSchema.optional(),
});
export type ImportOutcomeRow = z.infer<typeof importOutcomeSchema>;
export type MissingProgram = z.infer<typeof missingProgramSchema>;

export const importReportSchema = z.object({
  outcomes: z.array(importOutcomeSchema),
  cancelled: z.boolean(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** At most 64 MiB of base64 per upload; each file name is a relative path without "..". */
export const uploadFileSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(1024)
    .refine((n) => !n.split(/[\\/]/).some((p) => p === '..' || p === '') && !/^[\\/]|^[a-zA-Z]:/.test(n), 'bad file name'),
  data: z.string().max(64 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 expected'),
});

export const importChannels = {
  /**
   * Electron host only: files dropped on the window, by the opaque handles the main process gave
   * for them (PreloadBridge.dropFiles). The renderer never names a path.
   */
  'import.handles': {
    request: z.object({ handles: z.array(z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'file handle expected')).min(1).max(10_000) }).strict(),
    response: importReportSchema,
  },
  /** Browser host: dropped File objects, by content. */
  'import.files': {
    request: z.object({ files: z.array(uploadFileSchema).min(1).max(10_000) }).strict(),
    response: importReportSchema,
  },
  /** Cancels the running import: no further file is read and a running OCR is stopped. */
  'import.cancel': { request: empty, response: z.object({ ok: z.literal(true) }) },
  /** Electron host only: native open dialog, then import. Null when the dialog was cancelled. */
  'import.dialog': { request: z.object({ folder: z.boolean().optional() }).strict(), response: importReportSchema.nullable() },
  /** First run: imports the bundled sample issue (once) and returns its first page. */
  'sample.open': { request: empty, response: z.object({ pageId: z.number().int(), imported: z.boolean() }) },
} as const;
