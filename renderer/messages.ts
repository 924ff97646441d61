// Host refusals come with English one-line messages; the ones the UI knows are shown in the UI
// language (by their permission or state-machine meaning), anything else as the host wrote it.
import { ACTIONS, ACTION_NAMES, type Action } from '../shared/roles.ts';
import type { Session } from '../shared/ipc-review.ts';
import type { IssueState } from '../shared/domain.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

const STATE_WORDS = ['imported', 'in-progress', 'proofed', 'approved', 'exported'] as const;

export function localizeHostMessage(t: T, message: string): string {
  if (/^Only .* can /.test(message)) {
    const action = ACTION_NAMES.find((a) => message.includes(`can ${ACTIONS[a].does}`));
    if (action) return t(`perm.${action}`);
  }
  if (/^Choose who is working first/.test(message)) return t('perm.noProfile');
  if (/^Only a proofed issue can be approved/.test(message)) return t('issue.notProofed');
  if (/^Only an approved issue can be exported/.test(message)) return t('issue.notApproved');
  if (/^Only an approved or exported issue can be reopened/.test(message)) return t('issue.notLocked');
  if (/^Reopening an issue needs a reason/.test(message)) return t('issue.reasonHint');
  const locked = /^This issue is (?:already )?([a-z-]+)[;.]/.exec(message);
  if (locked && (STATE_WORDS as readonly string[]).includes(locked[1]!)) return t('issue.locked', { state: t(`state.${locked[1]}`) });
  return message;
}

/** Why the acting profile may not do `action` (an i18n key), or null when it may. */
export function deniedKey(who: Session | null, action: Action): string | null {
  if (!who) return 'perm.noProfile';
  if (who.allowed.includes(action)) return null;
  return who.profile ? `perm.${action}` : 'perm.noProfile';
}

export const isLockedState = (state: IssueState): boolean => state === 'approved' || state === 'exported';
