// Issue-level history: who approved, reopened or exported an issue, when and why. The archive
// stores these rows next to its page revision log; the export carries them as approvals.
import { z } from 'zod';
import { issueStateSchema, type IssueState } from '../../shared/domain.ts';
import { profileSchema, roleSchema, type Profile } from '../../shared/roles.ts';
import { transition, type IssueEvent, type TransitionContext } from './issue-state.ts';

export const issueHistoryEntrySchema = z.object({
  at: z.string().min(1),
  profileId: z.string().min(1),
  by: z.string().min(1),
  role: roleSchema,
  event: z.enum(['pages-changed', 'approve', 'export', 'reopen']),
  from: issueStateSchema,
  to: issueStateSchema,
  reason: z.string().nullable(),
});
export type IssueHistoryEntry = z.infer<typeof issueHistoryEntrySchema>;

/**
 * Runs `transition` and returns the new state with the history row to store, so the caller
 * cannot change the state without also writing who did it. `at` is passed in to keep this pure.
 */
export function applyIssueEvent(
  state: IssueState,
  event: IssueEvent,
  profile: Profile,
  at: string,
  ctx: TransitionContext = {},
): { state: IssueState; entry: IssueHistoryEntry } {
  const next = transition(state, event, profile, ctx);
  const p = profileSchema.parse(profile);
  const entry = issueHistoryEntrySchema.parse({
    at,
    profileId: p.id,
    by: p.name,
    role: p.role,
    event: event.type,
    from: state,
    to: next,
    reason: event.type === 'reopen' ? event.reason.trim() : null,
  });
  return { state: next, entry };
}
