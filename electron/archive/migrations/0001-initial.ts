// 0001: the archive's core model — publications → issues → pages → items, contributors, tags
// and the revision log.
import type { Migration } from './types.ts';

export const migration: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE publications (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL UNIQUE,
        title_latin TEXT,
        serial TEXT,
        -- 1 when the title only came from a folder name, not from a masthead
        provisional INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE issues (
        id INTEGER PRIMARY KEY,
        publication_id INTEGER NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
        date TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        issue_number INTEGER,
        page_count INTEGER,
        state TEXT NOT NULL DEFAULT 'imported'
          CHECK (state IN ('imported', 'in-progress', 'proofed', 'approved', 'exported')),
        -- the folder the pages came from; groups undated pages and pages without a masthead
        folder_key TEXT NOT NULL DEFAULT '',
        masthead_json TEXT
      );
      CREATE INDEX issues_publication_date ON issues(publication_id, date);
      CREATE INDEX issues_folder_date ON issues(folder_key, date);

      CREATE TABLE pages (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        page_number INTEGER,
        source_name TEXT NOT NULL,
        encoding TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        raw_text TEXT NOT NULL,
        text TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'imported' CHECK (state IN ('imported', 'in-progress', 'proofed')),
        revision INTEGER NOT NULL DEFAULT 0,
        -- 1 once an editor saved a change; a re-import then keeps the page unless told otherwise
        edited INTEGER NOT NULL DEFAULT 0,
        masthead_json TEXT,
        imported_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX pages_content_hash ON pages(content_hash);
      CREATE INDEX pages_issue_number ON pages(issue_id, page_number);

      CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        kind TEXT NOT NULL
          CHECK (kind IN ('masthead', 'article', 'editorial', 'photo', 'brief', 'advertisement', 'notice')),
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        kicker TEXT,
        headline TEXT,
        subheadline TEXT,
        series TEXT,
        byline TEXT,
        paragraphs_json TEXT NOT NULL DEFAULT '[]',
        continued_on INTEGER,
        continued_from INTEGER,
        flags_json TEXT NOT NULL DEFAULT '[]',
        edited_fields_json TEXT NOT NULL DEFAULT '[]'
      );
      CREATE INDEX items_page ON items(page_id, ord);
      CREATE INDEX items_kind ON items(kind);

      CREATE TABLE contributors (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      );
      CREATE TABLE item_contributors (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        contributor_id INTEGER NOT NULL REFERENCES contributors(id),
        role TEXT NOT NULL,
        PRIMARY KEY (item_id, ord)
      ) WITHOUT ROWID;
      CREATE INDEX item_contributors_contributor ON item_contributors(contributor_id);

      CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      );
      CREATE TABLE item_tags (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (item_id, tag_id)
      ) WITHOUT ROWID;
      CREATE INDEX item_tags_tag ON item_tags(tag_id);

      -- Every change: who, when, which entity, before and after as JSON.
      CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        action TEXT NOT NULL,
        page_revision INTEGER,
        before_json TEXT,
        after_json TEXT
      );
      CREATE INDEX revisions_entity ON revisions(entity, entity_id, id);
    `);
  },
};
