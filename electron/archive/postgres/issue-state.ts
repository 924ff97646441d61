// Issue state on PostgreSQL: imported → in progress → proofed follow the pages; approve, reopen
// and export go through the state machine of core/review (the same as SQLite's issue-state.ts),
// each written to issue_history and the revision log. Every writer locks the issue row
// (FOR UPDATE) before it reads the state, so an approval and a page change of the same issue
// never interleave across processes: the later one sees what the earlier one committed.
import type { IssueState } from '../../../shared/domain.ts';
import type { IssueHistoryRow } from '../../../shared/ipc-review.ts';
import type { Role } from '../../../shared/roles.ts';
import { applyIssueEvent, assertIssueEditable, isLocked, issueStateFromPages, type IssueEvent } from '../../../core/review/index.ts';
import type { Actor } from '../archive-api.ts';
import { fail } from '../context.ts';
import { profileOfActor } from '../issue-state.ts';
import { isRowId, type PgContext, type PgQuery } from './context.ts';
import { appendIssueHistory, logRevision } from './revisions.ts';

/** The issue's state; `lock`: the row is locked FOR UPDATE to the end of the transaction. */
export async function issueState(q: PgQuery, issueId: number, lock = false): Promise<IssueState> {
  const row = isRowId(issueId)
    ? await q.one<{ state: IssueState }>(lock ? 'issues.stateForUpdate' : 'issues.state', `SELECT state FROM issues WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [issueId])
    : undefined;
  if (!row) fail('not-found', `issue ${issueId} does not exist`);
  return row.state;
}

async function pageStates(q: PgQuery, issueId: number) {
  const rows = await q.all<{ state: 'imported' | 'in-progress' | 'proofed' }>('pages.statesOfIssue', 'SELECT state FROM pages WHERE issue_id = $1 ORDER BY id', [issueId]);
  return rows.map((r) => r.state);
}

async function writeIssueState(ctx: PgContext, q: PgQuery, issueId: number, entryActor: Actor, entry: ReturnType<typeof applyIssueEvent>['entry']): Promise<void> {
  await q.run('issues.setState', 'UPDATE issues SET state = $1 WHERE id = $2', [entry.to, issueId]);
  await appendIssueHistory(q, {
    issueId,
    at: entry.at,
    profileId: entry.profileId,
    by: entry.by,
    role: entry.role,
    event: entry.event,
    from: entry.from,
    to: entry.to,
    reason: entry.reason,
  });
  await logRevision(ctx, q, entryActor, 'issue', issueId, entry.event === 'pages-changed' ? 'state' : entry.event, null, { state: entry.from }, {
    state: entry.to,
    ...(entry.reason ? { reason: entry.reason } : {}),
  });
}

/**
 * Locks the issue for a change to its pages and refuses it when the issue is approved or exported
 * (TransitionError); check=false only locks and returns the state (a save that may be a no-op decides itself).
 */
export async function lockEditable(q: PgQuery, issueId: number, check = true): Promise<IssueState> {
  const state = await issueState(q, issueId, true);
  if (check) assertIssueEditable(state);
  return state;
}

/** After page states changed: imported / in-progress / proofed follow the pages (never past a lock). */
export async function recomputeIssue(ctx: PgContext, q: PgQuery, issueId: number, actor: Actor): Promise<void> {
  const state = await issueState(q, issueId, true);
  if (isLocked(state)) return;
  const states = await pageStates(q, issueId);
  if (issueStateFromPages(states) === state) return;
  const { entry } = applyIssueEvent(state, { type: 'pages-changed', pageStates: states }, profileOfActor(actor), ctx.now());
  await writeIssueState(ctx, q, issueId, actor, entry);
}

/** Approve, reopen or record an export (the caller holds the transaction). */
export async function applyEvent(ctx: PgContext, q: PgQuery, issueId: number, event: Exclude<IssueEvent, { type: 'pages-changed' }>, actor: Actor): Promise<void> {
  const state = await issueState(q, issueId, true);
  const { entry } = applyIssueEvent(state, event, profileOfActor(actor), ctx.now(), { pageStates: await pageStates(q, issueId) });
  await writeIssueState(ctx, q, issueId, actor, entry);
}

export function listIssueHistory(ctx: PgContext, issueId: number): Promise<IssueHistoryRow[]> {
  return ctx.read(async (q) => {
    await issueState(q, issueId);
    const rows = await q.all<{ at: string; profile_id: string; by_name: string; role: Role; event: IssueHistoryRow['event']; from_state: IssueState; to_state: IssueState; reason: string | null }>(
      'issue_history.ofIssue',
      'SELECT at, profile_id, by_name, role, event, from_state, to_state, reason FROM issue_history WHERE issue_id = $1 ORDER BY id',
      [issueId],
    );
    return rows.map((r) => ({ at: r.at, profileId: r.profile_id, by: r.by_name, role: r.role, event: r.event, from: r.from_state, to: r.to_state, reason: r.reason }));
  });
}
