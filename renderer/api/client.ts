// The renderer's one way to the host. Chosen once at start: the Electron preload's bridge when
// present, else HTTP to the loopback host. Nothing else in the renderer knows which host it is.
import {
  channels,
  events,
  HTTP_TOKEN_HEADER,
  type Channel,
  type Drop,
  type EventName,
  type EventPayload,
  type GalleyApi,
  type ImportReport,
  type PreloadBridge,
  type Req,
  type Res,
} from '../../shared/ipc.ts';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** For refusals: the Action ('forbidden') or state-machine code ('refused') — word by this. */
    readonly reason: string | null = null,
    /** The issue state a refusal names, when the host knows it. */
    readonly state: string | null = null,
  ) {
    super(message);
  }
}

type Failure = { ok: boolean; value?: unknown; code?: string; message?: string; reason?: unknown; state?: unknown };
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function parseResponse<C extends Channel>(channel: C, value: unknown): Res<C> {
  return channels[channel].response.parse(value) as Res<C>;
}

export function electronApi(bridge: PreloadBridge): GalleyApi {
  return {
    host: 'electron',
    async invoke(channel, request) {
      const result = (await bridge.invoke(channel, request)) as Failure;
      if (!result.ok) throw new ApiError(result.code ?? 'internal', result.message ?? 'failed', str(result.reason), str(result.state));
      return parseResponse(channel, result.value);
    },
    on(event, listener) {
      return bridge.on(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof event>);
      });
    },
    async importDropped(drop: Drop): Promise<ImportReport> {
      const paths = drop.items.map((f) => bridge.pathForFile(f)).filter(Boolean);
      return this.invoke('import.paths', { paths });
    },
  };
}

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function httpApi(token: string, base = ''): GalleyApi {
  let source: EventSource | null = null;
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`${base}/api/events`);
    for (const name of Object.keys(events) as EventName[]) {
      source.addEventListener(name, (e) => {
        let data: unknown;
        try {
          data = JSON.parse((e as MessageEvent<string>).data);
        } catch {
          return;
        }
        const parsed = events[name].safeParse(data);
        if (!parsed.success) return;
        for (const l of listeners.get(name) ?? []) l(parsed.data);
      });
    }
  };
  const api: GalleyApi = {
    host: 'browser',
    async invoke<C extends Channel>(channel: C, request: Req<C>, options?: { keepalive?: boolean }): Promise<Res<C>> {
      const res = await fetch(`${base}/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: token },
        body: JSON.stringify(request),
        keepalive: options?.keepalive ?? false,
        credentials: 'same-origin',
      });
      let body: Failure;
      try {
        body = (await res.json()) as typeof body;
      } catch {
        throw new ApiError('internal', `${res.status} ${res.statusText}`);
      }
      if (!body.ok) throw new ApiError(body.code ?? 'internal', body.message ?? res.statusText, str(body.reason), str(body.state));
      return parseResponse(channel, body.value);
    },
    on(event, listener) {
      ensureSource();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    async importDropped(drop: Drop): Promise<ImportReport> {
      const files = await drop.files();
      const payload = await Promise.all(
        files.map(async (f) => ({ name: f.relativePath, data: toBase64(await f.file.arrayBuffer()) })),
      );
      return api.invoke('import.files', { files: payload });
    },
  };
  return api;
}

export function createApi(): GalleyApi {
  const bridge = (window as unknown as { galley?: PreloadBridge }).galley;
  if (bridge) return electronApi(bridge);
  const token = document.querySelector<HTMLMetaElement>('meta[name="galley-token"]')?.content ?? '';
  return httpApi(token);
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
