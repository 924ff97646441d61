// The one page size limit (shared/page-limits.ts) in the workspace: a split on a page that already
// has the most items a page may have is refused at the keystroke, worded in the user's language
// (renderer/messages.ts 'page-too-many-items'). Before, the split was painted and the host's
// engine.derive then refused 10,001 split points, so the change could never be saved.
import { AppError } from '../../shared/app-error.ts';
import { MAX_PAGE_ITEMS, pageSizeProblem } from '../../shared/page-limits.ts';

/** The refusal of a split on a page of `items` items, or null when the page may gain one. */
export function splitRefusal(items: number): AppError | null {
  if (items < MAX_PAGE_ITEMS) return null;
  return new AppError('bad-request', 'page-too-many-items', `The split makes the page too big: ${pageSizeProblem(0, items + 1)}.`, { items: items + 1, max: MAX_PAGE_ITEMS });
}

/** Reports the refusal and resolves, or null when the split may go ahead. */
export function refuseSplit(items: number, fail: (e: unknown) => void): Promise<void> | null {
  const refusal = splitRefusal(items);
  if (!refusal) return null;
  fail(refusal);
  return Promise.resolve();
}
