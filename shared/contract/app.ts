// Contract of the host itself: what it is, and the UI language (the Electron menu follows it).
import { z } from 'zod';

const empty = z.object({}).strict();

export const LANGUAGES = ['en', 'zh-CN'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

export const appChannels = {
  'app.info': {
    request: empty,
    response: z.object({
      host: z.enum(['electron', 'browser']),
      archivePath: z.string(),
      /** A local archive file (SQLite), or a team archive on a server (PostgreSQL; the path is its URL, password masked). */
      archiveKind: z.enum(['local', 'team']),
      version: z.string(),
      /** The archive could not be opened for writing: the UI shows a banner, writes are refused. */
      readOnly: z.boolean().optional(),
    }),
  },
  'app.setLanguage': { request: z.object({ language: languageSchema }).strict(), response: z.object({ ok: z.literal(true) }) },
} as const;
