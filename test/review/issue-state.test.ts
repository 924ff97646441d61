import { describe, expect, it } from 'vitest';
import { ISSUE_STATES, PAGE_STATES, type IssueState, type PageState } from '../../shared/domain.ts';
import { ForbiddenError, ROLES, type Profile, type Role } from '../../shared/roles.ts';
import {
  ISSUE_EVENT_TYPES,
  TransitionError,
  applyIssueEvent,
  assertIssueEditable,
  issueStateFromPages,
  transition,
  type IssueEvent,
} from '../../core/review/index.ts';

const profiles: Record<Role, Profile> = {
  editor: { id: 'e', name: 'Li Ming', role: 'editor' },
  archivist: { id: 'a', name: 'Zhou Lan', role: 'archivist' },
  supervisor: { id: 's', name: 'Chen Hua', role: 'supervisor' },
};

describe('issueStateFromPages', () => {
  it('is imported for no pages or only untouched pages', () => {
    expect(issueStateFromPages([])).toBe('imported');
    expect(issueStateFromPages(['imported', 'imported'])).toBe('imported');
  });
  it('is proofed only when every page is proofed', () => {
    expect(issueStateFromPages(['proofed'])).toBe('proofed');
    expect(issueStateFromPages(['proofed', 'proofed', 'proofed'])).toBe('proofed');
    expect(issueStateFromPages(['proofed', 'imported'])).toBe('in-progress');
  });
  it('is in-progress for every other mix (all sequences up to length 3)', () => {
    const seqs: PageState[][] = [[]];
    for (let n = 0; n < 3; n++) for (const s of [...seqs]) if (s.length === n) for (const p of PAGE_STATES) seqs.push([...s, p]);
    for (const s of seqs) {
      const expected = s.length === 0 || s.every((x) => x === 'imported') ? 'imported' : s.every((x) => x === 'proofed') ? 'proofed' : 'in-progress';
      expect(issueStateFromPages(s)).toBe(expected);
    }
  });
  it('rejects unknown page states', () => {
    expect(() => issueStateFromPages(['done' as PageState])).toThrow();
  });
});

describe('assertIssueEditable', () => {
  it.each(ISSUE_STATES)('%s', (state) => {
    if (state === 'approved' || state === 'exported') {
      expect(() => assertIssueEditable(state)).toThrow(/must reopen it/);
    } else {
      expect(() => assertIssueEditable(state)).not.toThrow();
    }
  });
});

// The whole machine: every state × event × role, against a table written out independently.
type Outcome = IssueState | 'forbidden' | TransitionError['code'];
const PAGES_CASES: Record<string, PageState[]> = { none: [], mixed: ['proofed', 'imported'], allProofed: ['proofed', 'proofed'] };

function expected(state: IssueState, event: IssueEvent, role: Role): Outcome {
  const locked = state === 'approved' || state === 'exported';
  switch (event.type) {
    case 'pages-changed':
      if (locked) return 'issue-locked';
      return event.pageStates.length === 0 ? 'imported' : event.pageStates.every((p) => p === 'proofed') ? 'proofed' : 'in-progress';
    case 'approve':
      if (role !== 'supervisor') return 'forbidden';
      return state === 'proofed' ? 'approved' : locked ? 'issue-locked' : 'not-proofed';
    case 'export':
      if (role !== 'supervisor') return 'forbidden';
      return locked ? 'exported' : 'not-approved';
    case 'reopen':
      if (role !== 'supervisor') return 'forbidden';
      if (!locked) return 'not-locked';
      return event.reason.trim() ? 'in-progress' : 'reason-required';
  }
}

const events: IssueEvent[] = [
  ...Object.values(PAGES_CASES).map((pageStates) => ({ type: 'pages-changed' as const, pageStates })),
  { type: 'approve' },
  { type: 'export' },
  { type: 'reopen', reason: 'Page 3 headline misspelt' },
  { type: 'reopen', reason: '   ' },
];

function outcome(state: IssueState, event: IssueEvent, role: Role): Outcome {
  try {
    return transition(state, event, profiles[role]);
  } catch (e) {
    if (e instanceof ForbiddenError) return 'forbidden';
    if (e instanceof TransitionError) return e.code;
    throw e;
  }
}

describe('transition', () => {
  it('covers every event type', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(ISSUE_EVENT_TYPES));
  });
  for (const state of ISSUE_STATES) {
    for (const event of events) {
      for (const role of ROLES) {
        const want = expected(state, event, role);
        it(`${state} + ${JSON.stringify(event)} by ${role} → ${want}`, () => {
          expect(outcome(state, event, role)).toBe(want);
        });
      }
    }
  }

  it('walks the happy path imported → in-progress → proofed → approved → exported → reopened', () => {
    const sup = profiles.supervisor;
    let s: IssueState = 'imported';
    s = transition(s, { type: 'pages-changed', pageStates: ['in-progress', 'imported'] }, profiles.editor);
    expect(s).toBe('in-progress');
    s = transition(s, { type: 'pages-changed', pageStates: ['proofed', 'proofed'] }, profiles.editor);
    expect(s).toBe('proofed');
    s = transition(s, { type: 'approve' }, sup, { pageStates: ['proofed', 'proofed'] });
    expect(s).toBe('approved');
    expect(() => transition(s, { type: 'pages-changed', pageStates: ['in-progress', 'proofed'] }, profiles.editor)).toThrow(/approved/);
    s = transition(s, { type: 'export' }, sup);
    expect(s).toBe('exported');
    s = transition(s, { type: 'export' }, sup);
    expect(s).toBe('exported');
    s = transition(s, { type: 'reopen', reason: 'reader letter: wrong byline' }, sup);
    expect(s).toBe('in-progress');
  });

  it('re-checks the page states on approve', () => {
    expect(() => transition('proofed', { type: 'approve' }, profiles.supervisor, { pageStates: ['proofed', 'in-progress'] })).toThrow(
      /not every page is proofed/,
    );
  });

  it('says who may approve before saying the issue is not ready', () => {
    expect(() => transition('in-progress', { type: 'approve' }, profiles.editor)).toThrow(
      'Only a supervisor can approve an issue; Li Ming is an editor.',
    );
  });

  it('rejects malformed events', () => {
    expect(() => transition('proofed', { type: 'publish' } as unknown as IssueEvent, profiles.supervisor)).toThrow();
    expect(() => transition('approved', { type: 'reopen' } as unknown as IssueEvent, profiles.supervisor)).toThrow();
  });
});

describe('applyIssueEvent', () => {
  it('returns the new state with the history row', () => {
    const r = applyIssueEvent('exported', { type: 'reopen', reason: '  wrong date on page 2 ' }, profiles.supervisor, '2024-05-01T10:00:00Z');
    expect(r.state).toBe('in-progress');
    expect(r.entry).toEqual({
      at: '2024-05-01T10:00:00Z',
      profileId: 's',
      by: 'Chen Hua',
      role: 'supervisor',
      event: 'reopen',
      from: 'exported',
      to: 'in-progress',
      reason: 'wrong date on page 2',
    });
  });
  it('writes nothing when the transition is refused', () => {
    expect(() => applyIssueEvent('proofed', { type: 'approve' }, profiles.archivist, 'now')).toThrow(ForbiddenError);
  });
});
