// The import pool: decoding, parsing and segmenting run in worker threads, one file per worker at
// a time, while the caller's thread stays the one archive writer. Workers start on demand (an
// import of three files starts at most three) up to os.availableParallelism(), and a worker that
// dies fails only the file it held.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ImportPageInput } from '../../archive/archive-api.ts';
import type { PageFormat } from '../formats.ts';
import { ImportFileError } from '../../../core/import/errors.ts';
import { PageFileError } from '../../node/page-file-error.ts';
import { parseFile, type FileEntry } from '../index.ts';
import type { ParseReply, ParseRequest } from './protocol.ts';
import { staleReason } from '../../../scripts/build-state.mjs';

/** Set by the esbuild build (scripts/build.mjs); absent when running from the TypeScript sources. */
declare const __GALLEY_BUILT__: boolean | undefined;

export interface ParsedFile {
  format: PageFormat;
  inputs: ImportPageInput[];
}

export interface ParsePool {
  /** The most workers this pool runs at once. */
  readonly size: number;
  /** How many files an import keeps in flight: enough for the workers to go on while the writer commits a batch. */
  readonly readAhead: number;
  /** Decodes, parses and segments one file in a worker; rejects with the importer's message. */
  parse(entry: FileEntry, bytes: Uint8Array): Promise<ParsedFile>;
  /** Stops every worker; parses still waiting are rejected. */
  close(): Promise<void>;
}

const COMPILED_WORKER = new URL('../../../dist/node/import-worker.js', import.meta.url);

/**
 * Compiled: the worker is an entry of the same build. From source (tests, tsx): the compiled
 * worker too when the build is current (it starts in a tenth of the time), else a boot file that
 * registers tsx in the thread.
 */
function workerUrl(): URL {
  if (typeof __GALLEY_BUILT__ !== 'undefined' || staleReason() === null) return COMPILED_WORKER;
  return new URL('./worker-boot.mjs', import.meta.url);
}

/** Files in flight per import: a little more than a group commit (BATCH_MAX_FILES = 50). */
const READ_AHEAD_FILES = 64;

interface Task {
  request: ParseRequest;
  resolve: (parsed: ParsedFile) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
}

/** The worker's failure as the importer raised it (an ImportFileError or a PageFileError keeps its code). */
function replyError(reply: Extract<ParseReply, { ok: false }>): Error {
  // Both error classes put "FILE: " before their detail; the detail alone rebuilds the same message.
  const prefix = `${reply.file}: `;
  const detail = reply.message.startsWith(prefix) ? reply.message.slice(prefix.length) : reply.message;
  if ('pageFileCode' in reply) return new PageFileError(reply.pageFileCode, reply.file, detail);
  if (reply.code === undefined || reply.file === undefined) return new Error(reply.message);
  return new ImportFileError(reply.code, reply.file, detail, reply.missing);
}

/**
 * One worker per core but the writer's: the caller's thread writes every page and is busy for
 * about a third of a page's one-thread cost (issue 15's bench: 3.0–3.3 ms CPU a page), so on this
 * 2-core machine two workers and the writer fought over the cores and imported slower than one
 * worker did in every run of two sessions (session 5: 45 / 9 against 47 / 14 pages/s; session 6:
 * 15 against 25).
 */
export function defaultPoolSize(cores: number = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

export interface ParsePoolOptions {
  /**
   * The first this many files are parsed on the caller's thread, as without a pool: starting a
   * worker costs more than a few files take, so small imports never start one. Default 8.
   */
  inlineFirst?: number;
}

export function createParsePool(size: number = defaultPoolSize(), options: ParsePoolOptions = {}): ParsePool {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`the import pool needs at least one worker (got ${size})`);
  let inline = Math.max(0, options.inlineFirst ?? 8);
  const slots: Slot[] = [];
  const waiting: Task[] = [];
  let nextId = 1;
  let closed = false;

  const settle = (slot: Slot, reply: ParseReply): void => {
    const task = slot.task;
    slot.task = null;
    if (task && task.request.id === reply.id) {
      if (reply.ok) task.resolve({ format: reply.format, inputs: reply.inputs });
      else task.reject(replyError(reply));
    }
    pump();
  };

  const spawn = (): Slot => {
    const worker = new Worker(workerUrl());
    const slot: Slot = { worker, task: null };
    worker.on('message', (reply: ParseReply) => settle(slot, reply));
    const fail = (error: Error): void => {
      slots.splice(slots.indexOf(slot), 1);
      slot.task?.reject(new Error(`the import worker stopped: ${error.message}`));
      slot.task = null;
      pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (slots.includes(slot)) fail(new Error(`exit code ${code}`));
    });
    slots.push(slot);
    return slot;
  };

  const pump = (): void => {
    while (!closed && waiting.length > 0) {
      const slot = slots.find((s) => s.task === null) ?? (slots.length < size ? spawn() : undefined);
      if (!slot) break;
      const task = waiting.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage(task.request, [task.request.bytes.buffer as ArrayBuffer]);
    }
    // An idle worker must not keep the process alive once the caller is done with the pool.
    for (const s of slots) if (s.task === null) s.worker.unref();
  };

  return {
    size,
    readAhead: Math.max(size * 2, READ_AHEAD_FILES),
    parse(entry, bytes) {
      if (closed) return Promise.reject(new Error('the import pool is closed'));
      // A file loadFile already turned into pages (OCR'd scans, streamed XML) is not sent over:
      // its images would be copied for nothing. The archive segments its pages itself.
      if (entry.prepared || inline-- > 0) {
        try {
          return Promise.resolve(parseFile(entry, Buffer.from(bytes)));
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
      // A private copy to transfer: the caller's buffer may be a slice of Node's shared pool.
      const own = new Uint8Array(bytes.byteLength);
      own.set(bytes);
      return new Promise<ParsedFile>((resolve, reject) => {
        waiting.push({ request: { id: nextId++, entry, bytes: own }, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const task of waiting.splice(0)) task.reject(new Error('the import pool is closed'));
      const all = slots.splice(0);
      for (const s of all) s.task?.reject(new Error('the import pool is closed'));
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
