// The item set of a page on PostgreSQL (migration 0003; the SQLite archive's 0014): the number of a
// page's items and a SHA-256 over "id:checksum" lines in their order (ord, then id), so a row
// deleted whole or added is found where each row's own checksum cannot see it. The digest is
// computed by the server (one statement, no rows sent back) and equals ../checksums.ts
// itemSetChecksum, which the read checks use on the rows they read anyway.
import { itemSetChecksum, itemSetDamage, type DamagedRow, type ItemSetRow } from '../checksums.ts';
import type { PgQuery } from './context.ts';

/** The server-side digest of the items `i` of one group, as itemSetChecksum computes it. */
const DIGEST = `encode(sha256(convert_to(coalesce(string_agg(i.id::text || ':' || coalesce(i.checksum, ''), E'\\n' ORDER BY i.ord, i.id), ''), 'UTF8')), 'hex')`;

/**
 * Records the page's item set as it now is. Every write that inserts, deletes or rewrites a page's
 * items calls this in the same transaction, after the items.
 */
export async function sealItemSet(q: PgQuery, pageId: number): Promise<void> {
  await q.run(
    'item_sets.seal',
    `INSERT INTO item_sets(page_id, item_count, checksum)
       SELECT $1::int, count(i.id)::int, ${DIGEST} FROM items i WHERE i.page_id = $1::int
     ON CONFLICT (page_id) DO UPDATE SET item_count = excluded.item_count, checksum = excluded.checksum`,
    [pageId],
  );
}

/** Checks the rows of a page as read (in ord, id order) against its record; the damage, or null. */
export async function itemSetDamageOf(q: PgQuery, pageId: number, rows: readonly ItemSetRow[]): Promise<DamagedRow | null> {
  const stored = await q.one<{ item_count: number; checksum: string }>('item_sets.ofPage', 'SELECT item_count, checksum FROM item_sets WHERE page_id = $1', [pageId]);
  return itemSetDamage(pageId, stored ?? undefined, rows);
}

/** Every page whose item set does not match its record (for `galley verify`), worked out by the server. */
export async function verifyItemSets(q: PgQuery): Promise<DamagedRow[]> {
  const empty = itemSetChecksum([]);
  const rows = await q.all<{ id: number; item_count: number | null; checksum: string | null; found: number; digest: string }>(
    'verify.item_sets',
    `WITH found AS (SELECT i.page_id, count(*)::int AS n, ${DIGEST} AS d FROM items i GROUP BY i.page_id)
     SELECT p.id, s.item_count, s.checksum, coalesce(f.n, 0) AS found, coalesce(f.d, $1) AS digest
     FROM pages p LEFT JOIN item_sets s ON s.page_id = p.id LEFT JOIN found f ON f.page_id = p.id
     WHERE s.page_id IS NULL OR s.item_count <> coalesce(f.n, 0) OR s.checksum <> coalesce(f.d, $1)
     ORDER BY p.id`,
    [empty],
  );
  return rows.map((r) => ({
    part: 'item-set',
    id: r.id,
    pageId: r.id,
    pageRevision: null,
    items: { expected: r.item_count, found: r.found },
  }));
}
