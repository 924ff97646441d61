// pg_trgm takes trigrams only from characters the database's LC_CTYPE calls alphanumeric. Under
// the plain C locale no Chinese character is one: the search index then holds nothing for Chinese
// text and every search is a (correct) scan of the whole table. Said once, when the archive opens,
// so whoever runs the server knows why search is slow and what to change.
import type pg from 'pg';
import type { ArchiveLogger } from '../db.ts';

/** True when pg_trgm makes trigrams of Chinese text in this database; warns through `logger` otherwise. */
export async function checkSearchLocale(client: pg.ClientBase, logger: ArchiveLogger): Promise<boolean> {
  const r = await client.query<{ ok: boolean; ctype: string }>(
    `SELECT cardinality(show_trgm('衡阳市')) > 0 AS ok, current_setting('lc_ctype') AS ctype`,
  );
  const row = r.rows[0];
  if (row?.ok) return true;
  logger.warn(
    `[archive] this database's LC_CTYPE (${row?.ctype ?? '?'}) makes no search trigrams of Chinese text: searches will scan every item. ` +
      `Create the database with a UTF-8 locale, e.g. CREATE DATABASE … LC_CTYPE 'C.UTF-8' TEMPLATE template0.`,
  );
  return false;
}
