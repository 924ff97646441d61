// 0003: stories. Items joined by jump lines ("转第6版" / "上接第1版") share a story_id, the id of
// the story's first item. Recomputed per issue after every import or save.
import type { Migration } from './types.ts';

export const migration: Migration = {
  version: 3,
  name: 'stories',
  up(db) {
    db.exec(`
      ALTER TABLE items ADD COLUMN story_id INTEGER;
      CREATE INDEX items_story ON items(story_id) WHERE story_id IS NOT NULL;
    `);
  },
};
