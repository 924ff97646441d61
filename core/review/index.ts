// Public entry of the review core (platform-free: no Node or Electron import).
export {
  issueStateFromPages,
  transition,
  assertIssueEditable,
  stateRefusal,
  isLocked,
  TransitionError,
  issueEventSchema,
  ISSUE_EVENT_TYPES,
  LOCKED_STATES,
} from './issue-state.ts';
export type { IssueEvent, IssueEventType, TransitionContext, TransitionErrorCode } from './issue-state.ts';
export { actionsForPageSave, assertPageSaveAllowed, pageContentSchema } from './page-changes.ts';
export type { PageContent } from './page-changes.ts';
export { applyIssueEvent, issueHistoryEntrySchema } from './history.ts';
export type { IssueHistoryEntry } from './history.ts';
export { ACTIONS, ACTION_NAMES, ROLES, ForbiddenError, assertAllowed, isAllowed, allowedActions, profileSchema } from '../../shared/roles.ts';
export type { Action, Profile, Role } from '../../shared/roles.ts';
