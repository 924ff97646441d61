// The one contract between the renderer and either host (Electron IPC or the loopback HTTP host).
// Every channel has a zod request and response schema; hosts validate every request with it
// before a handler runs, and the renderer validates every response.
import { pageScanSchema } from './scan.ts';
import { z } from 'zod';
import { COMMAND_IDS } from './commands.ts';
import { MAX_PAGE_ITEMS, MAX_PAGE_TEXT_CHARS } from './page-limits.ts';
import {
  issueSummarySchema,
  pageRecordSchema,
  pageStateSchema,
  pageSummarySchema,
  publicationSummarySchema,
  storedItemSchema,
} from './domain.ts';
import { itemKindSchema, itemSchema } from './segmentation.ts';
import { reviewChannels } from './ipc-review.ts';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

const empty = z.object({}).strict();
const pageId = z.number().int().positive();

export const importOutcomeSchema = z.object({
  source: z.string(),
  status: z.enum(['imported', 'unchanged', 'kept-corrections', 'skipped', 'failed']),
  pageId: z.number().int().optional(),
  issueId: z.number().int().optional(),
  error: z.string().optional(),
});
export type ImportOutcomeRow = z.infer<typeof importOutcomeSchema>;

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

export const channels = {
  'app.info': {
    request: empty,
    response: z.object({
      host: z.enum(['electron', 'browser']),
      archivePath: z.string(),
      version: z.string(),
      /** The archive could not be opened for writing: the UI shows a banner, writes are refused. */
      readOnly: z.boolean().optional(),
    }),
  },
  'app.setLanguage': { request: z.object({ language: languageSchema }).strict(), response: z.object({ ok: z.literal(true) }) },
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
  'page.save': {
    request: z
      .object({
        pageId,
        baseRevision: z.number().int().nonnegative(),
        text: z.string().max(MAX_PAGE_TEXT_CHARS),
        items: z.array(storedItemSchema).max(MAX_PAGE_ITEMS),
      })
      .strict(),
    response: z.object({ revision: z.number().int().nonnegative() }),
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
  'import.dialog': { request: empty, response: importReportSchema.nullable() },
  /** First run: imports the bundled sample issue (once) and returns its first page. */
  'sample.open': { request: empty, response: z.object({ pageId: z.number().int(), imported: z.boolean() }) },
  /** Profiles, session, tags, vocabulary, approval, export, history, search: see ipc-review.ts. */
  ...reviewChannels,
} as const;

export type Channel = keyof typeof channels;
export const CHANNELS = Object.keys(channels) as Channel[];
export type Req<C extends Channel> = z.input<(typeof channels)[C]['request']>;
export type ParsedReq<C extends Channel> = z.output<(typeof channels)[C]['request']>;
export type Res<C extends Channel> = z.output<(typeof channels)[C]['response']>;

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

// ---- events pushed from the host to the renderer ----

/** Every command of the registry (shared/commands.ts) can come from the Electron menu. */
export const MENU_COMMANDS = COMMAND_IDS;
export const menuCommandSchema = z.enum(MENU_COMMANDS);
export type MenuCommand = z.infer<typeof menuCommandSchema>;

export const importProgressSchema = z.object({
  /** Files handled so far. */
  done: z.number().int().nonnegative(),
  /** Files to handle, or 0 while folders are still being walked. */
  total: z.number().int().nonnegative(),
  current: z.string().nullable(),
  errors: z.array(z.object({ source: z.string(), message: z.string() })),
  finished: z.boolean(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const events = {
  'import.progress': importProgressSchema,
  'library.changed': z.object({}),
  menu: z.object({ command: menuCommandSchema }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** The API the renderer sees, whichever host it runs in. */
export interface GalleyApi {
  /** keepalive: the request may outlive the page (a save while closing). */
  invoke<C extends Channel>(channel: C, request: Req<C>, options?: { keepalive?: boolean }): Promise<Res<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Import what was dropped on the window: by path in Electron, by content over HTTP. */
  importDropped(drop: Drop): Promise<ImportReport>;
  readonly host: 'electron' | 'browser';
  /** Browser host: whether the host answers (calls wait and retry while it does not). */
  onConnection?(listener: (state: ConnectionState) => void): () => void;
}

/** 'offline': the host cannot be reached; 'unauthorized': it answers but does not know this tab's token. */
export type ConnectionState = 'online' | 'offline' | 'unauthorized';

export interface Drop {
  /** The top-level dropped files and folders, as the DataTransfer gives them. */
  items: File[];
  /** Every file inside, with its path relative to the drop (read lazily). */
  files(): Promise<DroppedFile[]>;
}

/** A dropped file with its path relative to the dropped folder (or its own name). */
export interface DroppedFile {
  relativePath: string;
  file: File;
}

/** What the Electron preload puts on window.galley. */
export interface PreloadBridge {
  invoke(channel: string, request: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Hands dropped files to the main process; resolves to one opaque handle per file with a path. */
  dropFiles(files: File[]): Promise<string[]>;
}

/** HTTP transport constants. */
export const HTTP_TOKEN_HEADER = 'x-galley-token';
