// 0002: search on pg_trgm. search_docs (0001) holds each item's folded, padded search text; here
// it gets
// - a GIN trigram index over the four columns joined by newlines (query terms never hold white
//   space, so no term can match across two columns): `doc LIKE '%term%'` for a term of three or
//   more characters is answered from the index (and rechecked, so the match is exact);
// - `tokens`, the number of trigrams in the row as SQLite's FTS5 trigram tokenizer counts them
//   (per column: characters − 2), and search_totals, the table-wide row and token counts kept by
//   statement triggers: bm25 needs the average row length, which must not cost a table scan per
//   query. search_totals holds deltas (one row per writing statement, no row every writer would
//   lock); readers sum them and the archive folds them into one row now and then.
// - search_grams(): every one- and two-character piece of the four columns (none holding a space
//   or a newline, which no query term holds), as an array with its own GIN index. Trigrams cannot
//   find a one- or two-character term; this index finds the rows that hold one, so a rare short
//   term costs what its rows cost, as SQLite's index vocabulary makes it, not a table scan. An
//   expression index: the pieces are not stored in the table.
// pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
//
// Frozen: this file imports nothing live.
import type { PgMigration } from './types.ts';

export const migration: PgMigration = {
  version: 2,
  name: 'search-trgm',
  async up(client) {
    await client.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;

      ALTER TABLE search_docs ADD COLUMN tokens integer GENERATED ALWAYS AS (
        greatest(char_length(headline) - 2, 0) + greatest(char_length(body) - 2, 0)
        + greatest(char_length(people) - 2, 0) + greatest(char_length(tags) - 2, 0)) STORED;

      CREATE INDEX search_docs_trgm ON search_docs
        USING gin ((headline || E'\\n' || body || E'\\n' || people || E'\\n' || tags) gin_trgm_ops);

      CREATE FUNCTION search_grams(h text, b text, p text, t text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
          -- Characters by string_to_array, pairs by two non-overlapping regex passes (from the
          -- first and the second character): C-level work, about 2.5x faster than substr() per
          -- position (which walks the UTF-8 text from its start each time).
          SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) FROM (
            SELECT unnest(string_to_array(c, NULL)) AS g FROM unnest(ARRAY[h, b, p, t]) AS c
            UNION ALL SELECT (regexp_matches(c, '..', 'g'))[1] FROM unnest(ARRAY[h, b, p, t]) AS c
            UNION ALL SELECT (regexp_matches(substr(c, 2), '..', 'g'))[1] FROM unnest(ARRAY[h, b, p, t]) AS c) x
          WHERE strpos(g, ' ') = 0 AND strpos(g, E'\\n') = 0
        $$;
      CREATE INDEX search_docs_grams ON search_docs USING gin (search_grams(headline, body, people, tags));

      CREATE TABLE search_totals (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        rows bigint NOT NULL,
        tokens bigint NOT NULL
      );
      INSERT INTO search_totals(rows, tokens) SELECT count(*), coalesce(sum(tokens), 0) FROM search_docs;

      CREATE FUNCTION search_totals_note() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO search_totals(rows, tokens) SELECT count(*), coalesce(sum(tokens), 0) FROM new_docs HAVING count(*) > 0;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO search_totals(rows, tokens) SELECT -count(*), -coalesce(sum(tokens), 0) FROM old_docs HAVING count(*) > 0;
        ELSE
          INSERT INTO search_totals(rows, tokens)
            SELECT 0, d FROM (SELECT (SELECT coalesce(sum(tokens), 0) FROM new_docs) - (SELECT coalesce(sum(tokens), 0) FROM old_docs) AS d) x
            WHERE d <> 0;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER search_totals_ins AFTER INSERT ON search_docs
        REFERENCING NEW TABLE AS new_docs FOR EACH STATEMENT EXECUTE FUNCTION search_totals_note();
      CREATE TRIGGER search_totals_del AFTER DELETE ON search_docs
        REFERENCING OLD TABLE AS old_docs FOR EACH STATEMENT EXECUTE FUNCTION search_totals_note();
      CREATE TRIGGER search_totals_upd AFTER UPDATE ON search_docs
        REFERENCING OLD TABLE AS old_docs NEW TABLE AS new_docs FOR EACH STATEMENT EXECUTE FUNCTION search_totals_note();
    `);
  },
};
