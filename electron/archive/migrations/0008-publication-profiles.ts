// 0008: learning from editors. One profile per publication (sparse weight deltas over the base
// line-role model, galley.profile/1 as JSON) and the proofed pages it learned from; per page, how
// many doubts it holds (so the library lists them without parsing items) and which model and
// profile segmented it; per item, the engine's confidence in its start and its title roles.
import type { Migration } from './types.ts';

export const migration: Migration = {
  version: 8,
  name: 'publication-profiles',
  up(db) {
    db.exec(`
      CREATE TABLE publication_profiles (
        publication_id INTEGER PRIMARY KEY REFERENCES publications(id) ON DELETE CASCADE,
        -- the base model version the deltas were learned against
        base_version TEXT NOT NULL CHECK (length(base_version) > 0),
        profile_json TEXT NOT NULL CHECK (json_valid(profile_json)),
        updated_at TEXT NOT NULL
      );

      -- Which proofed pages a profile learned from, at which page revision: a page proofed again
      -- unchanged is not learned twice; the count of rows is the "learned from N pages" figure.
      CREATE TABLE profile_pages (
        publication_id INTEGER NOT NULL REFERENCES publication_profiles(publication_id) ON DELETE CASCADE,
        page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        learned_at TEXT NOT NULL,
        PRIMARY KEY (publication_id, page_id)
      ) WITHOUT ROWID;
      CREATE INDEX profile_pages_page ON profile_pages(page_id);

      ALTER TABLE pages ADD COLUMN doubt_count INTEGER NOT NULL DEFAULT 0 CHECK (doubt_count >= 0);
      ALTER TABLE pages ADD COLUMN model_version TEXT;
      ALTER TABLE pages ADD COLUMN model_profile TEXT;
      ALTER TABLE pages ADD COLUMN model_profile_pages INTEGER;
      ALTER TABLE items ADD COLUMN confidence_json TEXT CHECK (confidence_json IS NULL OR json_valid(confidence_json));
    `);
  },
};
