// Changes made outside this host — `galley import` into the same file, another team member on the
// same PostgreSQL archive — reach open windows without a reload: the host polls the archive's
// change marker (archive-api.ts changeMarker) and, when it moves, tells its windows that the
// library changed (they reload the tree and the session, as after an import of their own).
import type { AsyncArchive } from '../archive/async-archive.ts';

export const WATCH_INTERVAL_MS = 2000;

/** Starts polling; returns the function that stops it. An archive without a marker is not watched. */
export function watchArchive(archive: { changeMarker?: AsyncArchive['changeMarker'] }, onChange: () => void, intervalMs = WATCH_INTERVAL_MS): () => void {
  const read = archive.changeMarker;
  if (!read) return () => undefined;
  let last: string | null = null;
  let busy = false;
  let stopped = false;
  const poll = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const now = await read();
      if (last !== null && now !== last && !stopped) onChange();
      last = now;
    } catch {
      // A closed or unreachable archive: the next request says so to the user; polling just waits.
    } finally {
      busy = false;
    }
  };
  void poll();
  const timer = setInterval(() => void poll(), intervalMs);
  // Polling alone must not keep the process alive.
  timer.unref?.();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
