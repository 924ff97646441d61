// search, tags.addToSearch: full-text search, and tagging every match of a search at once.
import { AppError } from '../../../shared/app-error.ts';
import { assertIssueEditable } from '../../../core/review/index.ts';
import type { HandlerGroup, ServiceContext } from '../service/context.ts';

export function searchHandlers(ctx: ServiceContext): HandlerGroup<'search' | 'tags.addToSearch'> {
  const { archive, session } = ctx;
  return {
    search: ({ query, filters, limit, offset }) => archive.searchPage(query, filters, offset, limit),
    'tags.addToSearch': async ({ query, filters, expected, add, remove }) => {
      const { actor } = await session.may('item.tag');
      const ids = await archive.searchAllIds(query, filters);
      // The user confirmed a count: if the matches changed since, say so instead of tagging a different set.
      if (ids.length !== expected) {
        throw new AppError('conflict', 'search-changed', `The search now matches ${ids.length} items, not ${expected}; search again and confirm.`, {
          now: ids.length,
          was: expected,
        });
      }
      // The look-ups go out together: the worker answers them in order without a round trip each.
      const issueIds = new Set((await Promise.all(ids.map((id) => archive.getItem(id)))).map((ref) => ref.issueId));
      for (const issue of await Promise.all([...issueIds].map((id) => archive.getIssue(id)))) assertIssueEditable(issue.state);
      const result = await archive.changeItemTags(ids, add, remove, actor);
      ctx.changed();
      return { ...result, matched: ids.length };
    },
  };
}
