// 0015: a page's text is stored once (issue 15, the lean archive).
//
// pages.raw_text kept the text as imported beside pages.text, the text as it is now: two equal
// copies for every page nobody has changed, about a third of a freshly imported archive. Now
// raw_text is '' while the text is still the text as imported, and a trigger copies the old text
// into raw_text the first time a save, edit or restore changes it (same content_hash: a re-import
// writes a new text and a new hash, and its raw_text is '' again). So raw_text is '' exactly while
// text (whose SHA-256 is still content_hash) is the imported text; ../page-rows.ts rawTextOf reads it.
//
// The pages already there lose their second copy here, but only where the row's checksum
// (migration 0009) still matches and the text is still the imported one: a damaged row keeps its
// bytes and its old checksum, so `galley verify` still names it instead of the checksum trigger
// sealing the damage. Revisions are not rewritten: the audit chain (0011) covers their content,
// and new imports log a reference to the page instead of a copy (../revision-refs.ts).
//
// Frozen: the checksum digest and columns are copied as they were when this was written.
import { createHash } from 'node:crypto';
import type { Migration } from './types.ts';

const CHECKSUM_FUNCTION = 'galley_sha256';
const PAGE_COLUMNS = ['raw_text', 'text', 'masthead_json'] as const;
const digest = (values: unknown[]): string => createHash('sha256').update(JSON.stringify(values)).digest('hex');
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const migration: Migration = {
  version: 15,
  name: 'lean-pages',
  up(db) {
    // The checksum triggers (0009) call this on the rows changed below; the archive registers the
    // live one on open as well.
    db.function(CHECKSUM_FUNCTION, { deterministic: true, varargs: true }, (...values: unknown[]) => digest(values));
    // 0009's update trigger hashed NEW, the row as the statement that fired it wrote it; the keep
    // trigger below changes raw_text afterwards, so the checksum is now taken from the row as it is
    // (same function, columns and digest), whichever of the two triggers SQLite runs first.
    db.exec(`
      DROP TRIGGER IF EXISTS pages_checksum_update;
      CREATE TRIGGER pages_checksum_update AFTER UPDATE OF ${PAGE_COLUMNS.join(', ')} ON pages
      BEGIN
        UPDATE pages SET checksum = ${CHECKSUM_FUNCTION}(${PAGE_COLUMNS.join(', ')}) WHERE id = NEW.id;
      END;
      CREATE TRIGGER pages_raw_text_keep AFTER UPDATE OF text ON pages
      WHEN old.raw_text = '' AND new.raw_text = '' AND new.content_hash = old.content_hash AND new.text IS NOT old.text
      BEGIN
        UPDATE pages SET raw_text = old.text WHERE id = new.id;
      END;`);
    // In batches of pages by id: a decade of pages would not fit in memory at once, and the
    // connection cannot write while a statement is still iterating.
    const batch = db.prepare(
      `SELECT id, checksum, content_hash, ${PAGE_COLUMNS.join(', ')} FROM pages
       WHERE id > ? AND raw_text = text AND raw_text <> '' ORDER BY id LIMIT 500`,
    );
    const lean = db.prepare(`UPDATE pages SET raw_text = '' WHERE id = ?`);
    type Row = { id: number; checksum: string | null; content_hash: string; raw_text: string; text: string; masthead_json: string | null };
    for (let after = 0, rows = batch.all(after) as Row[]; rows.length > 0; rows = batch.all(after) as Row[]) {
      for (const r of rows) {
        const sound = r.checksum === digest(PAGE_COLUMNS.map((c) => r[c] ?? null));
        if (sound && r.content_hash === sha256(r.text)) lean.run(r.id);
      }
      after = rows[rows.length - 1]!.id;
    }
  },
};
