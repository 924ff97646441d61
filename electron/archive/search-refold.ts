// Search text the migrations could not write. Migrations are frozen (they import nothing live), and
// the index is contentless (0017): it can only be filled from the items with the live fold of
// simplified/traditional Chinese (core/search). Migration 0002 listed in search_refold the items it
// backfilled lower-cased only, and 0018 (a detail=none index) lists every item. The archive indexes
// the listed items on open, as a fresh import indexes them, and drops the list when it is empty.
// A batch at a time, each in its own transaction that also takes its items off the list: a decade
// of items does not fit in memory, and an open that stops half-way goes on where it stopped.
import { storedSearchDoc } from '../../core/search/search-doc.ts';
import type { ArchiveContext } from './context.ts';
import { baseText, decodeParagraphs } from './paragraph-refs.ts';
import type { ItemTextColumns } from './page-rows.ts';
import { indexItem, unindexItem, withIndexBatch } from './search-index.ts';

interface Row extends ItemTextColumns {
  id: number;
  page_id: number;
  people: string | null;
  tag_names: string | null;
}

const BATCH = 2000;

export function refoldSearchDocs(ctx: ArchiveContext): number {
  const { db } = ctx;
  const listed = db.raw.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_refold'`).get();
  if (!listed) return 0;
  const batch = db.raw.prepare(
    `SELECT i.id, i.page_id, i.kicker, i.headline, i.subheadline, i.series, i.byline, i.paragraphs_json,
       (SELECT group_concat(c.name, char(10)) FROM (SELECT c.name FROM item_contributors ic JOIN contributors c ON c.id = ic.contributor_id
          WHERE ic.item_id = i.id ORDER BY ic.ord) c) AS people,
       (SELECT group_concat(t.name, char(10)) FROM (SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id
          WHERE it.item_id = i.id ORDER BY t.name) t) AS tag_names
     FROM (SELECT item_id FROM search_refold ORDER BY item_id LIMIT ${BATCH}) r JOIN items i ON i.id = r.item_id
     ORDER BY i.page_id, i.id`,
  );
  const listedIds = db.raw.prepare(`SELECT item_id FROM search_refold ORDER BY item_id LIMIT ${BATCH}`).pluck();
  const unlist = db.raw.prepare('DELETE FROM search_refold WHERE item_id = ?');
  const page = db.raw.prepare('SELECT raw_text, text, content_hash FROM pages WHERE id = ?');
  let done = 0;
  for (;;) {
    const more = db.tx(() => withIndexBatch(db, () => {
      const ids = listedIds.all() as number[];
      if (ids.length === 0) {
        db.raw.exec('DROP TABLE search_refold');
        return false;
      }
      // Rows come page by page: each page's imported text is read once.
      let basePage = -1;
      let base = '';
      for (const r of batch.all() as Row[]) {
        if (r.page_id !== basePage) {
          const p = page.get(r.page_id) as { raw_text: string; text: string; content_hash: string } | undefined;
          base = p ? baseText(p) : '';
          basePage = r.page_id;
        }
        const d = storedSearchDoc({
          kicker: r.kicker,
          headline: r.headline,
          subheadline: r.subheadline,
          series: r.series,
          byline: r.byline,
          paragraphs: decodeParagraphs(r.paragraphs_json, base),
          contributors: (r.people ?? '').split('\n').filter(Boolean).map((name) => ({ name })),
          tags: (r.tag_names ?? '').split('\n').filter(Boolean),
        });
        unindexItem(db, r.id);
        indexItem(db, r.id, d);
        done++;
      }
      // Listed ids without an item (deleted since) leave the list too.
      for (const id of ids) unlist.run(id);
      return true;
    }));
    if (!more) return done;
  }
}
