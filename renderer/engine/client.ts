// The renderer's side of the engine worker: a live preview of the engine's items while the editor
// works (the host stays the authority for what is saved). Requests go one at a time and the
// newest wins: a request still waiting when a newer one comes is answered null (stale) and never
// reaches the worker, so a burst of typing costs one derive, not one per keystroke.
import type { Item, ItemKind } from '../../shared/segmentation.ts';
import { engineResponseSchema, type EngineRequest, type PreviewProfile } from './messages.ts';

export interface PreviewEngine {
  /** The engine's items for these split points; null when a newer request replaced this one, or the worker is unavailable. */
  derive(text: string, starts: readonly number[], kinds: readonly (ItemKind | null)[]): Promise<Item[] | null>;
  /** Starts the worker and loads the model, so the first preview is quick. */
  warm(): void;
  /**
   * Previews from now on with this publication profile (engine.profile's answer; null: the base
   * model). Resolves to the profile the worker took (null when none, or it did not fit).
   */
  useProfile?(profile: unknown): Promise<PreviewProfile>;
  dispose(): void;
}

/** What the client needs of a Worker (a fake in tests). */
export interface WorkerLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  postMessage(message: EngineRequest): void;
  terminate(): void;
}

interface Pending {
  message: EngineRequest;
  resolve: (items: Item[] | null) => void;
}

export function createPreviewEngine(spawn: () => WorkerLike): PreviewEngine {
  let worker: WorkerLike | null = null;
  let broken = false;
  let nextId = 1;
  let inFlight: (Pending & { id: number }) | null = null;
  let waiting: Pending | null = null;
  // Profile changes skip the derive queue (the worker takes messages in order, so every derive
  // sent after one uses it) and are answered by id.
  const profileWaiters = new Map<number, (p: PreviewProfile) => void>();

  const fail = () => {
    // A worker that cannot start (or crashed) gives no previews; the host's derive still runs.
    broken = true;
    inFlight?.resolve(null);
    waiting?.resolve(null);
    inFlight = waiting = null;
    for (const resolve of profileWaiters.values()) resolve(null);
    profileWaiters.clear();
    worker?.terminate();
    worker = null;
  };

  const send = (p: Pending) => {
    const w = ensure();
    if (!w) return p.resolve(null);
    inFlight = { ...p, id: p.message.id };
    w.postMessage(p.message);
  };

  const onAnswer = (data: unknown) => {
    const parsed = engineResponseSchema.safeParse(data);
    const waiter = parsed.success ? profileWaiters.get(parsed.data.id) : undefined;
    if (parsed.success && waiter) {
      profileWaiters.delete(parsed.data.id);
      return waiter(parsed.data.ok ? (parsed.data.profile ?? null) : null);
    }
    const current = inFlight;
    if (!current || !parsed.success || parsed.data.id !== current.id) return;
    inFlight = null;
    current.resolve(parsed.data.ok && parsed.data.items ? parsed.data.items : null);
    const next = waiting;
    waiting = null;
    if (next) send(next);
  };

  const ensure = (): WorkerLike | null => {
    if (broken) return null;
    if (worker) return worker;
    try {
      worker = spawn();
    } catch {
      fail();
      return null;
    }
    worker.onmessage = (e) => onAnswer(e.data);
    worker.onerror = () => fail();
    return worker;
  };

  const enqueue = (message: EngineRequest): Promise<Item[] | null> =>
    new Promise((resolve) => {
      if (broken) return resolve(null);
      const p = { message, resolve };
      if (!inFlight) return send(p);
      // Newest wins: the request that was waiting is stale now.
      waiting?.resolve(null);
      waiting = p;
    });

  return {
    derive(text, starts, kinds) {
      return enqueue({ type: 'derive', id: nextId++, request: { text, starts: [...starts], kinds: [...kinds] } });
    },
    warm() {
      if (!worker && !broken) void enqueue({ type: 'warm', id: nextId++ });
    },
    useProfile(profile) {
      return new Promise((resolve) => {
        const w = ensure();
        if (!w) return resolve(null);
        const id = nextId++;
        profileWaiters.set(id, resolve);
        w.postMessage({ type: 'profile', id, profile });
      });
    },
    dispose() {
      fail();
    },
  };
}

/** The engine worker of the running renderer (vite bundles the worker from this exact `new URL`). */
export function createWorkerEngine(): PreviewEngine {
  return createPreviewEngine(() => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'galley-engine' }) as unknown as WorkerLike);
}
