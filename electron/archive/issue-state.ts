// Issue state: imported → in progress → proofed follow the pages; approve, reopen and export are
// events through the state machine of core/review, each written to issue_history and the
// revision log. An approved or exported issue refuses changes to its pages.
import type { IssueState } from '../../shared/domain.ts';
import type { IssueHistoryRow } from '../../shared/ipc-review.ts';
import type { Profile, Role } from '../../shared/roles.ts';
import { applyIssueEvent, assertIssueEditable, isLocked, issueStateFromPages, type IssueEvent } from '../../core/review/index.ts';
import type { Actor } from './archive-api.ts';
import { fail, type ArchiveContext } from './context.ts';
import { logRevision } from './revisions.ts';

/** The profile an actor stands for; a bare name (importer, CLI import) acts as an editor. */
export function profileOfActor(actor: Actor): Profile {
  return { id: actor.profileId ?? `user:${actor.name}`, name: actor.name, role: actor.role ?? 'editor' };
}

export function issueState(ctx: ArchiveContext, issueId: number): IssueState {
  const row = ctx.db.stmt('issues.state', 'SELECT state FROM issues WHERE id = ?').get<{ state: IssueState }>(issueId);
  if (!row) fail('not-found', `issue ${issueId} does not exist`);
  return row.state;
}

function pageStates(ctx: ArchiveContext, issueId: number) {
  return ctx.db
    .stmt('pages.statesOfIssue', 'SELECT state FROM pages WHERE issue_id = ? ORDER BY id')
    .all<{ state: 'imported' | 'in-progress' | 'proofed' }>(issueId)
    .map((r) => r.state);
}

function writeIssueState(ctx: ArchiveContext, issueId: number, entryActor: Actor, entry: ReturnType<typeof applyIssueEvent>['entry']): void {
  ctx.db.stmt('issues.setState', 'UPDATE issues SET state = ? WHERE id = ?').run(entry.to, issueId);
  ctx.db
    .stmt(
      'issue_history.insert',
      `INSERT INTO issue_history(issue_id, at, profile_id, by_name, role, event, from_state, to_state, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(issueId, entry.at, entry.profileId, entry.by, entry.role, entry.event, entry.from, entry.to, entry.reason);
  logRevision(ctx, entryActor, 'issue', issueId, entry.event === 'pages-changed' ? 'state' : entry.event, null, { state: entry.from }, {
    state: entry.to,
    ...(entry.reason ? { reason: entry.reason } : {}),
  });
}

/** Refuses changes to the pages of an approved or exported issue (TransitionError). */
export function assertEditable(ctx: ArchiveContext, issueId: number): void {
  assertIssueEditable(issueState(ctx, issueId));
}

export function isIssueLocked(ctx: ArchiveContext, issueId: number): boolean {
  return isLocked(issueState(ctx, issueId));
}

/** After page states changed: imported / in-progress / proofed follow the pages (never past a lock). */
export function recomputeIssue(ctx: ArchiveContext, issueId: number, actor: Actor): void {
  const state = issueState(ctx, issueId);
  if (isLocked(state)) return;
  const states = pageStates(ctx, issueId);
  if (issueStateFromPages(states) === state) return;
  const { entry } = applyIssueEvent(state, { type: 'pages-changed', pageStates: states }, profileOfActor(actor), ctx.now());
  writeIssueState(ctx, issueId, actor, entry);
}

/** Approve, reopen or record an export (the caller holds the transaction). */
export function applyEvent(ctx: ArchiveContext, issueId: number, event: Exclude<IssueEvent, { type: 'pages-changed' }>, actor: Actor): void {
  const state = issueState(ctx, issueId);
  const { entry } = applyIssueEvent(state, event, profileOfActor(actor), ctx.now(), { pageStates: pageStates(ctx, issueId) });
  writeIssueState(ctx, issueId, actor, entry);
}

export function listIssueHistory(ctx: ArchiveContext, issueId: number): IssueHistoryRow[] {
  issueState(ctx, issueId);
  return ctx.db
    .stmt('issue_history.ofIssue', 'SELECT * FROM issue_history WHERE issue_id = ? ORDER BY id')
    .all<{ at: string; profile_id: string; by_name: string; role: Role; event: IssueHistoryRow['event']; from_state: IssueState; to_state: IssueState; reason: string | null }>(issueId)
    .map((r) => ({ at: r.at, profileId: r.profile_id, by: r.by_name, role: r.role, event: r.event, from: r.from_state, to: r.to_state, reason: r.reason }));
}
