// The one context every PostgreSQL archive aggregate shares, as context.ts is for SQLite: the
// connection pool, transactions (with retry), the clock, the logger, the segmenter and the
// publication-profile store. Aggregates are plain async functions of this object.
//
// Queries go through a PgQuery: a client inside one transaction (tx) or one read snapshot (read).
// Every statement is named (for the slow-query log and timings) and prepared once per connection.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { ArchiveLogger } from '../db.ts';
import type { Segmenter } from '../engine-segmenter.ts';
import type { ProfileLearner } from '../profiles-store.ts';
import type { PgProfilesStore } from './profiles-store-types.ts';

export type PgValue = string | number | boolean | null | Buffer | readonly (string | number | null)[];

export const PG_SLOW_QUERY_MS = 50;

/** Statements of one transaction or read snapshot (all on one connection). */
export interface PgQuery {
  all<T>(name: string, sql: string, params?: readonly PgValue[]): Promise<T[]>;
  one<T>(name: string, sql: string, params?: readonly PgValue[]): Promise<T | undefined>;
  /** Runs a statement; returns the number of rows it touched. */
  run(name: string, sql: string, params?: readonly PgValue[]): Promise<number>;
  /**
   * Runs fn in a SAVEPOINT: if it throws, what it wrote is rolled back and the error rethrown,
   * and the transaction goes on (import: one savepoint per file).
   */
  savepoint<R>(fn: () => Promise<R>): Promise<R>;
}

export interface PgContext {
  /** The database as shown to users (the URL without its password). */
  readonly path: string;
  readonly pool: pg.Pool;
  /** The clock every written timestamp comes from. */
  now(): string;
  readonly logger: ArchiveLogger;
  readonly segment: Segmenter;
  /** True when the archive was given its own segmenter (then the import pool's engine output is not used). */
  readonly ownSegmenter: boolean;
  readonly learner: ProfileLearner | null;
  /** Publication profiles (h7's postgres/profiles-store.ts). */
  readonly profiles: PgProfilesStore;
  /** Calls and total time per statement name (benchmarks, diagnostics). */
  readonly timings: Map<string, { calls: number; ms: number }>;
  /**
   * Runs fn in one READ COMMITTED transaction: all of it is written, or none of it. Retried
   * (fn runs again from the start) on a serialization failure or a deadlock, so fn must not keep
   * state across attempts. Aggregates order their writers with explicit locks (lockAudit,
   * lockGrouping, SELECT … FOR UPDATE).
   */
  tx<R>(fn: (q: PgQuery) => Promise<R>): Promise<R>;
  /** Runs fn on one REPEATABLE READ, READ ONLY snapshot (reads that span several statements). */
  read<R>(fn: (q: PgQuery) => Promise<R>): Promise<R>;
}

/** SQLSTATEs a transaction is retried on: serialization_failure, deadlock_detected. */
const RETRY_CODES = new Set(['40001', '40P01']);
export const TX_ATTEMPTS = 5;

/** Advisory lock keys (transaction-scoped): writers of the audit logs, grouping of imported pages. */
export const LOCK_AUDIT = 0x6761_6175;
export const LOCK_GROUPING = 0x6761_6772;

/** Takes a transaction-scoped advisory lock (released at COMMIT/ROLLBACK). */
export async function advisoryLock(q: PgQuery, key: number): Promise<void> {
  await q.run('lock.advisory', 'SELECT pg_advisory_xact_lock($1)', [key]);
}

const statementName = (sql: string) => 'g' + createHash('sha1').update(sql).digest('hex').slice(0, 20);

/** A PgQuery over one checked-out client. */
export function queryOn(client: pg.PoolClient, logger: ArchiveLogger, timings: Map<string, { calls: number; ms: number }>): PgQuery {
  let savepoints = 0;
  const exec = async <T extends pg.QueryResultRow>(name: string, sql: string, params: readonly PgValue[] = []): Promise<pg.QueryResult<T>> => {
    const t0 = performance.now();
    try {
      return await client.query<T>({ name: statementName(sql), text: sql, values: params as PgValue[] });
    } finally {
      const ms = performance.now() - t0;
      const t = timings.get(name);
      if (t) {
        t.calls++;
        t.ms += ms;
      } else timings.set(name, { calls: 1, ms });
      if (ms > PG_SLOW_QUERY_MS) logger.warn(`[archive] slow query ${name}: ${ms.toFixed(1)} ms`);
    }
  };
  return {
    all: async <T>(name: string, sql: string, params?: readonly PgValue[]) => (await exec(name, sql, params)).rows as T[],
    one: async <T>(name: string, sql: string, params?: readonly PgValue[]) => (await exec(name, sql, params)).rows[0] as T | undefined,
    run: async (name, sql, params) => (await exec(name, sql, params)).rowCount ?? 0,
    async savepoint<R>(fn: () => Promise<R>): Promise<R> {
      const sp = `sp${++savepoints}`;
      await client.query(`SAVEPOINT ${sp}`);
      try {
        const result = await fn();
        await client.query(`RELEASE SAVEPOINT ${sp}`);
        return result;
      } catch (e) {
        await client.query(`ROLLBACK TO SAVEPOINT ${sp}`);
        await client.query(`RELEASE SAVEPOINT ${sp}`);
        throw e;
      }
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** tx and read over a pool (PgContext's implementation). */
export function transactions(pool: pg.Pool, logger: ArchiveLogger, timings: Map<string, { calls: number; ms: number }>) {
  const within = async <R>(begin: string, fn: (q: PgQuery) => Promise<R>): Promise<R> => {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query(begin);
      try {
        const result = await fn(queryOn(client, logger, timings));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          // The connection itself failed: do not give it back to the pool.
          broken = true;
        }
        throw e;
      }
    } finally {
      client.release(broken);
    }
  };
  return {
    async tx<R>(fn: (q: PgQuery) => Promise<R>): Promise<R> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await within('BEGIN ISOLATION LEVEL READ COMMITTED', fn);
        } catch (e) {
          const code = (e as { code?: unknown }).code;
          if (attempt >= TX_ATTEMPTS || typeof code !== 'string' || !RETRY_CODES.has(code)) throw e;
          // Back off a little, with jitter, so the transactions that collided do not collide again.
          await sleep(5 * attempt + Math.random() * 10 * attempt);
        }
      }
    },
    read: <R>(fn: (q: PgQuery) => Promise<R>) => within('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn),
  };
}

/** An id that can name a row (int4, positive): anything else names nothing (not-found, as in SQLite). */
export const isRowId = (id: unknown): id is number => typeof id === 'number' && Number.isInteger(id) && id > 0 && id <= 0x7fff_ffff;
