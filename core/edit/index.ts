// Public entry of the edit core (platform-free): typed edit operations on a page, applied,
// inverted, checked by action. The op types and their zod schema live in shared/edit-ops.ts.
export { applyOp, applyOps, EditError, sameValue, fieldValue, type EditPage } from './apply.ts';
export { invertOps } from './invert.ts';
export { textChangeOps, textChangesOps, type TextChange } from './text-ops.ts';
export { itemChangeOps, newItem, paragraphSplice } from './item-ops.ts';
export { planOps } from './plan-ops.ts';
export { pageDiffOps } from './page-diff.ts';
export { actionForOp, actionsForOps } from './actions.ts';
export { pageAtRevision, withEditSnapshots, SNAPSHOT_ACTIONS, storedEdit, opsOfStored, type EditRevisionRow } from './replay.ts';
