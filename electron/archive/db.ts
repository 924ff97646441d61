// The archive's single SQLite connection: pragmas, named prepared statements and slow-query log.
// Habits borrowed from Signal Desktop: one writer connection, every statement prepared once and
// known by a name, any statement slower than 50 ms logged by that name.
import Database from 'better-sqlite3';
import { registerChecksumFunction } from './checksums.ts';
import { openReadOnly } from './open-mode.ts';

export type SqlValue = string | number | bigint | null | Buffer;
export type Params = SqlValue[] | Record<string, SqlValue>;

export interface ArchiveLogger {
  warn(message: string): void;
}

export const SLOW_QUERY_MS = 50;

export interface Stmt {
  readonly name: string;
  run(...params: SqlValue[]): Database.RunResult;
  get<T>(...params: SqlValue[]): T | undefined;
  all<T>(...params: SqlValue[]): T[];
}

export class Db {
  readonly raw: Database.Database;
  private readonly cache = new Map<string, Stmt>();
  private readonly logger: ArchiveLogger;
  readonly slowQueries: { name: string; ms: number }[] = [];
  /** Calls and total time per statement name (for benchmarks and diagnostics). */
  readonly timings = new Map<string, { calls: number; ms: number }>();

  constructor(path: string, logger?: ArchiveLogger, options: { readonly?: boolean } = {}) {
    this.raw = options.readonly ? openReadOnly(path) : new Database(path);
    this.logger = logger ?? { warn: (m) => console.warn(m) };
    // Switching to WAL writes the header: a read-only archive keeps the mode it has.
    if (!options.readonly) this.raw.pragma('journal_mode = WAL');
    this.raw.pragma('synchronous = FULL');
    this.raw.pragma('foreign_keys = ON');
    this.raw.pragma('busy_timeout = 5000');
    this.raw.pragma('temp_store = MEMORY');
    this.raw.pragma('cache_size = -32000');
    // Checkpoint the WAL every ~32 MB instead of every 4 MB: the pages an import rewrites on every
    // commit (index interior pages, FTS segments) are then copied into the database once per
    // checkpoint rather than every few files. A finished checkpoint truncates the WAL to 64 MB.
    this.raw.pragma('wal_autocheckpoint = 8000');
    this.raw.pragma('journal_size_limit = 67108864');
    // The checksum triggers of migration 0009 call this function on every write (checksums.ts).
    registerChecksumFunction(this.raw);
  }

  /** A prepared statement, prepared once per name+sql and timed on every call. */
  stmt(name: string, sql: string): Stmt {
    const key = `${name}\u0000${sql}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const prepared = this.raw.prepare(sql);
    const time = <R>(fn: () => R): R => {
      const t0 = performance.now();
      try {
        return fn();
      } finally {
        const ms = performance.now() - t0;
        const t = this.timings.get(name);
        if (t) {
          t.calls++;
          t.ms += ms;
        } else this.timings.set(name, { calls: 1, ms });
        if (ms > SLOW_QUERY_MS) this.noteSlow(name, ms);
      }
    };
    const s: Stmt = {
      name,
      run: (...params) => time(() => prepared.run(...params)),
      get: <T>(...params: SqlValue[]) => time(() => prepared.get(...params) as T | undefined),
      all: <T>(...params: SqlValue[]) => time(() => prepared.all(...params) as T[]),
    };
    this.cache.set(key, s);
    return s;
  }

  /** Runs at the end of every tx(), before it commits (the archive writes its search index there). */
  beforeCommit: (() => void) | null = null;

  /** Runs fn in one transaction (BEGIN IMMEDIATE): all of it is written, or none of it. */
  tx<R>(fn: () => R): R {
    return this.raw
      .transaction(() => {
        const result = fn();
        this.beforeCommit?.();
        return result;
      })
      .immediate();
  }

  private noteSlow(name: string, ms: number): void {
    this.slowQueries.push({ name, ms });
    if (this.slowQueries.length > 200) this.slowQueries.shift();
    this.logger.warn(`[archive] slow query ${name}: ${ms.toFixed(1)} ms`);
  }

  close(): void {
    this.cache.clear();
    if (this.raw.open) {
      try {
        this.raw.pragma('optimize');
      } catch {
        // optimize is advisory
      }
      this.raw.close();
    }
  }
}
