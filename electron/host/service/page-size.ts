// The one size limit of a page (shared/page-limits.ts), answered the same way wherever a page
// crosses the service layer: opening one stored before the limit existed, or an edit that would
// grow a page past it. The reason and details let the UI word it in its language.
import { AppError } from '../../../shared/app-error.ts';
import { MAX_PAGE_ITEMS, MAX_PAGE_TEXT_CHARS, pageSizeProblem } from '../../../shared/page-limits.ts';

/** Throws 'page-too-long' or 'page-too-many-items' when the page is over the limit; `sentence` words the English message. */
export function assertPageFits(page: { text: string; items: readonly unknown[] }, sentence: (problem: string) => string): void {
  const problem = pageSizeProblem(page.text.length, page.items.length);
  if (!problem) return;
  const long = page.text.length > MAX_PAGE_TEXT_CHARS;
  throw new AppError(
    'bad-request',
    long ? 'page-too-long' : 'page-too-many-items',
    sentence(problem),
    long ? { chars: page.text.length, max: MAX_PAGE_TEXT_CHARS } : { items: page.items.length, max: MAX_PAGE_ITEMS },
  );
}
