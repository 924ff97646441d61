// library.issues: one publication-year's issues, checked before the archive is asked. The
// contract takes any integers; the year range, the limit and a cursor that belongs to another
// year are refused here with a reason the UI words in its language (shared/i18n-errors.ts).
import { AppError } from '../../../shared/app-error.ts';
import { LIBRARY_ISSUES_MAX, LIBRARY_YEAR_MAX, LIBRARY_YEAR_MIN, type LibraryCursor } from '../../../shared/contract/pages.ts';
import type { IssueSummary } from '../../../shared/domain.ts';
import type { AnyArchive } from '../../archive/async-archive.ts';
import { yearRange } from '../../archive/library-tree-rows.ts';

export interface LibraryIssuesRequest {
  publicationId: number;
  year: number | null;
  cursor?: LibraryCursor;
  limit?: number;
}

export async function libraryIssues(
  archive: Pick<AnyArchive, 'listIssuesOfYear'>,
  { publicationId, year, cursor, limit = LIBRARY_ISSUES_MAX }: LibraryIssuesRequest,
): Promise<{ issues: IssueSummary[]; next: LibraryCursor | null }> {
  if (year !== null && (year < LIBRARY_YEAR_MIN || year > LIBRARY_YEAR_MAX)) {
    throw new AppError('bad-request', 'library-year', `year ${year} is outside ${LIBRARY_YEAR_MIN}–${LIBRARY_YEAR_MAX}`, {
      // Years as text: the UI writes numbers with thousands separators (renderer/messages.ts).
      year: String(year),
      min: String(LIBRARY_YEAR_MIN),
      max: String(LIBRARY_YEAR_MAX),
    });
  }
  if (limit < 1 || limit > LIBRARY_ISSUES_MAX) {
    throw new AppError('bad-request', 'library-limit', `limit ${limit} is outside 1–${LIBRARY_ISSUES_MAX}`, { limit, max: LIBRARY_ISSUES_MAX });
  }
  if (cursor && !cursorInYear(cursor, year)) {
    throw new AppError('bad-request', 'library-cursor', 'the cursor does not belong to the year asked for', { year: year === null ? '' : String(year) });
  }
  return archive.listIssuesOfYear(publicationId, year, { ...(cursor ? { cursor } : {}), limit });
}

/** A cursor continues the year it came from: an undated cursor for the undated issues, else a date of that year. */
function cursorInYear(cursor: LibraryCursor, year: number | null): boolean {
  if (year === null) return cursor.date === null;
  if (cursor.date === null || !/^\d{4}-\d{2}-\d{2}$/.test(cursor.date)) return false;
  const { from, to } = yearRange(year);
  return cursor.date >= from && cursor.date < to;
}
