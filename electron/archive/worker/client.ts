// The SQLite archive in a worker thread, behind the asynchronous interface (async-archive.ts), in
// the manner of Signal Desktop's ts/sql: the calling thread sends typed requests and gets results;
// the worker owns the one connection and runs every read and write (single writer). A write is
// one message (an import batch is one importFiles call), never one per row.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ArchiveLogger } from '../db.ts';
import { ARCHIVE_METHODS, type ArchiveMethod, type AsyncArchive } from '../async-archive.ts';
import { staleReason } from '../../../scripts/build-state.mjs';
import { decodeResult, reviveError, type ClientMessage, type Diagnostics, type WorkerInit, type WorkerMessage } from './protocol.ts';

/** Set by the esbuild build (scripts/build.mjs); absent when running from the TypeScript sources. */
declare const __GALLEY_BUILT__: boolean | undefined;

export interface WorkerArchiveOptions {
  /** Where slow queries and other archive warnings are reported; console.warn by default. */
  logger?: ArchiveLogger;
  readOnly?: boolean;
  /** Learn publication profiles from proofed pages (default true, as openArchive with the engine). */
  learn?: boolean;
}

export interface WorkerArchive extends AsyncArchive {
  /** The worker's slow-query list and per-statement timings (benchmarks, diagnostics). */
  diagnostics(): Promise<Diagnostics>;
}

const COMPILED_WORKER = new URL('../../../dist/node/archive-worker.js', import.meta.url);

function workerUrl(): URL {
  if (typeof __GALLEY_BUILT__ !== 'undefined') return COMPILED_WORKER;
  // From source: the compiled worker when the build is current and has it, else tsx in the thread.
  if (staleReason() === null && existsSync(fileURLToPath(COMPILED_WORKER))) return COMPILED_WORKER;
  return new URL('./worker-boot.mjs', import.meta.url);
}

/** Opens the archive at `path` in a new worker thread; rejects with the archive's own error when it cannot be opened. */
export function openArchiveInWorker(path: string, options: WorkerArchiveOptions = {}): Promise<WorkerArchive> {
  const logger = options.logger ?? { warn: (m: string) => console.warn(m) };
  const init: WorkerInit = { path, readOnly: options.readOnly === true, learn: options.learn !== false };
  const worker = new Worker(workerUrl(), { workerData: init });
  const pending = new Map<number, { method: ArchiveMethod | null; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let stopped: Error | null = null;

  return new Promise<WorkerArchive>((resolveOpen, rejectOpen) => {
    let opened = false;
    const send = (message: ClientMessage, method: ArchiveMethod | null): Promise<unknown> =>
      new Promise((resolve, reject) => {
        if (stopped) return reject(stopped);
        pending.set(message.id, { method, resolve, reject });
        worker.ref();
        worker.postMessage(message);
      });
    const stop = (error: Error): void => {
      stopped ??= error;
      for (const p of pending.values()) p.reject(stopped);
      pending.clear();
      if (!opened) rejectOpen(stopped);
    };

    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'log') return logger.warn(m.message);
      if (m.type === 'ready') {
        opened = true;
        const api: Record<string, unknown> = {
          path,
          readOnly: init.readOnly,
          diagnostics: () => send({ type: 'diagnostics', id: nextId++ }, null),
          close: async () => {
            if (stopped) return;
            await send({ type: 'close', id: nextId++ }, null);
            stopped = new Error(`the archive ${path} is closed`);
            await worker.terminate();
          },
        };
        for (const method of ARCHIVE_METHODS) api[method] = (...args: unknown[]) => send({ type: 'call', id: nextId++, method, args }, method);
        worker.unref();
        return resolveOpen(api as unknown as WorkerArchive);
      }
      if (m.type === 'open-failed') {
        stop(reviveError(m.error));
        void worker.terminate();
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      // An idle archive must not keep the process alive on its own (as the import pool's workers).
      if (pending.size === 0) worker.unref();
      if (m.type === 'result') p.resolve(p.method ? decodeResult(p.method, m.value) : m.value);
      else p.reject(reviveError(m.error));
    });
    worker.on('error', (e) => stop(new Error(`the archive worker stopped: ${e.message}`)));
    worker.on('exit', (code) => stop(new Error(`the archive worker exited (code ${code})`)));
  });
}
