// 0003: a checksum over each page's item SET, as the SQLite archive's migration 0014 (issue 16).
// Each item row has its own SHA-256, but a row deleted whole, or one added, damaged no row and
// passed every check. item_sets holds, per page, the number of its items and a SHA-256 over
// "id:checksum" lines joined by "\n" in the items' order (ord, then id) — the digest the live code
// computes (../../checksums.ts itemSetChecksum). It is written by the archive's page writes, never
// by a trigger: a trigger would follow any DELETE, and the point is to catch rows removed or added
// by anything else. Here it is filled in for the pages already there, in one statement.
//
// Frozen: this file imports nothing live.
import type { PgMigration } from './types.ts';

export const migration: PgMigration = {
  version: 3,
  name: 'item-sets',
  async up(client) {
    await client.query(`
      CREATE TABLE item_sets (
        page_id integer PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
        item_count integer NOT NULL CHECK (item_count >= 0),
        checksum text NOT NULL CHECK (length(checksum) = 64)
      );
      INSERT INTO item_sets(page_id, item_count, checksum)
        SELECT p.id, count(i.id)::int,
          encode(sha256(convert_to(coalesce(string_agg(i.id::text || ':' || coalesce(i.checksum, ''), E'\\n' ORDER BY i.ord, i.id), ''), 'UTF8')), 'hex')
        FROM pages p LEFT JOIN items i ON i.page_id = p.id
        GROUP BY p.id;
    `);
  },
};
