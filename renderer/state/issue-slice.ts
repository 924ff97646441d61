// Review of whole issues (approve, reopen, export, the issue's history and items) and the
// revision history of pages and items with restore. Failures are reported on the error banner;
// an action whose result a dialog shows returns it, or null when it failed.
import type { RevisionView } from '../../shared/ipc-review.ts';
import type { Req, Res } from '../../shared/ipc.ts';
import type { SliceContext } from './slice.ts';

export interface IssueActions {
  approveIssue(issueId: number): Promise<void>;
  /** Reopens an approved or exported issue with the reason; closes the dialog when it worked. */
  reopenIssue(issueId: number, reason: string): Promise<boolean>;
  /** The export folder the host will write to, and whether the user may choose another; null when unknown. */
  exportFolder(): Promise<Res<'export.folder'> | null>;
  /** The host's folder picker (Electron); null when cancelled or failed. */
  chooseExportFolder(): Promise<string | null>;
  exportIssue(request: Req<'issues.export'>): Promise<Res<'issues.export'> | null>;
  issueHistory(issueId: number): Promise<Res<'issues.history'>['history'] | null>;
  issueItems(issueId: number): Promise<Res<'issues.items'> | null>;
  /** Revisions of a page, or of one item when `itemId` is given. */
  loadRevisions(target: { pageId: number; itemId?: number }): Promise<RevisionView[] | null>;
  /** Restores a revision as a new one (unsaved edits are saved first; the open page reloads); the new revision, or null. */
  restoreRevision(revisionId: number): Promise<Res<'history.restore'> | null>;
}

export function createIssueSlice(ctx: SliceContext): IssueActions {
  const { api, get, fail } = ctx;
  /** Runs a call, reporting a failure and answering null. */
  const attempt = async <R>(call: () => Promise<R>): Promise<R | null> => {
    try {
      return await call();
    } catch (e) {
      fail(e);
      return null;
    }
  };
  return {
    async approveIssue(issueId) {
      await attempt(() => api.invoke('issues.approve', { issueId }));
      await get().refreshLibrary();
    },

    async reopenIssue(issueId, reason) {
      const done = await attempt(() => api.invoke('issues.reopen', { issueId, reason: reason.trim() }));
      if (done) get().closeDialog();
      await get().refreshLibrary();
      return done !== null;
    },

    async exportFolder() {
      try {
        return await api.invoke('export.folder', {});
      } catch {
        // The dialog still works with a folder typed by hand.
        return null;
      }
    },

    async chooseExportFolder() {
      return (await attempt(() => api.invoke('export.chooseFolder', {})))?.outDir ?? null;
    },

    async exportIssue(request) {
      const result = await attempt(() => api.invoke('issues.export', request));
      await get().refreshLibrary();
      return result;
    },

    async issueHistory(issueId) {
      return (await attempt(() => api.invoke('issues.history', { issueId })))?.history ?? null;
    },

    issueItems: (issueId) => attempt(() => api.invoke('issues.items', { issueId })),

    async loadRevisions({ pageId, itemId }) {
      const res = await attempt(() => (itemId !== undefined ? api.invoke('history.forItem', { itemId }) : api.invoke('history.forPage', { pageId })));
      return res?.revisions ?? null;
    },

    restoreRevision: (revisionId) =>
      attempt(async () => {
        await get().flushSave();
        const res = await api.invoke('history.restore', { revisionId });
        if (get().session?.pageId === res.pageId) await get().reloadPage();
        return res;
      }),
  };
}
