// 0016: a replica's conflict resolved in the app (issue 13 §5) keeps the user's choice, so the
// next `galley sync` can carry it to the server:
//   resolution          'mine' (the local version goes back as the page's next revision),
//                       'server' (the server's version stays; the kept copy is dropped there),
//                       'both' (the server's version stays and the local one stays kept as a copy)
//   resolution_sent_at  when a sync told the server (NULL: still to send)
// Conflicts resolved before this migration (CLI --resolve) count as already sent, with no choice.
// Frozen: plain DDL, nothing imported from live code.
import type { Migration } from './types.ts';

export const migration: Migration = {
  version: 16,
  name: 'conflict-resolution',
  up(db) {
    db.exec(`
      ALTER TABLE sync_conflicts ADD COLUMN resolution TEXT NULL CHECK (resolution IN ('mine', 'server', 'both'));
      ALTER TABLE sync_conflicts ADD COLUMN resolution_sent_at TEXT NULL;
      UPDATE sync_conflicts SET resolution_sent_at = resolved_at WHERE resolved_at IS NOT NULL;
    `);
  },
};
