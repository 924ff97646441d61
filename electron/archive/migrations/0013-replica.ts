// 0013: offline replicas (issue 13 §5). A laptop archive made by `galley checkout` records where
// its issues came from and, per page, the server page and revision it was copied at, so
// `galley sync` can tell local work from server work; a conflict keeps the local version here.
//   replica          one row: the source archive (URL with the password masked, or file path)
//   replica_issues   local issue id -> the server's issue id
//   replica_pages    local page id -> server page id, the server revision it matches (base),
//                    the local revision, state and content fingerprint at that point, and each
//                    item's server id, local id and tags then (items_json)
//   sync_conflicts   a page both sides changed (or the server refused): the local version, whole
// Frozen: plain DDL, nothing imported from live code.
import type { Migration } from './types.ts';

export const migration: Migration = {
  version: 13,
  name: 'replica',
  up(db) {
    db.exec(`
      CREATE TABLE replica (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        source TEXT NOT NULL CHECK (length(source) > 0),
        checked_out_at TEXT NOT NULL,
        checked_out_by TEXT NOT NULL,
        synced_at TEXT NULL
      );
      CREATE TABLE replica_issues (
        local_issue_id INTEGER PRIMARY KEY REFERENCES issues(id) ON DELETE CASCADE,
        origin_issue_id INTEGER NOT NULL UNIQUE
      );
      CREATE TABLE replica_pages (
        local_page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
        origin_page_id INTEGER NOT NULL UNIQUE,
        origin_issue_id INTEGER NOT NULL REFERENCES replica_issues(origin_issue_id),
        base_revision INTEGER NOT NULL CHECK (base_revision >= 0),
        local_revision INTEGER NOT NULL CHECK (local_revision >= 0),
        state TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        items_json TEXT NOT NULL CHECK (json_valid(items_json))
      );
      CREATE TABLE sync_conflicts (
        id TEXT PRIMARY KEY,
        origin_page_id INTEGER NOT NULL,
        local_page_id INTEGER NULL,
        reason TEXT NOT NULL CHECK (reason IN ('both-changed', 'refused', 'gone')),
        message TEXT NOT NULL,
        base_revision INTEGER NOT NULL,
        server_revision INTEGER NULL,
        local_json TEXT NOT NULL CHECK (json_valid(local_json)),
        by_name TEXT NOT NULL,
        at TEXT NOT NULL,
        resolved_at TEXT NULL
      );
      CREATE INDEX sync_conflicts_open ON sync_conflicts(resolved_at, at);
    `);
  },
};
