// Writes the search index (migration 0017: a contentless FTS5 table). An item's folded, padded
// search text (core/search storedSearchDoc) goes straight into items_fts and is not kept anywhere
// else; substrings are checked against the item's own text at search time (search-text.ts).
// Deleting an item row deletes its index row (0017's trigger); an item rewritten in place is
// taken out and put back here.
//
// Batches (withIndexBatch): FTS5 keeps new rows in memory until it must write them, but it must
// write them out ("flush") at every statement savepoint, and SQLite opens one for every statement
// that may fail half-way inside a transaction — each item, page, revision and contributor insert
// (their CHECK, NOT NULL and foreign key constraints, their triggers). Index rows written between
// those statements were flushed one by one as tiny segments and merged again and again: most of an
// import's writing time. An import writes its index rows together at the end of its transaction,
// in rowid order, into a few large segments (issue 15: the writer at most 2× the floor).
import type { SearchDocText } from '../../core/search/search-doc.ts';
import type { Db } from './db.ts';

/** Index rows held back for the end of the batch, by item id (a later write of an item replaces its earlier one). */
const batches = new WeakMap<Db, Map<number, SearchDocText>>();

function writeRow(db: Db, itemId: number, doc: SearchDocText): void {
  db.stmt('items_fts.insert', 'INSERT INTO items_fts(rowid, headline, body, people, tags) VALUES (?, ?, ?, ?, ?)').run(
    itemId,
    doc.headline,
    doc.body,
    doc.people,
    doc.tags,
  );
}

export function indexItem(db: Db, itemId: number, doc: SearchDocText): void {
  const batch = batches.get(db);
  if (batch) batch.set(itemId, doc);
  else writeRow(db, itemId, doc);
}

export function unindexItem(db: Db, itemId: number): void {
  batches.get(db)?.delete(itemId);
  db.stmt('items_fts.delete', 'DELETE FROM items_fts WHERE rowid = ?').run(itemId);
}

/**
 * Runs fn (inside a transaction) with its index writes held back, then writes them in rowid order.
 * Only rows of items that still exist are written: a file of an import batch rolled back to its
 * savepoint took its items with it, and so does a page re-imported later in the same batch. When
 * fn throws, nothing is written (its transaction rolls back). Nested calls join the outer batch.
 */
export function withIndexBatch<R>(db: Db, fn: () => R): R {
  if (batches.has(db)) return fn();
  if (!db.raw.inTransaction) throw new Error('withIndexBatch needs a transaction: its rows are written before the commit');
  const batch = new Map<number, SearchDocText>();
  batches.set(db, batch);
  let result: R;
  try {
    result = fn();
  } finally {
    batches.delete(db);
  }
  const exists = db.stmt('items.exists', 'SELECT 1 AS x FROM items WHERE id = ?');
  for (const id of [...batch.keys()].sort((a, b) => a - b)) {
    if (exists.get(id)) writeRow(db, id, batch.get(id)!);
  }
  return result;
}
