// page.edit: typed edit ops (shared/edit-ops.ts). Each op kind needs its own action (core/edit
// actions.ts) from the acting profile; the ops are tried on the page first, so an op that does
// not fit is refused with its reason (edit-text-mismatch, edit-crosses-item…) and the op's place,
// and a stale base revision is a conflict. The archive applies them again inside its transaction.
import { AppError } from '../../../shared/app-error.ts';
import { assertPageFits } from '../service/page-size.ts';
import { assertAllowed, assertIssueEditable } from '../../../core/review/index.ts';
import { actionsForOps, applyOps, EditError } from '../../../core/edit/index.ts';
import type { HandlerGroup, ServiceContext } from '../service/context.ts';

export function pageEditHandlers(ctx: ServiceContext): HandlerGroup<'page.edit'> {
  const { archive, session } = ctx;
  return {
    'page.edit': async (req) => {
      const { profile, actor } = await session.acting();
      // Roles first: a refused role learns nothing about the page.
      for (const action of actionsForOps(req.ops)) assertAllowed(profile, action);
      const page = await archive.getPage(req.pageId);
      if (page.revision !== req.baseRevision) {
        throw new AppError('conflict', 'revision-conflict', `page ${page.id} changed since revision ${req.baseRevision} (it is at revision ${page.revision})`);
      }
      assertIssueEditable((await archive.getIssue(page.issueId)).state);
      let after;
      try {
        after = applyOps(page, req.ops);
      } catch (e) {
        if (e instanceof EditError) throw new AppError('bad-request', e.reason, e.message, { op: e.opIndex });
        throw e;
      }
      assertPageFits(after, (problem) => `The edit makes the page too big: ${problem}.`);
      return archive.editPage(req, actor);
    },
  };
}
