// library.*, page.*, engine.derive: reading the library, opening, saving and re-deriving a page.
// A save needs the permissions its difference implies (segmentation, metadata, tags) and an open
// issue; a stale save is refused by the archive as a conflict.
import { AppError } from '../../../shared/app-error.ts';
import { assertPageFits } from '../service/page-size.ts';
import { assertIssueEditable, assertPageSaveAllowed } from '../../../core/review/index.ts';
import type { HandlerGroup, ServiceContext } from '../service/context.ts';
import { pageScan } from '../scan-handler.ts';

type PageChannel = 'library.tree' | 'library.pages' | 'page.get' | 'page.scan' | 'page.save' | 'page.setState' | 'engine.derive' | 'engine.profile';

export function pageHandlers(ctx: ServiceContext): HandlerGroup<PageChannel> {
  const { archive, session } = ctx;
  return {
    'library.tree': async () => ({ publications: await archive.listPublications(), issues: await archive.listIssues() }),
    'library.pages': ({ issueId }) => archive.listPages(issueId),
    'page.get': async ({ pageId }) => {
      const rec = await archive.getPage(pageId);
      // A page stored before the size limit existed: say so instead of sending what cannot be saved.
      assertPageFits(rec, (problem) => `This page is too big to proof: ${problem}.`);
      return rec;
    },
    'page.scan': ({ pageId }) => pageScan(archive, pageId),
    'page.save': async (req) => {
      const { profile, actor } = await session.acting();
      const before = await archive.getPage(req.pageId);
      if (before.revision === req.baseRevision) {
        assertPageSaveAllowed(profile, (await archive.getIssue(before.issueId)).state, before, req);
      }
      return archive.savePage(req, actor);
    },
    'page.setState': async ({ pageId, state }) => {
      const { actor } = await session.may('page.setState');
      assertIssueEditable((await archive.getIssue((await archive.getPage(pageId)).issueId)).state);
      await archive.setPageState(pageId, state, actor);
      ctx.changed();
      return { ok: true as const };
    },
    'engine.derive': async ({ text, starts, kinds, pageId }) => {
      for (let i = 1; i < starts.length; i++) {
        if (starts[i]! <= starts[i - 1]!) throw new AppError('bad-request', 'starts-not-increasing', 'starts must increase');
      }
      if (starts.some((s) => s > text.length)) throw new AppError('bad-request', 'start-beyond-text', 'start beyond the text');
      // The page's publication profile, so the editor's splits are read as the page was segmented.
      const profile = pageId !== undefined ? ((await archive.publicationProfileForPage?.(pageId)) ?? null) : null;
      return { items: ctx.engine.deriveItems(text, starts, kinds, profile) };
    },
    // The same profile engine.derive applies, for the renderer's preview worker.
    'engine.profile': async ({ pageId }) => ({ profile: (await archive.publicationProfileForPage?.(pageId)) ?? null }),
  };
}
