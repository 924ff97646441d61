// The one size limit of a page (shared/page-limits.ts), answered the same way wherever a page
// crosses the service layer: opening one stored before the limit existed, or an edit that would
// grow a page past it. The reason and details let the UI word it in its language.
import { AppError } from '../../../shared/app-error.ts';
import { MAX_PAGE_ITEMS, MAX_PAGE_TEXT_CHARS, pageSizeProblem } from '../../../shared/page-limits.ts';

/** Throws 'page-too-long' or 'page-too-many-items' when the page is over the limit; `sentence` words the English message. */
export function assertPageFits(page: { text: string; items: readonly unknown[] }, sentence: (problem: string) => string): void {
  assertPageSizeFits(page.text.length, page.items.length, sentence);
}

/** assertPageFits on the page's two sizes (page.get has them without the page as objects). */
export function assertPageSizeFits(chars: number, items: number, sentence: (problem: string) => string): void {
  const problem = pageSizeProblem(chars, items);
  if (!problem) return;
  const long = chars > MAX_PAGE_TEXT_CHARS;
  throw new AppError(
    'bad-request',
    long ? 'page-too-long' : 'page-too-many-items',
    sentence(problem),
    long ? { chars, max: MAX_PAGE_TEXT_CHARS } : { items, max: MAX_PAGE_ITEMS },
  );
}
