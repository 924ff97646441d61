// history.*: the revisions of a page or an item, and restoring a page as it was after one of them.
import { AppError } from '../../../shared/app-error.ts';
import { assertIssueEditable } from '../../../core/review/index.ts';
import { itemHistory, pageHistory } from '../../../core/review/history-view.ts';
import type { HandlerGroup, ServiceContext } from '../service/context.ts';

/** Revision actions that hold a version of the page's content (the others change state or tags). */
const CONTENT_ACTIONS = new Set(['import', 'reimport', 'save', 'restore', 'tag', 'edit']);

export function historyHandlers(ctx: ServiceContext): HandlerGroup<'history.forPage' | 'history.forItem' | 'history.restore'> {
  const { archive, session } = ctx;
  return {
    'history.forPage': async ({ pageId }) => {
      const page = await archive.getPage(pageId);
      return { revisions: pageHistory(await archive.listRevisionDetails(pageId), page.revision) };
    },
    'history.forItem': async ({ itemId }) => {
      const ref = await archive.getItem(itemId);
      return { revisions: itemHistory(await archive.listRevisionDetails(ref.pageId), itemId, (await archive.getPage(ref.pageId)).revision) };
    },
    'history.restore': async ({ revisionId }) => {
      const { actor } = await session.may('revision.restore');
      const rev = await archive.getRevision(revisionId);
      if (rev.entity !== 'page' || !CONTENT_ACTIONS.has(rev.action) || rev.pageRevision === null) {
        throw new AppError('bad-request', 'not-restorable', `revision ${revisionId} is not a version of a page that can be restored`, { revision: revisionId });
      }
      assertIssueEditable((await archive.getIssue((await archive.getPage(rev.entityId)).issueId)).state);
      const result = await archive.restoreRevision(rev.entityId, rev.pageRevision, actor);
      ctx.changed();
      return { pageId: rev.entityId, revision: result.revision };
    },
  };
}
