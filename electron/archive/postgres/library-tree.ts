// The library tree, paged, on PostgreSQL: the SQLite archive's library-tree.ts in one snapshot
// (both aggregates and the publications read together), the same rows and the same order.
import type { IssueSummary } from '../../../shared/domain.ts';
import type { LibraryCursor, LibraryPublication } from '../../../shared/contract/pages.ts';
import { fail } from '../context.ts';
import { toIssue, type IssueRow } from '../issues.ts';
import { assembleTree, yearRange, type PageCountRow, type StateCountRow } from '../library-tree-rows.ts';
import { isRowId, type PgContext } from './context.ts';

const ISSUE_COLUMNS = `s.id, s.publication_id, s.date, s.issue_number, s.page_count, s.state,
    (SELECT count(*)::int FROM pages p WHERE p.issue_id = s.id) AS pages_total,
    (SELECT count(*)::int FROM pages p WHERE p.issue_id = s.id AND p.state = 'proofed') AS pages_proofed`;

export function libraryTree(ctx: PgContext): Promise<LibraryPublication[]> {
  return ctx.read(async (q) => {
    const publications = (
      await q.all<{ id: number; title: string; title_latin: string | null; serial: string | null }>(
        'publications.list',
        'SELECT id, title, title_latin, serial FROM publications ORDER BY title',
      )
    ).map((r) => ({ id: r.id, title: r.title, titleLatin: r.title_latin, serial: r.serial }));
    const states = await q.all<StateCountRow>(
      'library.issueStates',
      `SELECT publication_id AS pid, substr(date, 1, 4) AS year, state, count(*)::int AS n
         FROM issues GROUP BY publication_id, substr(date, 1, 4), state`,
    );
    const pages = await q.all<PageCountRow>(
      'library.pageCounts',
      `SELECT s.publication_id AS pid, substr(s.date, 1, 4) AS year, count(*)::int AS pages, count(*) FILTER (WHERE p.state = 'proofed')::int AS proofed
         FROM pages p JOIN issues s ON s.id = p.issue_id GROUP BY s.publication_id, substr(s.date, 1, 4)`,
    );
    return assembleTree(publications, states, pages);
  });
}

/** One publication-year's issues, newest first (date, then id), after `cursor`, at most `limit`. */
export function listIssuesOfYear(
  ctx: PgContext,
  publicationId: number,
  year: number | null,
  options: { cursor?: LibraryCursor; limit: number },
): Promise<{ issues: IssueSummary[]; next: LibraryCursor | null }> {
  return ctx.read(async (q) => {
    if (!isRowId(publicationId) || !(await q.one('publications.exists', 'SELECT 1 AS x FROM publications WHERE id = $1', [publicationId]))) {
      fail('not-found', `publication ${publicationId} does not exist`);
    }
    const { cursor, limit } = options;
    const afterId = cursor && isRowId(cursor.id) ? cursor.id : 0x7fff_ffff;
    let rows: IssueRow[];
    if (year === null) {
      rows = await q.all<IssueRow>(
        'library.issuesUndated',
        `SELECT ${ISSUE_COLUMNS} FROM issues s WHERE s.publication_id = $1 AND s.date IS NULL AND s.id < $2 ORDER BY s.id DESC LIMIT $3`,
        [publicationId, afterId, limit + 1],
      );
    } else {
      const { from, to } = yearRange(year);
      const afterDate = cursor?.date ?? to;
      rows = await q.all<IssueRow>(
        'library.issuesOfYear',
        `SELECT ${ISSUE_COLUMNS} FROM issues s
          WHERE s.publication_id = $1 AND s.date >= $2 AND s.date < $3 AND (s.date < $4 OR (s.date = $4 AND s.id < $5))
          ORDER BY s.date DESC, s.id DESC LIMIT $6`,
        [publicationId, from, to, afterDate, afterId, limit + 1],
      );
    }
    const more = rows.length > limit;
    const issues = rows.slice(0, limit).map(toIssue);
    const last = issues.at(-1);
    return { issues, next: more && last ? { date: last.date, id: last.id } : null };
  });
}
