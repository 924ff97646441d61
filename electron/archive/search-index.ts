// Writes the search index (migration 0017: a contentless FTS5 table). An item's folded, padded
// search text (core/search storedSearchDoc) goes straight into items_fts and is not kept anywhere
// else; substrings are checked against the item's own text at search time (search-text.ts).
// Deleting an item row deletes its index row (0017's trigger); an item rewritten in place is
// taken out and put back here. FTS5 keeps a transaction's new rows in memory and writes them
// as one segment when it commits, which is what the batching of 0010 (search_pending) did by hand.
import type { SearchDocText } from '../../core/search/search-doc.ts';
import type { Db } from './db.ts';

export function indexItem(db: Db, itemId: number, doc: SearchDocText): void {
  db.stmt('items_fts.insert', 'INSERT INTO items_fts(rowid, headline, body, people, tags) VALUES (?, ?, ?, ?, ?)').run(
    itemId,
    doc.headline,
    doc.body,
    doc.people,
    doc.tags,
  );
}

export function unindexItem(db: Db, itemId: number): void {
  db.stmt('items_fts.delete', 'DELETE FROM items_fts WHERE rowid = ?').run(itemId);
}
