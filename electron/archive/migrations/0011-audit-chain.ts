// 0011: the audit trail as a hash chain. Every revision and every issue-history entry (approve,
// export, reopen, pages changed) carries `chain`: SHA-256 over the previous entry's chain and this
// entry's own columns. A row removed, inserted or rewritten anywhere in the log breaks the link at
// that place, which `galley verify` and every backup report (../checksums.ts verifyAuditChains),
// even where the rewritten row's own checksum was recomputed to match.
//
// Kept by an AFTER INSERT trigger calling galley_sha256() (registered on every archive connection,
// like 0009's checksums), and filled in here for the entries already there, in id order.
// Frozen: the function, the digest and the columns are copied as they were when this was written.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Migration } from './types.ts';

const CHECKSUM_FUNCTION = 'galley_sha256';
const digest = (values: unknown[]): string => createHash('sha256').update(JSON.stringify(values)).digest('hex');
export const REVISION_CHAIN_COLUMNS = ['at', 'actor', 'profile_id', 'role', 'entity', 'entity_id', 'action', 'page_revision', 'before_json', 'after_json'] as const;
export const HISTORY_CHAIN_COLUMNS = ['issue_id', 'at', 'profile_id', 'by_name', 'role', 'event', 'from_state', 'to_state', 'reason'] as const;

function chain(db: Database.Database, table: string, columns: readonly string[]): void {
  db.exec(`ALTER TABLE ${table} ADD COLUMN chain TEXT`);
  // The entries already there, linked in id order.
  const update = db.prepare(`UPDATE ${table} SET chain = ? WHERE id = ?`);
  let previous: string | null = null;
  const rows = db.prepare(`SELECT id, ${columns.join(', ')} FROM ${table} ORDER BY id`).all() as Record<string, unknown>[];
  for (const row of rows) {
    previous = digest([previous, ...columns.map((c) => row[c] ?? null)]);
    update.run(previous, row.id);
  }
  // New entries link to the entry with the highest id before them (the archive has one writer).
  db.exec(`
    CREATE TRIGGER ${table}_chain_insert AFTER INSERT ON ${table}
    BEGIN
      UPDATE ${table} SET chain = ${CHECKSUM_FUNCTION}(
        (SELECT chain FROM ${table} WHERE id < NEW.id ORDER BY id DESC LIMIT 1),
        ${columns.map((c) => `NEW.${c}`).join(', ')}
      ) WHERE id = NEW.id;
    END;`);
}

export const migration: Migration = {
  version: 11,
  name: 'audit-chain',
  up(db) {
    // The trigger's function must exist on this connection (the archive registers it on open too).
    db.function(CHECKSUM_FUNCTION, { deterministic: true, varargs: true }, (...values: unknown[]) => digest(values));
    chain(db, 'revisions', REVISION_CHAIN_COLUMNS);
    chain(db, 'issue_history', HISTORY_CHAIN_COLUMNS);
  },
};
