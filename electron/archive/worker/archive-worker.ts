// The archive's worker thread: it opens the SQLite archive and is its single writer. Requests
// arrive one message at a time and each runs to completion (one transaction for a write) before
// the next, so writes are serialized here and the main thread never waits on SQLite. The
// connection keeps synchronous=FULL and logs slow statements by name; the log lines go to the
// client's logger.
import { parentPort, workerData } from 'node:worker_threads';
import { openArchive, type SqliteArchive } from '../sqlite-archive.ts';
import { encodeResult, serializeError, type ClientMessage, type Diagnostics, type WorkerInit, type WorkerMessage } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('archive-worker.ts runs as a worker thread (see client.ts)');
const post = (m: WorkerMessage): void => port.postMessage(m);
const init = workerData as WorkerInit;

let archive: SqliteArchive | null = null;
try {
  archive = openArchive(init.path, {
    readOnly: init.readOnly,
    logger: { warn: (message) => post({ type: 'log', message }) },
    ...(init.learn ? {} : { learner: null }),
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'open-failed', error: serializeError(error) });
}

port.on('message', (m: ClientMessage) => {
  if (!archive) return;
  if (m.type === 'close') {
    archive.close();
    archive = null;
    post({ type: 'result', id: m.id, value: undefined });
    port.close();
    return;
  }
  if (m.type === 'diagnostics') {
    const raw = archive.db.raw;
    const value: Diagnostics = {
      slowQueries: [...archive.db.slowQueries],
      timings: [...archive.db.timings],
      pragmas: {
        synchronous: raw.pragma('synchronous', { simple: true }) as number,
        journalMode: raw.pragma('journal_mode', { simple: true }) as string,
        foreignKeys: raw.pragma('foreign_keys', { simple: true }) as number,
      },
    };
    post({ type: 'result', id: m.id, value });
    return;
  }
  try {
    const fn = archive[m.method] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof fn !== 'function') throw new Error(`the archive has no method ${m.method}`);
    post({ type: 'result', id: m.id, value: encodeResult(m.method, fn.apply(archive, m.args)) });
  } catch (error) {
    post({ type: 'error', id: m.id, error: serializeError(error) });
  }
});
