// 0010: the search index is written once per transaction instead of once per row.
// Until now a trigger on search_docs inserted every new row into items_fts as it was written; an
// import spent about a third of its time there. Now a new or changed row only records its id in
// search_pending, and search-index.ts indexes all of them with one INSERT … SELECT just before
// the transaction commits (Db.tx). Deletes and updates still remove the old text from the index
// at once, except for a row still pending (never indexed), which must not be "deleted" from an
// external-content FTS5 index.
import type { Migration } from './types.ts';

export const migration: Migration = {
  version: 10,
  name: 'search-index-batched',
  up(db) {
    db.exec(`
      CREATE TABLE search_pending(item_id INTEGER PRIMARY KEY);
      DROP TRIGGER IF EXISTS search_docs_ai;
      DROP TRIGGER IF EXISTS search_docs_ad;
      DROP TRIGGER IF EXISTS search_docs_au;
      CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
        INSERT OR IGNORE INTO search_pending(item_id) VALUES (new.item_id);
      END;
      CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
        INSERT INTO items_fts(items_fts, rowid, headline, body, people, tags)
          SELECT 'delete', old.item_id, old.headline, old.body, old.people, old.tags
          WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE item_id = old.item_id);
        DELETE FROM search_pending WHERE item_id = old.item_id;
      END;
      CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
        INSERT INTO items_fts(items_fts, rowid, headline, body, people, tags)
          SELECT 'delete', old.item_id, old.headline, old.body, old.people, old.tags
          WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE item_id = old.item_id);
        INSERT OR IGNORE INTO search_pending(item_id) VALUES (new.item_id);
      END;
    `);
  },
};
