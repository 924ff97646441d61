// The renderer's one way to the host. Chosen once at start: the Electron preload's bridge when
// present, else HTTP to the loopback host. Nothing else in the renderer knows which host it is.
import {
  channels,
  events,
  HTTP_ARCHIVE_HEADER,
  HTTP_TOKEN_HEADER,
  type Channel,
  type ConnectionState,
  type Drop,
  type EventName,
  type EventPayload,
  type GalleyApi,
  type ImportReport,
  type PreloadBridge,
  type Req,
  type Res,
} from '../../shared/ipc.ts';
import { MAX_UPLOAD_BATCH_CHARS } from '../../shared/limits.ts';
import { parsePageRecord } from '../../shared/page-record-check.ts';
import { isWirePage, pageOfWire } from '../../shared/page-wire.ts';
import { AppError, type AppErrorCode, type AppErrorDetails } from '../../shared/app-error.ts';

/**
 * A host failure in the renderer: the AppError the host threw, carried unchanged (or one the
 * transport raises itself: 'offline', 'unauthorized'). Worded by code and reason (messages.ts).
 */
export class ApiError extends AppError {
  constructor(code: AppErrorCode, message: string, reason: string | null = null, details: AppErrorDetails = {}) {
    super(code, reason ?? code, message, details);
  }

  /** The issue state a refusal names, when the host knows it. */
  get state(): string | null {
    const s = this.details.state;
    return typeof s === 'string' ? s : null;
  }

  /** The failure half of an answer; a malformed one becomes an 'internal' error. */
  static fromFailure(data: unknown): ApiError {
    const e = AppError.fromData(data);
    return new ApiError(e.code, e.message, e.reason, e.details);
  }
}

type Failure = { ok: boolean; value?: unknown };

/** Answers checked by a plain pass equal to their schema (a page of 10,000 items: zod cost ~30 ms CPU). */
// page.get: the lean wire form over HTTP (shared/page-wire.ts), a page record from the Electron host.
const FAST_CHECKS: { [C in Channel]?: (value: unknown) => Res<C> } = { 'page.get': (v) => (isWirePage(v) ? pageOfWire(v) : parsePageRecord(v)) };

function parseResponse<C extends Channel>(channel: C, value: unknown): Res<C> {
  const fast = FAST_CHECKS[channel];
  return fast ? fast(value) : (channels[channel].response.parse(value) as Res<C>);
}

export function electronApi(bridge: PreloadBridge): GalleyApi {
  return {
    host: 'electron',
    async invoke(channel, request) {
      const result = (await bridge.invoke(channel, request)) as Failure;
      if (!result.ok) throw ApiError.fromFailure(result);
      return parseResponse(channel, result.value);
    },
    on(event, listener) {
      return bridge.on(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof event>);
      });
    },
    async importDropped(drop: Drop): Promise<ImportReport> {
      const handles = await bridge.dropFiles(drop.items);
      if (handles.length === 0) return { outcomes: [], cancelled: false };
      return this.invoke('import.handles', { handles });
    },
  };
}

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Where the tab keeps the browser host's token (sessionStorage: this origin, i.e. this port, and this tab). */
export const TOKEN_STORAGE_KEY = 'galley.token';

/**
 * The browser host's token: taken from the launch URL's fragment (#token=…) when there is one —
 * then stored in sessionStorage and removed from the address bar — else the stored one.
 */
export function takeToken(loc: Pick<Location, 'hash' | 'pathname' | 'search'>, storage: Storage, history?: Pick<History, 'replaceState' | 'state'>): string {
  const fromHash = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(loc.hash)?.[1];
  if (fromHash) {
    storage.setItem(TOKEN_STORAGE_KEY, fromHash);
    history?.replaceState(history.state, '', loc.pathname + loc.search);
    return fromHash;
  }
  return storage.getItem(TOKEN_STORAGE_KEY) ?? '';
}

/** Waits before retry n (0-based): 0.5 s doubling to at most 8 s. */
export function backoffMs(attempt: number): number {
  return Math.min(8_000, 500 * 2 ** Math.min(attempt, 5));
}

/** The host could not be reached, or answered without being the host (a proxy's 502, a reset). */
class Unreachable extends Error {}

export interface HttpApiOptions {
  base?: string;
  /** The current token (re-read before every attempt, so a new launch URL takes effect at once). */
  token: () => string;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  /**
   * Accounts: the host answered 'login-required' (no login, or it expired). Resolves once the user
   * has logged in again; the call is then retried (renderer/api/auth.ts loginGate).
   */
  onLoginRequired?: () => Promise<void>;
}

