// The one contract between the renderer and either host (Electron IPC or the loopback HTTP host).
// Every channel has a zod request and response schema; hosts validate every request with it
// before a handler runs, and the renderer validates every response.
import { z } from 'zod';
import { COMMAND_IDS } from './commands.ts';
import { appChannels } from './contract/app.ts';
import { pageChannels } from './contract/pages.ts';
import { importChannels, missingProgramSchema, type ImportReport } from './contract/import.ts';
import { reviewChannels } from './ipc-review.ts';
import { archiveChannels } from './contract/archives.ts';
import { accountChannels } from './contract/accounts.ts';
import { replicaChannels } from './contract/replica.ts';

export * from './contract/app.ts';
export * from './contract/import.ts';
export * from './contract/accounts.ts';
export * from './contract/replica.ts';

/** Every channel, by domain (shared/contract/: app, pages, import, profiles, tags, issues, history, search). */
export const channels = {
  ...appChannels,
  ...pageChannels,
  ...importChannels,
  ...reviewChannels,
  ...archiveChannels,
  ...accountChannels,
  ...replicaChannels,
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
  errors: z.array(z.object({ source: z.string(), message: z.string(), missingProgram: missingProgramSchema.optional() })),
  finished: z.boolean(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const events = {
  'import.progress': importProgressSchema,
  'library.changed': z.object({}),
  menu: z.object({ command: menuCommandSchema }),
  /** The host now works on another archive (archives.open): every window reloads. */
  'archive.switched': z.object({}),
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
/**
 * The archive a tab's data came from (an opaque id, known-archives.ts): the host sends it with every
 * API answer, the tab sends back the first one it got, and a call naming an archive that is no longer
 * open is refused ('archive-switched') instead of landing in the one opened since (Open archive…).
 */
export const HTTP_ARCHIVE_HEADER = 'x-galley-archive';
