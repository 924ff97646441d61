// Writes an item's search document on PostgreSQL: the same folded, padded text as SQLite's
// search_docs (core/search storedSearchDoc). The pg_trgm index and the bm25 totals (migration
// 0002) follow the row inside the writer's transaction, so an item is searchable as soon as the
// import, save or tag change that wrote it commits.
import { storedSearchDoc, type SearchDocSource } from '../../../core/search/search-doc.ts';
import type { PgQuery } from './context.ts';

/** The item's search row (fresh: a new item, insert; otherwise replace). */
export async function writeSearchDoc(q: PgQuery, itemId: number, item: SearchDocSource, fresh: boolean): Promise<void> {
  const d = storedSearchDoc(item);
  if (fresh) {
    await q.run('search_docs.insert', 'INSERT INTO search_docs(item_id, headline, body, people, tags) VALUES ($1, $2, $3, $4, $5)', [
      itemId,
      d.headline,
      d.body,
      d.people,
      d.tags,
    ]);
  } else {
    // Unchanged text writes nothing (no dead tuple, no index churn, no totals delta).
    await q.run(
      'search_docs.update',
      `UPDATE search_docs SET headline = $2, body = $3, people = $4, tags = $5
       WHERE item_id = $1 AND (headline, body, people, tags) IS DISTINCT FROM ($2, $3, $4, $5)`,
      [itemId, d.headline, d.body, d.people, d.tags],
    );
  }
}
