// Carries the choices made on a replica's conflicts in the app (electron/archive/replica-conflicts.ts,
// migration 0016) to the server at the next `galley sync`. Each conflict was also kept on the
// server as a `sync-conflict:ID` setting (sync.ts):
//   mine    the page itself went back with this sync (as a save at the server's revision, or a new
//           conflict if the server moved again); the old copy on the server is dropped
//   server  the server's version stays; its copy of the local version is dropped
//   both    the copy stays on the server, marked kept as a copy (resolution, resolvedAt)
// Conflicts resolved with `galley sync --resolve ID` (no choice) count as 'server'. Each one is
// marked sent here after the server took it, so a sync that stops half-way sends the rest later.
import type { Db } from '../archive/db.ts';
import type { SyncServer } from './server.ts';

interface PendingRow {
  id: string;
  resolution: 'mine' | 'server' | 'both' | null;
  resolved_at: string;
}

/** Sends every resolved, unsent choice; returns how many were sent. */
export async function sendConflictChoices(server: SyncServer, db: Db, now: () => string): Promise<number> {
  const pending = db
    .stmt('conflictChoices.pending', 'SELECT id, resolution, resolved_at FROM sync_conflicts WHERE resolved_at IS NOT NULL AND resolution_sent_at IS NULL ORDER BY resolved_at, id')
    .all<PendingRow>();
  for (const row of pending) {
    const key = `sync-conflict:${row.id}`;
    if (row.resolution === 'both') {
      const kept = await server.archive.getSetting(key);
      if (kept !== null) {
        let record: Record<string, unknown>;
        try {
          record = JSON.parse(kept) as Record<string, unknown>;
        } catch {
          record = { kept };
        }
        await server.archive.setSetting(key, JSON.stringify({ ...record, resolution: 'both', resolvedAt: row.resolved_at }));
      }
    } else {
      await server.archive.setSetting(key, null);
    }
    db.stmt('conflictChoices.sent', 'UPDATE sync_conflicts SET resolution_sent_at = ? WHERE id = ?').run(now(), row.id);
  }
  return pending.length;
}
