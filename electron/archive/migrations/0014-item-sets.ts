// 0014: a checksum over each page's item SET (issue 16). Every item row carries its own SHA-256
// (0009), but a row deleted whole, or one added, passed every check: no row was damaged. Now each
// page has one row in item_sets with the number of its items and a SHA-256 over their ids and row
// checksums in order (ord, then id). Reads, `galley verify` and backups compare it with the items
// actually there and name the difference ("item set of page P does not match: N items expected,
// M found").
//
// Unlike 0009's checksums this one is NOT kept by a trigger: a trigger would follow any DELETE, and
// the point is to catch rows removed or added by anything other than the archive's own page writes.
// The archive writes it after it writes a page's items (../checksums.ts sealItemSet); here it is
// filled in for the pages already there.
//
// Frozen: the digest is copied as it was when this was written (../checksums.ts itemSetChecksum
// must stay equal to it).
import { createHash } from 'node:crypto';
import type { Migration } from './types.ts';

/** SHA-256 over "id:checksum" lines joined by "\n", in the items' order. */
export function itemSetDigest(rows: readonly { id: number; checksum: string | null }[]): string {
  return createHash('sha256')
    .update(rows.map((r) => `${r.id}:${r.checksum ?? ''}`).join('\n'))
    .digest('hex');
}

export const migration: Migration = {
  version: 14,
  name: 'item-sets',
  up(db) {
    db.exec(`
      CREATE TABLE item_sets (
        page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
        item_count INTEGER NOT NULL CHECK (item_count >= 0),
        checksum TEXT NOT NULL CHECK (length(checksum) = 64)
      );`);
    const insert = db.prepare('INSERT INTO item_sets(page_id, item_count, checksum) VALUES (?, ?, ?)');
    // One pass over the items in page order (the items_page index), not one query per page.
    const rows = db.prepare('SELECT page_id, id, checksum FROM items ORDER BY page_id, ord, id').iterate() as Iterable<{
      page_id: number;
      id: number;
      checksum: string | null;
    }>;
    const byPage = new Map<number, { id: number; checksum: string | null }[]>();
    for (const r of rows) {
      let list = byPage.get(r.page_id);
      if (!list) byPage.set(r.page_id, (list = []));
      list.push({ id: r.id, checksum: r.checksum });
    }
    for (const { id } of db.prepare('SELECT id FROM pages ORDER BY id').all() as { id: number }[]) {
      const list = byPage.get(id) ?? [];
      insert.run(id, list.length, itemSetDigest(list));
    }
  },
};
