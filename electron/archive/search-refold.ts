// Search text the migrations could not fold. Migrations are frozen (they import nothing live), so
// migration 0002, which backfilled the search text of an archive made before search existed,
// stored it lower-cased only and listed those items in search_refold (0017 carried that text into
// the contentless index as it was). Folding simplified/traditional Chinese needs the live
// dictionaries (core/search), so the archive does it on open, once: the listed items are indexed
// again as a fresh import would index them, and the list is dropped.
import { storedSearchDoc } from '../../core/search/search-doc.ts';
import type { ArchiveContext } from './context.ts';
import { baseText, decodeParagraphs } from './paragraph-refs.ts';
import type { ItemTextColumns } from './page-rows.ts';
import { indexItem, unindexItem } from './search-index.ts';

interface Row extends ItemTextColumns {
  id: number;
  people: string | null;
  tag_names: string | null;
  raw_text: string;
  text: string;
  content_hash: string;
}

export function refoldSearchDocs(ctx: ArchiveContext): number {
  const { db } = ctx;
  const listed = db.raw.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_refold'`).get();
  if (!listed) return 0;
  return db.tx(() => {
    const rows = db.raw
      .prepare(
        `SELECT i.id, i.kicker, i.headline, i.subheadline, i.series, i.byline, i.paragraphs_json, p.raw_text, p.text, p.content_hash,
           (SELECT group_concat(c.name, char(10)) FROM (SELECT c.name FROM item_contributors ic JOIN contributors c ON c.id = ic.contributor_id
              WHERE ic.item_id = i.id ORDER BY ic.ord) c) AS people,
           (SELECT group_concat(t.name, char(10)) FROM (SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id
              WHERE it.item_id = i.id ORDER BY t.name) t) AS tag_names
         FROM search_refold r JOIN items i ON i.id = r.item_id JOIN pages p ON p.id = i.page_id`,
      )
      .all() as Row[];
    for (const r of rows) {
      const d = storedSearchDoc({
        kicker: r.kicker,
        headline: r.headline,
        subheadline: r.subheadline,
        series: r.series,
        byline: r.byline,
        paragraphs: decodeParagraphs(r.paragraphs_json, baseText(r)),
        contributors: (r.people ?? '').split('\n').filter(Boolean).map((name) => ({ name })),
        tags: (r.tag_names ?? '').split('\n').filter(Boolean),
      });
      unindexItem(db, r.id);
      indexItem(db, r.id, d);
    }
    db.raw.exec('DROP TABLE search_refold');
    return rows.length;
  });
}
