// The library tree, paged (issue 15): publications with per-year counts from two aggregate
// queries (issues by publication, year and state; pages by publication and year through the
// covering index pages(issue_id, state)) — they still read every issue and every page's index
// entry, so the tree's time grows with the archive while its answer does not — and one
// publication-year's issues as one range of the
// index issues(publication_id, date), newest first, with a keyset cursor (date, id) for the rare
// year that holds more than one answer's worth. Nothing here loads every issue.
import type { IssueSummary } from '../../shared/domain.ts';
import type { LibraryCursor, LibraryPublication } from '../../shared/contract/pages.ts';
import { fail, type ArchiveContext } from './context.ts';
import { listPublications, toIssue, type IssueRow } from './issues.ts';
import { assembleTree, yearRange, type PageCountRow, type StateCountRow } from './library-tree-rows.ts';

const ISSUE_COLUMNS = `s.id, s.publication_id, s.date, s.issue_number, s.page_count, s.state,
    (SELECT count(*) FROM pages p WHERE p.issue_id = s.id) AS pages_total,
    (SELECT count(*) FROM pages p WHERE p.issue_id = s.id AND p.state = 'proofed') AS pages_proofed`;

export function libraryTree(ctx: ArchiveContext): LibraryPublication[] {
  // Two statements without a transaction: the archive's calls run one at a time on its thread.
  {
    const states = ctx.db
      .stmt(
        'library.issueStates',
        `SELECT publication_id AS pid, substr(date, 1, 4) AS year, state, count(*) AS n
           FROM issues GROUP BY publication_id, substr(date, 1, 4), state`,
      )
      .all<StateCountRow>();
    const pages = ctx.db
      .stmt(
        'library.pageCounts',
        // Pages counted per issue in one pass over the covering index pages(issue_id, state), then
        // summed per year: about half the time of joining every page to its issue (measured on
        // 29,200 pages), where the planner looked each page up from the issue side.
        `SELECT s.publication_id AS pid, substr(s.date, 1, 4) AS year, sum(c.n) AS pages, sum(c.proofed) AS proofed
           FROM (SELECT issue_id, count(*) AS n, sum(state = 'proofed') AS proofed FROM pages GROUP BY issue_id) c
           JOIN issues s ON s.id = c.issue_id
          GROUP BY s.publication_id, substr(s.date, 1, 4)`,
      )
      .all<PageCountRow>();
    return assembleTree(listPublications(ctx), states, pages);
  }
}

/** One publication-year's issues, newest first (date, then id), after `cursor`, at most `limit`. */
export function listIssuesOfYear(
  ctx: ArchiveContext,
  publicationId: number,
  year: number | null,
  options: { cursor?: LibraryCursor; limit: number },
): { issues: IssueSummary[]; next: LibraryCursor | null } {
  {
    if (!ctx.db.stmt('publications.exists', 'SELECT 1 AS x FROM publications WHERE id = ?').get(publicationId)) {
      fail('not-found', `publication ${publicationId} does not exist`);
    }
    const { cursor, limit } = options;
    let rows: IssueRow[];
    if (year === null) {
      rows = ctx.db
        .stmt(
          'library.issuesUndated',
          `SELECT ${ISSUE_COLUMNS} FROM issues s WHERE s.publication_id = ? AND s.date IS NULL AND s.id < ? ORDER BY s.id DESC LIMIT ?`,
        )
        .all<IssueRow>(publicationId, cursor?.id ?? Number.MAX_SAFE_INTEGER, limit + 1);
    } else {
      const { from, to } = yearRange(year);
      // Without a cursor the keyset starts past the year's last possible date.
      const afterDate = cursor?.date ?? to;
      const afterId = cursor?.id ?? Number.MAX_SAFE_INTEGER;
      rows = ctx.db
        .stmt(
          'library.issuesOfYear',
          `SELECT ${ISSUE_COLUMNS} FROM issues s
            WHERE s.publication_id = ? AND s.date >= ? AND s.date < ? AND (s.date < ? OR (s.date = ? AND s.id < ?))
            ORDER BY s.date DESC, s.id DESC LIMIT ?`,
        )
        .all<IssueRow>(publicationId, from, to, afterDate, afterDate, afterId, limit + 1);
    }
    const more = rows.length > limit;
    const issues = rows.slice(0, limit).map(toIssue);
    const last = issues.at(-1);
    return { issues, next: more && last ? { date: last.date, id: last.id } : null };
  }
}
