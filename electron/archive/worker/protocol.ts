// Messages between the archive's client (client.ts, any thread) and its worker (archive-worker.ts),
// and how errors cross: by class name and own fields, revived as the same class on the other side
// so callers keep telling them apart with instanceof and their typed codes.
import { TransitionError } from '../../../core/review/index.ts';
import { ImportFileError } from '../../../core/import/errors.ts';
import { ArchiveError, type ImportFileOutcome } from '../archive-api.ts';
import type { ArchiveMethod } from '../async-archive.ts';
import { DamagedRowError } from '../checksums.ts';
import { ArchiveVersionError } from '../migrations/index.ts';
import { ArchiveDamagedError } from '../open-checks.ts';
import { ReadOnlyArchiveError } from '../open-mode.ts';

export interface WorkerInit {
  path: string;
  readOnly: boolean;
  /** Learn publication profiles from proofed pages with the engine's model (the default archive does). */
  learn: boolean;
}

export type ClientMessage =
  | { type: 'call'; id: number; method: ArchiveMethod; args: unknown[] }
  | { type: 'diagnostics'; id: number }
  | { type: 'close'; id: number };

export interface Diagnostics {
  slowQueries: { name: string; ms: number }[];
  timings: [string, { calls: number; ms: number }][];
  /** The connection's durability settings as SQLite reports them (synchronous 2 = FULL). */
  pragmas: { synchronous: number; journalMode: string; foreignKeys: number };
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'open-failed'; error: SerializedError }
  | { type: 'log'; message: string }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: SerializedError };

/** Error classes revived with their own prototype (others arrive as Error with name and fields). */
const KNOWN: Record<string, { prototype: Error }> = {
  ArchiveError,
  TransitionError,
  DamagedRowError,
  ArchiveVersionError,
  ArchiveDamagedError,
  ReadOnlyArchiveError,
  ImportFileError,
};

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    // Only what structured clone carries faithfully (codes, paths, row facts).
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value) || (typeof value === 'object' && isPlain(value))) fields[key] = value;
  }
  return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}), fields };
}

function isPlain(value: object): boolean {
  try {
    structuredClone(value);
    return Object.getPrototypeOf(value) === Object.prototype || Array.isArray(value);
  } catch {
    return false;
  }
}

export function reviveError(s: SerializedError): Error {
  const known = KNOWN[s.name];
  const error = (known ? Object.create(known.prototype) : new Error(s.message)) as Error;
  Object.defineProperty(error, 'message', { value: s.message, writable: true, configurable: true, enumerable: false });
  if (s.stack) Object.defineProperty(error, 'stack', { value: s.stack, writable: true, configurable: true, enumerable: false });
  Object.assign(error, s.fields);
  if (!Object.prototype.hasOwnProperty.call(error, 'name') && error.name !== s.name) {
    Object.defineProperty(error, 'name', { value: s.name, writable: true, configurable: true, enumerable: false });
  }
  return error;
}

/** importFiles carries per-file errors inside its result: they cross like thrown ones. */
export function encodeResult(method: ArchiveMethod, value: unknown): unknown {
  if (method !== 'importFiles') return value;
  return (value as ImportFileOutcome[]).map((f) => (f.ok ? f : { ok: false, error: serializeError(f.error) }));
}

export function decodeResult(method: ArchiveMethod, value: unknown): unknown {
  if (method === 'importFiles') {
    return (value as ({ ok: true } | { ok: false; error: SerializedError })[]).map((f) => (f.ok ? f : { ok: false, error: reviveError(f.error) }));
  }
  if (method === 'getPageImage' && value) {
    // Structured clone turns a Buffer into a plain Uint8Array: callers get a Buffer as before.
    const v = value as { mime: string; bytes: Uint8Array; sha256: string };
    return { ...v, bytes: Buffer.from(v.bytes.buffer, v.bytes.byteOffset, v.bytes.byteLength) };
  }
  return value;
}
