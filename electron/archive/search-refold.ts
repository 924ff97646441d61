// Search text the migrations could not fold. Migrations are frozen (they import nothing live), so
// migration 0002, which backfills search_docs for an archive made before search existed, stores
// the text lower-cased only and lists those items in search_refold. Folding simplified/traditional
// Chinese needs the live dictionaries (core/search), so the archive does it on open, once: the
// listed rows get their search text as a fresh import would, and the list is dropped.
import { storedSearchDoc } from '../../core/search/search-doc.ts';
import type { ArchiveContext } from './context.ts';
import type { ItemTextColumns } from './page-rows.ts';

interface Row extends ItemTextColumns {
  id: number;
  people: string | null;
  tag_names: string | null;
}

export function refoldSearchDocs(ctx: ArchiveContext): number {
  const { db } = ctx;
  const listed = db.raw.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_refold'`).get();
  if (!listed) return 0;
  return db.tx(() => {
    const rows = db.raw
      .prepare(
        `SELECT i.id, i.kicker, i.headline, i.subheadline, i.series, i.byline, i.paragraphs_json,
           (SELECT group_concat(c.name, char(10)) FROM (SELECT c.name FROM item_contributors ic JOIN contributors c ON c.id = ic.contributor_id
              WHERE ic.item_id = i.id ORDER BY ic.ord) c) AS people,
           (SELECT group_concat(t.name, char(10)) FROM (SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id
              WHERE it.item_id = i.id ORDER BY t.name) t) AS tag_names
         FROM search_refold r JOIN items i ON i.id = r.item_id`,
      )
      .all() as Row[];
    const update = db.raw.prepare('UPDATE search_docs SET headline = ?, body = ?, people = ?, tags = ? WHERE item_id = ?');
    for (const r of rows) {
      const d = storedSearchDoc({
        kicker: r.kicker,
        headline: r.headline,
        subheadline: r.subheadline,
        series: r.series,
        byline: r.byline,
        paragraphs: JSON.parse(r.paragraphs_json) as string[],
        contributors: (r.people ?? '').split('\n').filter(Boolean).map((name) => ({ name })),
        tags: (r.tag_names ?? '').split('\n').filter(Boolean),
      });
      update.run(d.headline, d.body, d.people, d.tags, r.id);
    }
    db.raw.exec('DROP TABLE search_refold');
    return rows.length;
  });
}
