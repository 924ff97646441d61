// 0005: review — local user profiles, settings (the last profile, the export folder), the issue
// state history (approve, reopen, export, page-driven changes), the controlled vocabulary, and
// who acted (profile id and role) on every revision. Issue states are recomputed from the pages.
import type { Migration } from './types.ts';

export const migration: Migration = {
  version: 5,
  name: 'review',
  up(db) {
    db.exec(`
      CREATE TABLE profiles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
        role TEXT NOT NULL CHECK (role IN ('editor', 'archivist', 'supervisor')),
        created_at TEXT NOT NULL
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      -- Every issue state change with who made it; names and roles are copied so the history
      -- outlives a removed profile.
      CREATE TABLE issue_history (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        profile_id TEXT NOT NULL,
        by_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('editor', 'archivist', 'supervisor')),
        event TEXT NOT NULL CHECK (event IN ('pages-changed', 'approve', 'export', 'reopen')),
        from_state TEXT NOT NULL,
        to_state TEXT NOT NULL,
        reason TEXT
      );
      CREATE INDEX issue_history_issue ON issue_history(issue_id, id);

      -- The controlled vocabulary: path is the '/'-joined hierarchy, root first.
      CREATE TABLE vocabulary (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('subject', 'person', 'place', 'organisation')),
        path TEXT NOT NULL,
        label TEXT NOT NULL,
        aliases_json TEXT NOT NULL DEFAULT '[]',
        UNIQUE (type, path)
      );
      CREATE INDEX vocabulary_label ON vocabulary(label);

      ALTER TABLE revisions ADD COLUMN profile_id TEXT;
      ALTER TABLE revisions ADD COLUMN role TEXT;

      -- Nothing kept issue states up to date before: derive them from the pages.
      UPDATE issues SET state = (
        SELECT CASE
          WHEN count(*) = 0 OR sum(p.state = 'imported') = count(*) THEN 'imported'
          WHEN sum(p.state = 'proofed') = count(*) THEN 'proofed'
          ELSE 'in-progress' END
        FROM pages p WHERE p.issue_id = issues.id)
      WHERE state IN ('imported', 'in-progress', 'proofed');
    `);
  },
};
