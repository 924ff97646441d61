// Why an issue control is unavailable, worded in the UI language. The rules themselves are the
// state machine's (core/review: stateRefusal) and the host's answer for the acting profile
// (`who.allowed`); this file only words them, so the renderer keeps no copy of either.
import { stateRefusal, type TransitionError } from '../core/review/issue-state.ts';
import type { IssueState } from '../shared/domain.ts';
import type { Session } from '../shared/ipc-review.ts';
import { deniedKey, localizeHostReason } from './messages.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

/** A state-machine refusal in words (the same wording as the host's refusal of that code). */
export function refusalText(t: T, refusal: TransitionError): string {
  return localizeHostReason(t, { code: 'refused', reason: refusal.code, state: refusal.state ?? null }) ?? refusal.message;
}

/** Why the pages of an issue in `state` cannot change now (approved or exported), or null. */
export function lockedReason(t: T, state: IssueState | null | undefined): string | null {
  if (!state) return null;
  const refusal = stateRefusal(state, 'pages-changed');
  return refusal ? refusalText(t, refusal) : null;
}

export interface IssueActionReasons {
  approve: string | null;
  reopen: string | null;
  export: string | null;
}

/** Why each issue control (approve, reopen, export) is unavailable for `who` on an issue in `state`; null when it is available. */
export function issueActionReasons(t: T, who: Session | null, state: IssueState): IssueActionReasons {
  const reason = (type: 'approve' | 'reopen' | 'export'): string | null => {
    // Permission first, as the host checks it first.
    const denied = deniedKey(who, `issue.${type}`);
    if (denied) return t(denied);
    const refusal = stateRefusal(state, type);
    return refusal ? refusalText(t, refusal) : null;
  };
  return { approve: reason('approve'), reopen: reason('reopen'), export: reason('export') };
}
