// 0009: a SHA-256 checksum on every revision, page (its text) and item row, kept by triggers that
// call galley_sha256() (registered on every archive connection, see ../checksums.ts), and filled
// in for the rows already there. Reads check them; `galley verify` and backups check them all.
//
// Frozen: the function name, the columns and the digest are copied here as they were when this
// migration was written (../checksums.ts keeps the live ones, which must stay equal to these for
// the rows this migration filled in; the archive registers the live function again after migrating).
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Migration } from './types.ts';

export const CHECKSUM_FUNCTION = 'galley_sha256';
export const REVISION_COLUMNS = ['at', 'actor', 'profile_id', 'role', 'entity', 'entity_id', 'action', 'page_revision', 'before_json', 'after_json'] as const;
export const PAGE_COLUMNS = ['raw_text', 'text', 'masthead_json'] as const;
export const ITEM_COLUMNS = [
  'page_id', 'ord', 'kind', 'start_offset', 'end_offset', 'kicker', 'headline', 'subheadline', 'series', 'byline',
  'paragraphs_json', 'continued_on', 'continued_from', 'flags_json', 'edited_fields_json',
] as const;

/** SHA-256 over JSON.stringify of the column values in order (as ../checksums.ts rowChecksum). */
function registerChecksumFunction(db: Database.Database): void {
  db.function(CHECKSUM_FUNCTION, { deterministic: true, varargs: true }, (...values: unknown[]) =>
    createHash('sha256').update(JSON.stringify(values)).digest('hex'),
  );
}

const sum = (columns: readonly string[], prefix: string) => `${CHECKSUM_FUNCTION}(${columns.map((c) => prefix + c).join(', ')})`;

function triggers(table: string, columns: readonly string[]): string {
  return `
    ALTER TABLE ${table} ADD COLUMN checksum TEXT;
    UPDATE ${table} SET checksum = ${sum(columns, '')};
    CREATE TRIGGER ${table}_checksum_insert AFTER INSERT ON ${table}
    BEGIN
      UPDATE ${table} SET checksum = ${sum(columns, 'NEW.')} WHERE id = NEW.id;
    END;
    CREATE TRIGGER ${table}_checksum_update AFTER UPDATE OF ${columns.join(', ')} ON ${table}
    BEGIN
      UPDATE ${table} SET checksum = ${sum(columns, 'NEW.')} WHERE id = NEW.id;
    END;`;
}

export const migration: Migration = {
  version: 9,
  name: 'checksums',
  up(db) {
    // The function must exist on this connection before the backfill and the triggers run.
    registerChecksumFunction(db);
    db.exec(triggers('revisions', REVISION_COLUMNS) + triggers('pages', PAGE_COLUMNS) + triggers('items', ITEM_COLUMNS));
  },
};
