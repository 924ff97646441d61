// library.*, page.*, engine.*: reading the library, opening a page, its state, and re-deriving
// items (the preview worker's profile too). Edits arrive as typed ops on page.edit (page-edit.ts).
import { AppError } from '../../../shared/app-error.ts';
import { assertPageSizeFits } from '../service/page-size.ts';
import { JsonAnswer } from '../service/json-answer.ts';
import { pageJson } from '../../archive/page-json.ts';
import type { PageRecord } from '../../../shared/domain.ts';
import { assertIssueEditable } from '../../../core/review/index.ts';
import type { HandlerGroup, ServiceContext } from '../service/context.ts';
import { pageScan } from '../scan-handler.ts';
import { libraryIssues } from './library-issues.ts';

type PageChannel = 'library.tree' | 'library.issues' | 'library.issue' | 'library.pages' | 'page.get' | 'page.scan' | 'page.setState' | 'engine.derive' | 'engine.profile';

export function pageHandlers(ctx: ServiceContext): HandlerGroup<PageChannel> {
  const { archive, session } = ctx;
  return {
    // Per-year counts only; a year's issues are fetched when it is opened (library-issues.ts).
    'library.tree': async () => ({ publications: await archive.libraryTree() }),
    'library.issues': (request) => libraryIssues(archive, request),
    'library.issue': ({ issueId }) => archive.getIssue(issueId),
    'library.pages': ({ issueId }) => archive.listPages(issueId),
    'page.get': async ({ pageId }) => {
      // The SQLite archive serialises the page on its own thread (electron/archive/page-json.ts):
      // 10,000 items cross to this thread as one string, and go out as they came.
      const page = archive.getPageJson ? await archive.getPageJson(pageId) : pageJson(await archive.getPage(pageId));
      // A page stored before the size limit existed: say so instead of sending what cannot be saved.
      assertPageSizeFits(page.textChars, page.itemCount, (problem) => `This page is too big to proof: ${problem}.`);
      return new JsonAnswer<PageRecord>(page.json);
    },
    'page.scan': ({ pageId }) => pageScan(archive, pageId),
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
