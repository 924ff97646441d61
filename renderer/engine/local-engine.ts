// The engine on the renderer's main thread, for the optimistic split. A split painted from the
// worker waited for two thread hops (the request to the worker, its answer back), and on a busy
// machine each hop waits for a core: 170 ms of wall time for 6 ms of derivation in one trace. This
// engine answers synchronously, inside the keystroke's own task, with the very handler the worker
// runs (handler.ts: core/engine's deriveItems with the page's publication profile, the same
// request checks), so the change is painted in the next frame. It derives only the changed
// window (renderer/model/preview-window.ts), a few milliseconds whatever the page's size; the
// host's whole-page derivation stays the authority and is reconciled (renderer/state/session-slice.ts).
//
// It loads lazily, when the main thread is idle after a page opened: the engine and its weights
// are a chunk of their own, and loading the model costs ~100 ms of CPU once. Until it is ready,
// deriveNow answers null and a split goes through the worker as before.
import type { Item, ItemKind } from '../../shared/segmentation.ts';
import type { EngineResponse } from './messages.ts';

type Handler = (message: unknown) => EngineResponse;

export interface LocalEngine {
  /**
   * The engine's items for these split points, now. Null while the engine is not loaded yet, or
   * when it refuses the request (the caller then asks the worker and the host, as before).
   */
  deriveNow(text: string, starts: readonly number[], kinds: readonly (ItemKind | null)[]): Item[] | null;
  /**
   * Loads the engine and its model when the thread is idle (once), then derives `sample` once so
   * the first split does not run cold code. Resolves when ready (false: it could not load).
   */
  load(sample?: { text: string; starts: readonly number[]; kinds: readonly (ItemKind | null)[] }): Promise<boolean>;
  /** Derives with this publication profile from now on (engine.profile's answer; null: the base model). */
  useProfile(profile: unknown): void;
}

/** Runs `work` when the thread has nothing else to do (a timeout where requestIdleCallback is missing). */
export function whenIdle(work: () => void): void {
  const g = globalThis as { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number };
  if (typeof g.requestIdleCallback === 'function') g.requestIdleCallback(work, { timeout: 2000 });
  else setTimeout(work, 0);
}

export function createLocalEngine(
  importHandler: () => Promise<{ createEngineHandler: () => Handler }>,
  idle: (work: () => void) => void = whenIdle,
): LocalEngine {
  let handler: Handler | null = null;
  let loading: Promise<boolean> | null = null;
  let nextId = 1;
  // The profile asked for before the engine was loaded (undefined: none asked for yet).
  let wanted: unknown = undefined;

  const apply = (h: Handler, profile: unknown) => {
    // A profile the handler refuses leaves it on the base model, as the worker does.
    h({ type: 'profile', id: nextId++, profile });
  };

  const derive = (h: Handler, text: string, starts: readonly number[], kinds: readonly (ItemKind | null)[]): Item[] | null => {
    const answer = h({ type: 'derive', id: nextId++, request: { text, starts: [...starts], kinds: [...kinds] } });
    return answer.ok && answer.items ? answer.items : null;
  };

  const afterIdle = () => new Promise<void>((resolve) => idle(resolve));

  return {
    deriveNow(text, starts, kinds) {
      return handler ? derive(handler, text, starts, kinds) : null;
    },
    load(sample) {
      loading ??= (async () => {
        try {
          await afterIdle();
          const mod = await importHandler();
          const h = mod.createEngineHandler();
          await afterIdle();
          const warm = h({ type: 'warm', id: nextId++ });
          if (!warm.ok) return false;
          if (wanted !== undefined) apply(h, wanted);
          if (sample && sample.starts.length > 0) {
            await afterIdle();
            derive(h, sample.text, sample.starts, sample.kinds);
          }
          handler = h;
          return true;
        } catch {
          // No local engine (the chunk failed to load): splits go through the worker and the host.
          return false;
        }
      })();
      return loading;
    },
    useProfile(profile) {
      wanted = profile;
      if (handler) apply(handler, profile);
    },
  };
}

/** The local engine of the running renderer (vite makes handler.ts and core/engine a chunk of their own). */
export function createMainThreadEngine(): LocalEngine {
  return createLocalEngine(() => import('./handler.ts'));
}

/** A task at background priority (scheduler.postTask where the browser has it, else a timeout). */
function backgroundTask(work: () => void): void {
  const s = (globalThis as { scheduler?: { postTask?: (cb: () => void, opts: { priority: string }) => Promise<unknown> } }).scheduler;
  if (typeof s?.postTask === 'function') void s.postTask(work, { priority: 'background' });
  else setTimeout(work, 0);
}

/**
 * Resolves after the next frame has been painted, in a background-priority task after the
 * animation frame (or after 100 ms where no frame comes: a hidden tab draws none, and the host's
 * answer must not wait). Background priority, not the first task after the frame: what follows a
 * split here (the host request — the page's text serialised and fetch's own ~5–8 ms on the main
 * thread) shows nothing, so the tasks already waiting after the frame (input, timers) go first.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      backgroundTask(resolve);
    };
    requestAnimationFrame(go);
    setTimeout(go, 100);
  });
}
