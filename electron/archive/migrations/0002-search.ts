// 0002: full-text search. search_docs holds each item's searchable text folded to simplified
// Chinese; items_fts indexes it with the trigram tokenizer (external content, kept in step by
// triggers). Queries shorter than three characters scan search_docs with instr().
// (0004 rebuilds items_fts with detail=column and padded columns.)
//
// Frozen: this file imports nothing live, so what it does never changes with the app. The search
// text of the items an older archive already holds is made by the frozen copy below (lower case,
// no simplified/traditional folding: that needs the live dictionaries); those items are listed in
// search_refold and the archive gives them their folded text when it opens (search-refold.ts).
import type { Migration } from './types.ts';

interface SearchDocSource {
  kicker: string | null;
  headline: string | null;
  subheadline: string | null;
  series: string | null;
  byline: string | null;
  paragraphs: string[];
  contributors: { name: string }[];
  tags: string[];
}

/** core/search/search-doc.ts buildSearchDoc as of 0002, with the Chinese fold left to search_refold. */
function buildSearchDoc(src: SearchDocSource): { headline: string; body: string; people: string; tags: string } {
  const headline = [src.kicker, src.headline, src.subheadline, src.series].filter((s): s is string => !!s).join('\n');
  const people = [...src.contributors.map((c) => c.name), src.byline ?? ''].filter(Boolean).join('\n');
  return { headline: headline.toLowerCase(), body: src.paragraphs.join('\n').toLowerCase(), people: people.toLowerCase(), tags: src.tags.join('\n').toLowerCase() };
}

export const migration: Migration = {
  version: 2,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE TABLE search_docs (
        item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
        headline TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        people TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT ''
      );
      CREATE VIRTUAL TABLE items_fts USING fts5(
        headline, body, people, tags,
        content = 'search_docs', content_rowid = 'item_id',
        tokenize = 'trigram'
      );
      CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
        INSERT INTO items_fts(rowid, headline, body, people, tags)
        VALUES (new.item_id, new.headline, new.body, new.people, new.tags);
      END;
      CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
        INSERT INTO items_fts(items_fts, rowid, headline, body, people, tags)
        VALUES ('delete', old.item_id, old.headline, old.body, old.people, old.tags);
      END;
      CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
        INSERT INTO items_fts(items_fts, rowid, headline, body, people, tags)
        VALUES ('delete', old.item_id, old.headline, old.body, old.people, old.tags);
        INSERT INTO items_fts(rowid, headline, body, people, tags)
        VALUES (new.item_id, new.headline, new.body, new.people, new.tags);
      END;
    `);
    // Backfill the items an older archive already holds.
    const items = db
      .prepare(
        `SELECT i.id, i.kicker, i.headline, i.subheadline, i.series, i.byline, i.paragraphs_json,
           (SELECT group_concat(c.name, char(10)) FROM item_contributors ic JOIN contributors c ON c.id = ic.contributor_id WHERE ic.item_id = i.id) AS people,
           (SELECT group_concat(t.name, char(10)) FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id) AS tag_names
         FROM items i`,
      )
      .iterate() as Iterable<{
      id: number;
      kicker: string | null;
      headline: string | null;
      subheadline: string | null;
      series: string | null;
      byline: string | null;
      paragraphs_json: string;
      people: string | null;
      tag_names: string | null;
    }>;
    const insert = db.prepare('INSERT INTO search_docs(item_id, headline, body, people, tags) VALUES (?, ?, ?, ?, ?)');
    const rows: [number, SearchDocSource][] = [];
    for (const r of items) {
      rows.push([
        r.id,
        {
          kicker: r.kicker,
          headline: r.headline,
          subheadline: r.subheadline,
          series: r.series,
          byline: r.byline,
          paragraphs: JSON.parse(r.paragraphs_json) as string[],
          contributors: (r.people ?? '').split('\n').filter(Boolean).map((name) => ({ name })),
          tags: (r.tag_names ?? '').split('\n').filter(Boolean),
        },
      ]);
    }
    for (const [id, src] of rows) {
      const d = buildSearchDoc(src);
      insert.run(id, d.headline, d.body, d.people, d.tags);
    }
    if (rows.length > 0) {
      // The items whose search text still wants the live fold (dropped once done, search-refold.ts).
      db.exec('CREATE TABLE search_refold(item_id INTEGER PRIMARY KEY); INSERT INTO search_refold(item_id) SELECT item_id FROM search_docs;');
    }
  },
};
