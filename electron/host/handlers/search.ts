// search, tags.addToSearch: full-text search, and tagging every match of a search at once.
import { AppError } from '../../../shared/app-error.ts';
import { assertIssueEditable } from '../../../core/review/index.ts';
import type { HandlerGroup, ServiceContext } from '../service/context.ts';

export function searchHandlers(ctx: ServiceContext): HandlerGroup<'search' | 'tags.addToSearch'> {
  const { archive, session } = ctx;
  return {
    search: ({ query, filters, limit, offset }) => archive.searchPage(query, filters, offset, limit),
    'tags.addToSearch': ({ query, filters, expected, add, remove }) => {
      const { actor } = session.may('item.tag');
      const ids = archive.searchAllIds(query, filters);
      // The user confirmed a count: if the matches changed since, say so instead of tagging a different set.
      if (ids.length !== expected) {
        throw new AppError('conflict', 'search-changed', `The search now matches ${ids.length} items, not ${expected}; search again and confirm.`, {
          now: ids.length,
          was: expected,
        });
      }
      for (const issueId of new Set(ids.map((id) => archive.getItem(id).issueId))) assertIssueEditable(archive.getIssue(issueId).state);
      const result = archive.changeItemTags(ids, add, remove, actor);
      ctx.changed();
      return { ...result, matched: ids.length };
    },
  };
}
