// Migration 0011: the audit logs (revisions, issue history) as hash chains, filled in id order for
// the entries an older archive has and extended by a trigger on every later entry; a removed or
// rewritten entry breaks the link at its place, where verifyAuditChains finds it.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HISTORY_COLUMNS, REVISION_COLUMNS, registerChecksumFunction, rowChecksum, verifyAllRows, verifyAuditChains } from '../../electron/archive/checksums.ts';
import { migrate } from '../../electron/archive/migrations/index.ts';
import { migration } from '../../electron/archive/migrations/0011-audit-chain.ts';

type Row = Record<string, unknown> & { id: number; chain: string | null };

/** The chain recomputed from the rows alone, in id order. */
function expectedChain(rows: Row[], columns: readonly string[]): (string | null)[] {
  let previous: string | null = null;
  return rows.map((r) => (previous = rowChecksum([previous, ...columns.map((c) => r[c] ?? null)])));
}

const revision = (n: number) =>
  `INSERT INTO revisions(at, actor, entity, entity_id, action, page_revision, before_json, after_json) VALUES ('t${n}', 'a', 'page', 1, 'save', ${n}, NULL, '{"n":${n}}');`;
const history = (event: string, from: string, to: string) =>
  `INSERT INTO issue_history(issue_id, at, profile_id, by_name, role, event, from_state, to_state) VALUES (1, 'now', 'p1', 'Sue', 'supervisor', '${event}', '${from}', '${to}');`;

function olderArchive(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, 10);
  registerChecksumFunction(db);
  db.exec(`
    INSERT INTO publications(id, title) VALUES (1, 'p');
    INSERT INTO issues(id, publication_id) VALUES (1, 1);
    INSERT INTO pages(id, issue_id, source_name, encoding, content_hash, raw_text, text, imported_at, updated_at)
      VALUES (1, 1, 'p', 'UTF-8', 'h', '衡阳', '衡阳', 'now', 'now');
    ${revision(0)} ${revision(1)} ${revision(2)}
    ${history('approve', 'proofed', 'approved')} ${history('reopen', 'approved', 'in-progress')}
  `);
  return db;
}

describe('migration 0011 (audit chain)', () => {
  it('links the entries already there in id order, and new entries to the one before them', () => {
    expect(migration.version).toBe(11);
    const db = olderArchive();
    migrate(db);
    db.exec(revision(3) + history('approve', 'proofed', 'approved'));
    const revisions = db.prepare('SELECT * FROM revisions ORDER BY id').all() as Row[];
    const entries = db.prepare('SELECT * FROM issue_history ORDER BY id').all() as Row[];
    expect(revisions.map((r) => r.chain)).toEqual(expectedChain(revisions, REVISION_COLUMNS));
    expect(entries.map((r) => r.chain)).toEqual(expectedChain(entries, HISTORY_COLUMNS));
    expect(new Set(revisions.map((r) => r.chain)).size).toBe(4);
    expect(verifyAuditChains(db)).toEqual([]);
    expect(verifyAllRows(db)).toMatchObject({ damaged: [], brokenLinks: [] });
    db.close();
  });

  it('finds the first broken link where an entry was removed, or rewritten with its checksum recomputed', () => {
    const removed = olderArchive();
    migrate(removed);
    const ids = (removed.prepare('SELECT id FROM revisions ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    removed.prepare('DELETE FROM revisions WHERE id = ?').run(ids[1]);
    expect(verifyAuditChains(removed)).toEqual([{ log: 'revisions', id: ids[2], previousId: ids[0] }]);
    expect(verifyAllRows(removed).damaged).toEqual([]); // every remaining row matches its own checksum
    removed.close();

    const rewritten = olderArchive();
    migrate(rewritten);
    // The approval's reason rewritten through SQL: checksum triggers would follow, the chain does not.
    const first = rewritten.prepare('SELECT id FROM issue_history ORDER BY id').get() as { id: number };
    rewritten.prepare(`UPDATE issue_history SET by_name = 'Ed' WHERE id = ?`).run(first.id);
    expect(verifyAuditChains(rewritten)).toEqual([{ log: 'issue_history', id: first.id, previousId: null }]);
    rewritten.close();
  });
});
