// Host refusals come with English one-line messages and, for 'forbidden' / 'refused', a reason
// code (the Action refused, or the state machine's code); the UI words them by that code in its
// language. Without a known code the older English wording is still recognised, and anything else
// is shown as the host wrote it.
import { ACTIONS, ACTION_NAMES, type Action } from '../shared/roles.ts';
import type { Session } from '../shared/ipc-review.ts';
import type { IssueState } from '../shared/domain.ts';
import { wordHostMessage } from './host-wording.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

const STATE_WORDS = ['imported', 'in-progress', 'proofed', 'approved', 'exported'] as const;

/** The machine-readable part of a host failure (ApiError's code, reason and state). */
export interface HostReasonLike {
  code: string;
  reason?: string | null;
  state?: string | null;
}

const REFUSAL_KEYS: Record<string, string> = {
  'not-proofed': 'issue.notProofed',
  'not-approved': 'issue.notApproved',
  'not-locked': 'issue.notLocked',
  'reason-required': 'issue.reasonHint',
};

const isStateWord = (s: string | null | undefined): s is string => !!s && (STATE_WORDS as readonly string[]).includes(s);

/** "revision:12:3:4" (part:id:pageId:pageRevision, electron/host/failures.ts) in words. */
function damagedWhat(t: T, reason: string): string {
  const [part, id, page, revision] = reason.split(':');
  if (part === 'revision') return page && revision ? t('security.damagedRevision', { revision, page }) : t('security.damagedLogEntry', { id });
  if (part === 'page') return t('security.damagedPage', { page: id });
  return t('security.damagedItem', { id, page });
}

/** A refusal worded by its code, or null when the code is not one the UI knows. */
export function localizeHostReason(t: T, r: HostReasonLike | null | undefined): string | null {
  if (!r) return null;
  if (r.code === 'no-profile') return t('perm.noProfile');
  if (r.code === 'disk-full') return t('security.diskFull');
  if (r.code === 'read-only') return t('security.readOnly');
  if (r.code === 'damaged') return t('security.damaged', { what: damagedWhat(t, r.reason ?? ''), path: r.state ?? '' });
  if (r.code === 'forbidden' && r.reason && (ACTION_NAMES as readonly string[]).includes(r.reason)) return t(`perm.${r.reason}`);
  if (r.code === 'refused' && r.reason) {
    if (r.reason === 'issue-locked') return isStateWord(r.state) ? t('issue.locked', { state: t(`state.${r.state}`) }) : null;
    const key = REFUSAL_KEYS[r.reason];
    if (key) return t(key);
  }
  return null;
}

export function localizeHostMessage(t: T, message: string, reason?: HostReasonLike | null): string {
  const byCode = localizeHostReason(t, reason);
  if (byCode !== null) return byCode;
  const worded = wordHostMessage(t, message);
  if (worded !== null) return worded;
  if (/^Only .* can /.test(message)) {
    const action = ACTION_NAMES.find((a) => message.includes(`can ${ACTIONS[a].does}`));
    if (action) return t(`perm.${action}`);
  }
  if (/^Choose who is working first/.test(message)) return t('perm.noProfile');
  if (/^unknown or expired file handle/.test(message)) return t('security.handleExpired');
  const folder = /^Exports go to the export folder (.+?)(?: or a folder chosen with Choose…)?; other folders are not accepted\.$/.exec(message);
  if (folder) return t('security.exportFolder', { folder: folder[1] });
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
