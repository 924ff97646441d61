// 0009: a SHA-256 checksum on every revision, page (its text) and item row, kept by triggers that
// call galley_sha256() (registered on every archive connection, see ../checksums.ts), and filled
// in for the rows already there. Reads check them; `galley verify` and backups check them all.
import { CHECKSUM_FUNCTION, ITEM_COLUMNS, PAGE_COLUMNS, REVISION_COLUMNS, registerChecksumFunction } from '../checksums.ts';
import type { Migration } from './types.ts';

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
