// The renderer greys out issue controls by the state machine itself (core/review): for every
// role and issue state, a control is available exactly when `transition` would accept the event,
// and a refused one is worded in the UI language, never with the host's English.
import { describe, expect, it } from 'vitest';
import { tIn } from '../support/i18n.ts';
import { ISSUE_STATES, type IssueState } from '../../shared/domain.ts';
import { STRINGS } from '../../shared/i18n.ts';
import { ROLES, allowedActions, type Profile, type Role } from '../../shared/roles.ts';
import type { Session } from '../../shared/ipc-review.ts';
import { transition } from '../../core/review/index.ts';
import { issueActionReasons, lockedReason } from '../../renderer/review-reasons.ts';

const profileOf = (role: Role): Profile => ({ id: `p-${role}`, name: role, role });
const sessionOf = (role: Role): Session => ({ profile: profileOf(role), profiles: [profileOf(role)], allowed: allowedActions(role), bootstrap: false });

function accepted(state: IssueState, type: 'approve' | 'reopen' | 'export', role: Role): boolean {
  const event = type === 'reopen' ? { type, reason: 'a reason' } : { type };
  try {
    transition(state, event, profileOf(role), type === 'approve' ? { pageStates: ['proofed'] } : {});
    return true;
  } catch {
    return false;
  }
}

describe('issue control reasons follow the state machine', () => {
  it('offers a control exactly when transition accepts it, for every role and state', () => {
    for (const role of ROLES) {
      for (const state of ISSUE_STATES) {
        const reasons = issueActionReasons(tIn('en'), sessionOf(role), state);
        for (const type of ['approve', 'reopen', 'export'] as const) {
          expect(reasons[type] === null, `${role} ${type} on ${state}`).toBe(accepted(state, type, role));
        }
      }
    }
  });

  it('words refusals in Chinese from the tables, permission first', () => {
    const zh = tIn('zh-CN');
    const supervisor = issueActionReasons(zh, sessionOf('supervisor'), 'in-progress');
    expect(supervisor.approve).toBe(STRINGS['zh-CN'].issue.notProofed);
    expect(supervisor.export).toBe(STRINGS['zh-CN'].issue.notApproved);
    const editor = issueActionReasons(zh, sessionOf('editor'), 'proofed');
    expect(editor.approve).toBe(zh('perm.issue.approve'));
    const nobody = issueActionReasons(zh, null, 'proofed');
    expect(nobody.approve).toBe(zh('perm.noProfile'));
    for (const text of [supervisor.approve, supervisor.export, editor.approve]) expect(text).not.toMatch(/[A-Za-z]/);
  });

  it('says an approved or exported issue is locked, and nothing for open ones', () => {
    expect(lockedReason(tIn('en'), 'approved')).toBe(tIn('en')('issue.locked', { state: tIn('en')('state.approved') }));
    expect(lockedReason(tIn('zh-CN'), 'exported')).toContain(tIn('zh-CN')('state.exported'));
    for (const state of ['imported', 'in-progress', 'proofed'] as const) expect(lockedReason(tIn('en'), state)).toBeNull();
    expect(lockedReason(tIn('en'), null)).toBeNull();
  });
});
