// The issue's review state machine, as pure functions the archive calls around every change.
//
//   imported ──(pages change)──▶ in-progress ──(all pages proofed)──▶ proofed
//      ▲  (pages-changed recomputes among these three from the page states)  │
//                                                          approve (supervisor)
//                                                                             ▼
//   in-progress ◀──reopen (supervisor, reason)── approved ──export (supervisor)──▶ exported
//                ◀──reopen (supervisor, reason)──────────────────────────────────┘
//
// imported/in-progress/proofed follow from the pages; approved/exported are decisions a
// supervisor made, so they are stored and no page change may undo them without a reopen.
import { z } from 'zod';
import { pageStateSchema, type IssueState, type PageState } from '../../shared/domain.ts';
import { assertAllowed, profileSchema, type Action, type Profile } from '../../shared/roles.ts';

export const issueEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pages-changed'), pageStates: z.array(pageStateSchema) }),
  z.object({ type: z.literal('approve') }),
  z.object({ type: z.literal('export') }),
  z.object({ type: z.literal('reopen'), reason: z.string() }),
]);
export type IssueEvent = z.infer<typeof issueEventSchema>;
export type IssueEventType = IssueEvent['type'];
export const ISSUE_EVENT_TYPES = ['pages-changed', 'approve', 'export', 'reopen'] as const satisfies readonly IssueEventType[];

export const transitionContextSchema = z.object({
  /** The issue's page states now; approve re-checks them so a stale issue state cannot be approved. */
  pageStates: z.array(pageStateSchema).optional(),
});
export type TransitionContext = z.infer<typeof transitionContextSchema>;

/** States a supervisor has signed off; the issue is frozen in them. */
export const LOCKED_STATES = ['approved', 'exported'] as const satisfies readonly IssueState[];
export const isLocked = (state: IssueState): boolean => (LOCKED_STATES as readonly IssueState[]).includes(state);

/** The permission each issue event needs; page changes were already checked page by page. */
const EVENT_ACTION: Record<IssueEventType, Action | null> = {
  'pages-changed': null,
  approve: 'issue.approve',
  export: 'issue.export',
  reopen: 'issue.reopen',
};

export type TransitionErrorCode = 'issue-locked' | 'not-proofed' | 'not-approved' | 'not-locked' | 'reason-required';

/** A transition the state machine does not allow; the message says why in one line. */
export class TransitionError extends Error {
  constructor(
    readonly code: TransitionErrorCode,
    message: string,
    /** The issue's state when known (the UI words 'issue-locked' with it). */
    readonly state?: IssueState,
  ) {
    super(message);
    this.name = 'TransitionError';
  }
}

/** The state the pages alone imply: all untouched → imported, all proofed → proofed, else in-progress. */
export function issueStateFromPages(pageStates: readonly PageState[]): 'imported' | 'in-progress' | 'proofed' {
  const states = z.array(pageStateSchema).parse(pageStates);
  // An issue with no pages has nothing proofed; it stays where an import leaves it.
  if (states.length === 0 || states.every((s) => s === 'imported')) return 'imported';
  if (states.every((s) => s === 'proofed')) return 'proofed';
  return 'in-progress';
}

/**
 * The state machine's answer to an event of `type` in `state`, before the event's own details (a
 * reopen's reason, the page states an approval re-checks) and before permissions: null when the
 * state allows it. One home for these rules: `transition` throws what this returns, and the
 * renderer words the same answer to grey out a control before the user tries.
 */
export function stateRefusal(state: IssueState, type: IssueEventType): TransitionError | null {
  switch (type) {
    case 'pages-changed':
      return isLocked(state)
        ? new TransitionError('issue-locked', `This issue is ${state}; a supervisor must reopen it before its pages can be changed.`, state)
        : null;
    case 'approve':
      if (state === 'proofed') return null;
      return isLocked(state)
        ? new TransitionError('issue-locked', `This issue is already ${state}.`, state)
        : new TransitionError('not-proofed', `Only a proofed issue can be approved; this one is ${state}.`, state);
    case 'export':
      // Re-exporting (a lost file, another format) keeps the issue exported.
      return isLocked(state) ? null : new TransitionError('not-approved', `Only an approved issue can be exported; this one is ${state}.`, state);
    case 'reopen':
      return isLocked(state) ? null : new TransitionError('not-locked', `Only an approved or exported issue can be reopened; this one is ${state}.`, state);
  }
}

/** Refuses any change to the pages or items of an approved or exported issue. */
export function assertIssueEditable(state: IssueState): void {
  const refusal = stateRefusal(state, 'pages-changed');
  if (refusal) throw refusal;
}

/** The next issue state after `event`, or a ForbiddenError / TransitionError saying why not. */
export function transition(state: IssueState, event: IssueEvent, profile: Profile, ctx: TransitionContext = {}): IssueState {
  const e = issueEventSchema.parse(event);
  const c = transitionContextSchema.parse(ctx);
  const p = profileSchema.parse(profile);
  // Permission first: telling an editor "not proofed yet" would suggest they could approve later.
  const action = EVENT_ACTION[e.type];
  if (action) assertAllowed(p, action);

  const refusal = stateRefusal(state, e.type);
  if (refusal) throw refusal;
  switch (e.type) {
    case 'pages-changed':
      return issueStateFromPages(e.pageStates);
    case 'approve':
      if (c.pageStates && issueStateFromPages(c.pageStates) !== 'proofed') {
        throw new TransitionError('not-proofed', 'Only a proofed issue can be approved; not every page is proofed.');
      }
      return 'approved';
    case 'export':
      return 'exported';
    case 'reopen':
      // The reason goes into the history: a reopen without one leaves the next reader guessing.
      if (!e.reason.trim()) throw new TransitionError('reason-required', 'Reopening an issue needs a reason.', state);
      return 'in-progress';
  }
}
