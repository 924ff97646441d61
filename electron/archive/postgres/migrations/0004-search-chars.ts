// 0004: short search terms through an index of single characters instead of every one- and
// two-character piece (issue 13: PostgreSQL import was 4.6x SQLite's time, most of it in GIN
// inserts). 0002's search_grams index held each row's distinct characters AND distinct character
// pairs: for Chinese text nearly every pair is distinct, so a row of 300 characters gave ~450 keys
// where its characters give ~150, and the pairs were two thirds of the import's index work
// (measured: 160 pages 19.5 s with the pairs, 8.5 s with characters only). A two-character term
// is now looked up as "the row holds both characters" through this index and then checked as a
// substring per column (electron/archive/postgres/search-plan.ts), so it finds exactly the rows
// it found before.
//   search_chars(h, b, p, t)  the distinct characters of the four columns, without space or
//                             newline (which no query term holds); an expression index, nothing stored
// search_grams stays defined (0002's frozen test calls it); only its index goes.
//
// Frozen: this file imports nothing live.
import type { PgMigration } from './types.ts';

export const migration: PgMigration = {
  version: 4,
  name: 'search-chars',
  async up(client) {
    await client.query(`
      CREATE FUNCTION search_chars(h text, b text, p text, t text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
          SELECT coalesce(array_agg(DISTINCT g), '{}'::text[])
          FROM unnest(string_to_array(h || b || p || t, NULL)) AS g
          WHERE g <> ' ' AND g <> E'\\n'
        $$;
      CREATE INDEX search_docs_chars ON search_docs USING gin (search_chars(headline, body, people, tags));
      DROP INDEX search_docs_grams;
    `);
  },
};
