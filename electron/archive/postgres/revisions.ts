// The revision log on PostgreSQL, and the audit hash chain of both logs (revisions, issue_history).
// Each row carries, as in the SQLite archive (migrations 0009 and 0011, ../checksums.ts), a
// checksum over its own columns and `chain`: SHA-256 over the previous entry's chain and its own
// columns. SQLite computes them in triggers; here the archive computes them in JavaScript with the
// same function and column lists, so `verifyAuditChains`' walk holds for both. Appending takes the
// transaction-scoped advisory lock LOCK_AUDIT first: the entry "before" a new one is then the
// last committed one (READ COMMITTED reads after the lock see it), and ids follow commit order.
import { withEditSnapshots } from '../../../core/edit/index.ts';
import type { Actor, RevisionDetail, RevisionEntry } from '../archive-api.ts';
import { HISTORY_COLUMNS, REVISION_COLUMNS, rowChecksum } from '../checksums.ts';
import { fail } from '../context.ts';
import { toDetail, type RevisionRow } from '../revisions.ts';
import { advisoryLock, LOCK_AUDIT, type PgContext, type PgQuery, type PgValue } from './context.ts';

async function previousChain(q: PgQuery, log: 'revisions' | 'issue_history'): Promise<string | null> {
  await advisoryLock(q, LOCK_AUDIT);
  const row = await q.one<{ chain: string }>(`${log}.lastChain`, `SELECT chain FROM ${log} ORDER BY id DESC LIMIT 1`);
  return row?.chain ?? null;
}

export async function logRevision(
  ctx: PgContext,
  q: PgQuery,
  actor: Actor,
  entity: RevisionEntry['entity'],
  entityId: number,
  action: string,
  pageRevision: number | null,
  before: unknown,
  after: unknown,
): Promise<number> {
  const row: Record<(typeof REVISION_COLUMNS)[number], PgValue> = {
    at: ctx.now(),
    actor: actor.name,
    profile_id: actor.profileId ?? null,
    role: actor.role ?? null,
    entity,
    entity_id: entityId,
    action,
    page_revision: pageRevision,
    before_json: before === undefined ? null : JSON.stringify(before),
    after_json: after === undefined ? null : JSON.stringify(after),
  };
  const values = REVISION_COLUMNS.map((c) => row[c]);
  const chain = rowChecksum([await previousChain(q, 'revisions'), ...values]);
  const inserted = await q.one<{ id: number }>(
    'revisions.insert',
    `INSERT INTO revisions(${REVISION_COLUMNS.join(', ')}, checksum, chain) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [...values, rowChecksum(values), chain],
  );
  return inserted!.id;
}

export interface HistoryEntry {
  issueId: number;
  at: string;
  profileId: string;
  by: string;
  role: string;
  event: string;
  from: string;
  to: string;
  reason: string | null;
}

/** Appends one issue-history entry with its link in the chain. */
export async function appendIssueHistory(q: PgQuery, e: HistoryEntry): Promise<void> {
  const row: Record<(typeof HISTORY_COLUMNS)[number], PgValue> = {
    issue_id: e.issueId,
    at: e.at,
    profile_id: e.profileId,
    by_name: e.by,
    role: e.role,
    event: e.event,
    from_state: e.from,
    to_state: e.to,
    reason: e.reason,
  };
  const values = HISTORY_COLUMNS.map((c) => row[c]);
  const chain = rowChecksum([await previousChain(q, 'issue_history'), ...values]);
  await q.run('issue_history.insert', `INSERT INTO issue_history(${HISTORY_COLUMNS.join(', ')}, chain) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [...values, chain]);
}

async function assertPage(q: PgQuery, pageId: number): Promise<void> {
  if (!(await q.one('pages.exists', 'SELECT 1 AS x FROM pages WHERE id = $1', [pageId]))) fail('not-found', `page ${pageId} does not exist`);
}

export function listRevisions(ctx: PgContext, pageId: number): Promise<RevisionEntry[]> {
  return ctx.read(async (q) => {
    await assertPage(q, pageId);
    const rows = await q.all<{ id: number; at: string; actor: string; entity: 'page'; entity_id: number; action: string; page_revision: number | null }>(
      'revisions.ofPage',
      `SELECT id, at, actor, entity, entity_id, action, page_revision FROM revisions WHERE entity = 'page' AND entity_id = $1 ORDER BY id`,
      [pageId],
    );
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, entity: r.entity, entityId: r.entity_id, action: r.action, pageRevision: r.page_revision }));
  });
}

const REVISION_SELECT = `SELECT id, ${REVISION_COLUMNS.join(', ')} FROM revisions`;

export function listRevisionDetails(ctx: PgContext, pageId: number): Promise<RevisionDetail[]> {
  return ctx.read(async (q) => {
    await assertPage(q, pageId);
    return detailsOfPage(q, pageId);
  });
}

/** A page's revisions with their snapshots; an 'edit' revision's pages are replayed from the snapshot before it (core/edit). */
async function detailsOfPage(q: PgQuery, pageId: number): Promise<RevisionDetail[]> {
  const rows = await q.all<RevisionRow>('revisions.detailsOfPage', `${REVISION_SELECT} WHERE entity = 'page' AND entity_id = $1 ORDER BY id`, [pageId]);
  return withEditSnapshots(rows.map(toDetail));
}

export function getRevision(ctx: PgContext, revisionId: number): Promise<RevisionDetail> {
  return ctx.read(async (q) => {
    const r = await q.one<RevisionRow>('revisions.get', `${REVISION_SELECT} WHERE id = $1`, [revisionId]);
    if (!r) fail('not-found', `revision ${revisionId} does not exist`);
    return toDetail(r);
  });
}

/** The page snapshot a revision produced (null: no change made that revision). */
export async function snapshotJsonAt(q: PgQuery, pageId: number, revision: number): Promise<string | null> {
  const entry = await q.one<{ id: number; action: string; after_json: string | null }>(
    'revisions.contentAt',
    `SELECT id, action, after_json FROM revisions WHERE entity = 'page' AND entity_id = $1 AND page_revision = $2
       AND action IN ('import', 'reimport', 'save', 'restore', 'tag', 'edit') ORDER BY id DESC LIMIT 1`,
    [pageId, revision],
  );
  if (!entry || entry.action !== 'edit') return entry?.after_json ?? null;
  // An edit stores ops: the page it produced is replayed from the snapshot before it.
  const replayed = (await detailsOfPage(q, pageId)).find((r) => r.id === entry.id);
  return replayed && replayed.action === 'edit' && 'ops' in replayed ? JSON.stringify(replayed.after) : null;
}
