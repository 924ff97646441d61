import { describe, expect, it } from 'vitest';
import { ACTIONS, ACTION_NAMES, ForbiddenError, ROLES, allowedActions, assertAllowed, isAllowed, type Action, type Profile, type Role } from '../../shared/roles.ts';

const profiles: Record<Role, Profile> = {
  editor: { id: 'p1', name: 'Li Ming', role: 'editor' },
  archivist: { id: 'p2', name: 'Zhou Lan', role: 'archivist' },
  supervisor: { id: 'p3', name: 'Chen Hua', role: 'supervisor' },
};

// Written out by hand, independently of ACTIONS, so a slip in the table shows up here.
const EXPECTED: Record<Action, Role[]> = {
  'page.save': ['editor', 'supervisor'],
  'item.editMetadata': ['editor', 'archivist', 'supervisor'],
  'page.setState': ['editor', 'supervisor'],
  'item.tag': ['archivist', 'supervisor'],
  'vocabulary.edit': ['archivist', 'supervisor'],
  'import.run': ['editor', 'archivist', 'supervisor'],
  'revision.restore': ['editor', 'supervisor'],
  'issue.approve': ['supervisor'],
  'issue.reopen': ['supervisor'],
  'issue.export': ['supervisor'],
  'profile.manage': ['supervisor'],
  'archive.switch': ['supervisor'],
};

describe('ACTIONS', () => {
  it('names exactly the expected actions', () => {
    expect([...ACTION_NAMES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  it('lets a supervisor do everything', () => {
    expect(allowedActions('supervisor')).toEqual(ACTION_NAMES);
  });
  it('keeps approve, reopen, export and profiles to supervisors', () => {
    for (const a of ['issue.approve', 'issue.reopen', 'issue.export', 'profile.manage'] as const) {
      expect(ACTIONS[a].roles).toEqual(['supervisor']);
    }
  });
});

describe.each(ACTION_NAMES.flatMap((action) => ROLES.map((role) => [action, role] as const)))('%s by %s', (action, role) => {
  const allowed = EXPECTED[action].includes(role);
  it(allowed ? 'is allowed' : 'is refused with a ForbiddenError', () => {
    expect(isAllowed(role, action)).toBe(allowed);
    if (allowed) {
      expect(() => assertAllowed(profiles[role], action)).not.toThrow();
    } else {
      let error: unknown;
      try {
        assertAllowed(profiles[role], action);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ForbiddenError);
      const f = error as ForbiddenError;
      expect(f.code).toBe('forbidden');
      expect(f.action).toBe(action);
      expect(f.message).toContain(profiles[role].name);
      expect(f.message).toMatch(/^Only .+ can .+; .+ is an? (editor|archivist|supervisor)\.$/);
    }
  });
});

describe('ForbiddenError messages', () => {
  it('reads naturally for a single role', () => {
    expect(() => assertAllowed(profiles.editor, 'issue.approve')).toThrow(
      'Only a supervisor can approve an issue; Li Ming is an editor.',
    );
  });
  it('lists several roles', () => {
    expect(() => assertAllowed(profiles.archivist, 'page.save')).toThrow(
      'Only an editor or a supervisor can change the text or segmentation of a page; Zhou Lan is an archivist.',
    );
    expect(() => assertAllowed(profiles.editor, 'item.tag')).toThrow(
      'Only an archivist or a supervisor can tag an item; Li Ming is an editor.',
    );
  });
  it('rejects malformed profiles and unknown actions', () => {
    expect(() => assertAllowed({ id: 'x', name: 'X', role: 'admin' } as unknown as Profile, 'page.save')).toThrow();
    expect(() => assertAllowed({ id: '', name: 'X', role: 'editor' }, 'page.save')).toThrow();
    expect(() => assertAllowed(profiles.supervisor, 'page.delete' as Action)).toThrow();
  });
});