export function httpApi(tokenOrOptions: string | HttpApiOptions, base = ''): GalleyApi {
  const opts: HttpApiOptions = typeof tokenOrOptions === 'string' ? { token: () => tokenOrOptions, base } : tokenOrOptions;
  const root = opts.base ?? '';
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((ok) => setTimeout(ok, ms)));
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let connection: ConnectionState = 'online';
  const setConnection = (state: ConnectionState) => {
    if (state === connection) return;
    connection = state;
    for (const l of connectionListeners) l(state);
  };

  // The event stream over fetch (EventSource cannot send the token header); reconnects with backoff.
  let streaming = false;
  const deliver = (name: string, data: string) => {
    if (!Object.prototype.hasOwnProperty.call(events, name)) return;
    const event = name as EventName;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = events[event].safeParse(payload);
    if (!parsed.success) return;
    for (const l of listeners.get(event) ?? []) l(parsed.data);
  };
  const stream = async () => {
    for (let attempt = 0; ; ) {
      try {
        const res = await doFetch(`${root}/api/events`, { headers: { [HTTP_TOKEN_HEADER]: opts.token() }, cache: 'no-store' });
        if (res.ok && res.body) {
          attempt = 0;
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const frame = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              let name = 'message';
              const data: string[] = [];
              for (const line of frame.split('\n')) {
                if (line.startsWith('event: ')) name = line.slice(7);
                else if (line.startsWith('data: ')) data.push(line.slice(6));
              }
              deliver(name, data.join('\n'));
            }
          }
        }
      } catch {
        // Host gone: try again below.
      }
      await sleep(backoffMs(attempt++));
    }
  };
  const ensureStream = () => {
    if (streaming) return;
    streaming = true;
    void stream();
  };

  // The archive this tab's data came from: the host's id on the first answer, named in every later
  // call, so a call made for a page of an archive the host has since closed is refused, not applied
  // to the archive opened since (where the same page id and revision may exist).
  let archiveId: string | null = null;
  let switchedAway = false;

  const api: GalleyApi = {
    host: 'browser',
    async invoke<C extends Channel>(channel: C, request: Req<C>, options?: { keepalive?: boolean }): Promise<Res<C>> {
      const body = JSON.stringify(request);
      // Host gone or restarted with another token: wait and try again, so the caller (an autosave)
      // keeps its edit instead of losing it. A save while the page closes gets one try.
      for (let attempt = 0; ; attempt++) {
        let res: Response;
        let parsed: Failure | null = null;
        try {
          res = await doFetch(`${root}/api/${channel}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: opts.token(), ...(archiveId ? { [HTTP_ARCHIVE_HEADER]: archiveId } : {}) },
            body,
            keepalive: options?.keepalive ?? false,
            // The team server's login cookie (HttpOnly, SameSite=Strict) rides along; no other.
            credentials: 'same-origin',
          });
          if (res.status === 401 && !/json/.test(res.headers.get('content-type') ?? '')) {
            if (options?.keepalive) throw new ApiError('unauthorized', 'the host does not know this tab');
            setConnection('unauthorized');
            await sleep(backoffMs(attempt));
            continue;
          }
          try {
            parsed = (await res.json()) as Failure;
          } catch {
            if (res.status >= 502 && res.status <= 504) throw new Unreachable();
            throw new ApiError('internal', `${res.status} ${res.statusText}`);
          }
        } catch (e) {
          if (e instanceof ApiError) throw e;
          if (options?.keepalive) throw new ApiError('offline', 'the host cannot be reached');
          setConnection('offline');
          await sleep(backoffMs(attempt));
          continue;
        }
        setConnection('online');
        archiveId ??= res.headers.get(HTTP_ARCHIVE_HEADER);
        if (!parsed.ok) {
          const failure = ApiError.fromFailure(parsed);
          // The host is on another archive now: as if its archive.switched event had come (it may be
          // missed while the stream reconnects): the unsaved change is kept as a copy and the tab reloads.
          if (failure.reason === 'archive-switched' && !switchedAway) {
            switchedAway = true;
            deliver('archive.switched', '{}');
          }
          if (failure.reason === 'login-required' && opts.onLoginRequired && !options?.keepalive) {
            await opts.onLoginRequired();
            continue;
          }
          throw failure;
        }
        return parseResponse(channel, parsed.value);
      }
    },
    on(event, listener) {
      ensureStream();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    async importDropped(drop: Drop): Promise<ImportReport> {
      const files = await drop.files();
      // Several requests when the drop is bigger than one request body may be (shared/limits.ts).
      const outcomes: ImportReport['outcomes'] = [];
      let batch: { name: string; data: string }[] = [];
      let size = 0;
      const flush = async () => {
        if (batch.length === 0) return false;
        const report = await api.invoke('import.files', { files: batch });
        outcomes.push(...report.outcomes);
        batch = [];
        size = 0;
        return report.cancelled;
      };
      for (const f of files) {
        const data = toBase64(await f.file.arrayBuffer());
        if (size + data.length > MAX_UPLOAD_BATCH_CHARS && (await flush())) return { outcomes, cancelled: true };
        batch.push({ name: f.relativePath, data });
        size += data.length;
      }
      return { outcomes, cancelled: await flush() };
    },
  };
  return api;
}

export function createApi(options: Pick<HttpApiOptions, 'onLoginRequired'> = {}): GalleyApi {
  const bridge = (window as unknown as { galley?: PreloadBridge }).galley;
  if (bridge) return electronApi(bridge);
  let token = takeToken(window.location, window.sessionStorage, window.history);
  // Opening the host's launch URL again in this tab (e.g. after the host got a new token) changes
  // only the fragment: the page stays, with its unsaved edits, and takes the new token.
  window.addEventListener('hashchange', () => {
    token = takeToken(window.location, window.sessionStorage, window.history);
  });
  return httpApi({ token: () => token, ...options });
}

/** Walks dropped folders (webkitGetAsEntry) into files with relative paths. */
export function dropFromDataTransfer(dt: DataTransfer): Drop {
  const items = Array.from(dt.files);
  const entries = Array.from(dt.items)
    .map((i) => (typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => e !== null);
  return {
    items,
    async files() {
      if (entries.length === 0) return items.map((file) => ({ relativePath: file.name, file }));
      const out: { relativePath: string; file: File }[] = [];
      const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
        if (entry.isFile) {
          const file = await new Promise<File>((ok, fail) => (entry as FileSystemFileEntry).file(ok, fail));
          out.push({ relativePath: prefix + entry.name, file });
        } else if (entry.isDirectory) {
          const reader = (entry as FileSystemDirectoryEntry).createReader();
          for (;;) {
            const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
            if (batch.length === 0) break;
            for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
          }
        }
      };
      for (const e of entries) await walk(e, '');
      return out;
    },
  };
}
