// 0018: a smaller search index and one write per row (issue 15: the archive at most 3× its text,
// the import writer at most 2× the floor).
//
// 1. items_fts keeps row ids only (detail=none). Search never used what detail=column added:
//    there are no column filters in any query, phrases are never asked of the index (a long term
//    is the AND of its trigrams, and the term itself is then checked on the item's own text,
//    ../search-text.ts), and bm25 is computed from the vocabulary's row counts, the averages record
//    and the candidate's own text (../search-rank.ts) — all three kept by a detail=none table. The
//    column lists were about half the index. The index is contentless, so it cannot be converted
//    in SQL: every item is listed in search_refold (0002's list) and the archive indexes them
//    again on open with the live fold (../search-refold.ts), a batch at a time.
// 2. The checksum and chain triggers of 0009 and 0011 wrote every new revision, page and item row
//    twice (the INSERT, then an UPDATE adding its checksum, which moves the row and, for a page,
//    writes its text's overflow pages a second time). They now fire only when the INSERT left the
//    checksum (or chain) NULL: the archive's writers compute the same digest and insert the row
//    whole (../checksums.ts rowChecksum, revisionChain); any other writer still gets its checksum
//    from the trigger, so no row is ever stored without one.
//
// Frozen: the function name and columns are copied as they were when this was written.
import type { Migration } from './types.ts';

const CHECKSUM_FUNCTION = 'galley_sha256';
const REVISION_COLUMNS = ['at', 'actor', 'profile_id', 'role', 'entity', 'entity_id', 'action', 'page_revision', 'before_json', 'after_json'] as const;
const PAGE_COLUMNS = ['raw_text', 'text', 'masthead_json'] as const;
const ITEM_COLUMNS = [
  'page_id', 'ord', 'kind', 'start_offset', 'end_offset', 'kicker', 'headline', 'subheadline', 'series', 'byline',
  'paragraphs_json', 'continued_on', 'continued_from', 'flags_json', 'edited_fields_json',
] as const;

const sum = (columns: readonly string[]) => `${CHECKSUM_FUNCTION}(${columns.map((c) => `NEW.${c}`).join(', ')})`;

const checksumInsert = (table: string, columns: readonly string[]) => `
  DROP TRIGGER IF EXISTS ${table}_checksum_insert;
  CREATE TRIGGER ${table}_checksum_insert AFTER INSERT ON ${table} WHEN NEW.checksum IS NULL
  BEGIN
    UPDATE ${table} SET checksum = ${sum(columns)} WHERE id = NEW.id;
  END;`;

export const migration: Migration = {
  version: 18,
  name: 'lean-index-writes',
  up(db) {
    db.exec(`
      DROP TRIGGER IF EXISTS items_fts_delete;
      DROP TABLE IF EXISTS items_fts_vocab;
      DROP TABLE IF EXISTS items_fts;
      CREATE VIRTUAL TABLE items_fts USING fts5(
        headline, body, people, tags,
        content = '', contentless_delete = 1,
        tokenize = 'trigram', detail = none
      );
      CREATE VIRTUAL TABLE items_fts_vocab USING fts5vocab(items_fts, 'row');
      CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
        DELETE FROM items_fts WHERE rowid = old.id;
      END;
      ${checksumInsert('revisions', REVISION_COLUMNS)}
      ${checksumInsert('pages', PAGE_COLUMNS)}
      ${checksumInsert('items', ITEM_COLUMNS)}
      DROP TRIGGER IF EXISTS revisions_chain_insert;
      CREATE TRIGGER revisions_chain_insert AFTER INSERT ON revisions WHEN NEW.chain IS NULL
      BEGIN
        UPDATE revisions SET chain = ${CHECKSUM_FUNCTION}(
          (SELECT chain FROM revisions WHERE id < NEW.id ORDER BY id DESC LIMIT 1),
          ${REVISION_COLUMNS.map((c) => `NEW.${c}`).join(', ')}
        ) WHERE id = NEW.id;
      END;`);
    // Every item is indexed again on open (a new archive has none, and gets no list).
    if (db.prepare('SELECT 1 FROM items LIMIT 1').get()) {
      db.exec(`CREATE TABLE IF NOT EXISTS search_refold(item_id INTEGER PRIMARY KEY);
        INSERT OR IGNORE INTO search_refold(item_id) SELECT id FROM items;`);
    }
  },
};
