// The library's rows (renderer/model/library-rows.ts): publication → year → month → issue → pages,
// newest first; a big publication opens on its newest month only, a small one fully; the groups of
// the page being proofed are always open; keyboard moves skip the issue's action row. Years come
// from the tree with their counts; an open year not fetched yet shows a loading row, a failed one
// an error row (issue 15).
import { describe, expect, it } from 'vitest';
import { issueYear, libraryRows, monthKey, nextFocusable, SMALL_PUBLICATION, yearKey, type LibraryRowsInput, type YearLoad } from '../../renderer/model/library-rows.ts';
import type { IssueSummary, PageSummary } from '../../shared/domain.ts';
import type { LibraryPublication, LibraryYear } from '../../shared/contract/pages.ts';

const issue = (id: number, date: string | null, publicationId = 1): IssueSummary => ({
  id, publicationId, date, issueNumber: null, pageCount: null, state: 'imported', pagesTotal: 4, pagesProofed: 0,
});
const page = (id: number, issueId: number): PageSummary =>
  ({ id, issueId, pageNumber: id, sourceName: `p${id}.txt`, state: 'imported', itemCount: 3, doubtCount: 0 }) as PageSummary;

/** The tree the host would send for these issues (years newest first, undated last), and every year fetched. */
function treeOf(issues: IssueSummary[], pubs: { id: number; title: string }[]): { publications: LibraryPublication[]; years: Record<string, YearLoad> } {
  const years: Record<string, YearLoad> = {};
  const publications = pubs.map((p) => {
    const mine = issues.filter((i) => i.publicationId === p.id);
    const list: LibraryYear[] = [];
    for (const y of new Set(mine.map(issueYear))) {
      const inYear = mine.filter((i) => issueYear(i) === y);
      const states = { imported: 0, 'in-progress': 0, proofed: 0, approved: 0, exported: 0 };
      for (const i of inYear) states[i.state]++;
      list.push({ year: y, issues: inYear.length, pages: inYear.length * 4, pagesProofed: 0, states });
      years[yearKey(p.id, y)] = { status: 'loaded', issues: inYear, error: null };
    }
    list.sort((a, b) => (a.year === null ? 1 : b.year === null ? -1 : b.year - a.year));
    return { id: p.id, title: p.title, titleLatin: null, serial: null, years: list };
  });
  return { publications, years };
}

const base = (
  issues: IssueSummary[],
  extra: Partial<LibraryRowsInput> & { currentIssueId?: number; pubs?: { id: number; title: string }[] } = {},
): LibraryRowsInput => {
  const { currentIssueId, pubs, ...rest } = extra;
  return {
    ...treeOf(issues, pubs ?? [{ id: 1, title: '衡阳日报' }]),
    pages: {},
    expandedPublications: [1],
    expandedIssues: [],
    groupToggles: {},
    currentIssue: issues.find((i) => i.id === currentIssueId) ?? null,
    currentPageId: null,
    ...rest,
  };
};
const shape = (input: LibraryRowsInput) => libraryRows(input).map((r) => `${r.kind}:${r.kind === 'issue' ? r.issue.date : r.kind === 'year' ? r.year : r.kind === 'month' ? r.month : r.kind === 'page' ? r.page.id : ''}`);

describe('library rows', () => {
  it('a small publication opens fully, years and months newest first, undated last', () => {
    const rows = shape(base([issue(1, '2021-10-29'), issue(2, '2023-03-14'), issue(3, '2023-01-02'), issue(4, null)]));
    expect(rows).toEqual([
      'publication:', 'year:2023', 'month:03', 'issue:2023-03-14', 'month:01', 'issue:2023-01-02',
      'year:2021', 'month:10', 'issue:2021-10-29', 'year:null', 'issue:null',
    ]);
  });

  it('a big publication opens on its newest month; other groups open when toggled or when they hold the current page', () => {
    const issues: IssueSummary[] = [];
    for (let d = 0; d < SMALL_PUBLICATION + 40; d++) {
      const date = new Date(Date.UTC(2022, 10, 1) + d * 86_400_000).toISOString().slice(0, 10);
      issues.push(issue(d + 1, date));
    }
    const rows = libraryRows(base(issues));
    const groups = rows.filter((r) => r.kind === 'year' || r.kind === 'month').map((r) => `${r.key}:${'open' in r && r.open}`);
    expect(groups).toEqual([`${yearKey(1, '2023')}:true`, `${monthKey(1, '2023', '01')}:true`, `${yearKey(1, '2022')}:false`]);
    expect(rows.filter((r) => r.kind === 'issue')).toHaveLength(issues.filter((i) => i.date!.startsWith('2023-01')).length);

    const toggled = libraryRows(base(issues, { groupToggles: { [yearKey(1, '2022')]: true, [monthKey(1, '2023', '01')]: false } }));
    expect(toggled.filter((r) => r.kind === 'month').map((r) => `${r.kind === 'month' && r.month}:${'open' in r && r.open}`)).toEqual(['01:false', '12:false', '11:false']);

    // The page being proofed is in November 2022: its year and month open although folded by default.
    const current = issues.find((i) => i.date === '2022-11-05')!;
    const withCurrent = libraryRows(base(issues, { currentIssueId: current.id, expandedIssues: [current.id], pages: { [current.id]: [page(7, current.id)] }, currentPageId: 7 }));
    const pageRow = withCurrent.find((r) => r.kind === 'page');
    expect(pageRow).toMatchObject({ kind: 'page', current: true, depth: 4 });
  });

  it('an open issue lists its actions and pages; arrow keys skip the action row', () => {
    const rows = libraryRows(base([issue(1, '2023-03-14')], { expandedIssues: [1], pages: { 1: [page(11, 1), page(12, 1)] } }));
    expect(rows.map((r) => r.kind)).toEqual(['publication', 'year', 'month', 'issue', 'actions', 'page', 'page']);
    expect(nextFocusable(rows, 3, 1)).toBe(5);
    expect(nextFocusable(rows, 5, -1)).toBe(3);
    expect(nextFocusable(rows, 6, 1)).toBe(6);
  });

  it('a closed publication shows only itself; other publications keep their own issues', () => {
    const input = base([issue(1, '2023-03-14'), issue(2, '2023-03-15', 2)], {
      pubs: [{ id: 1, title: 'A' }, { id: 2, title: 'B' }],
      expandedPublications: [2],
    });
    expect(shape(input)).toEqual(['publication:', 'publication:', 'year:2023', 'month:03', 'issue:2023-03-15']);
  });

  it('an open year not fetched yet shows a loading row; a failed one an error row; a closed one asks for nothing', () => {
    const issues = [issue(1, '2023-03-14'), issue(2, '2021-05-01')];
    const input = base(issues);
    const loading = libraryRows({ ...input, years: {} });
    expect(loading.map((r) => r.kind)).toEqual(['publication', 'year', 'loading', 'year', 'loading']);
    // Loading rows take no focus: the arrow keys go from one year to the next.
    expect(nextFocusable(loading, 1, 1)).toBe(3);
    const error = { message: 'offline', code: 'offline', reason: null, details: null };
    const failed = libraryRows({ ...input, years: { [yearKey(1, 2021)]: { status: 'error', issues: [], error } }, groupToggles: { [yearKey(1, '2023')]: false } });
    expect(failed.map((r) => r.kind)).toEqual(['publication', 'year', 'year', 'error']);
    expect(failed[3]).toMatchObject({ kind: 'error', publicationId: 1, year: 2021, error });
    // While a loaded year reloads, its issues stay on screen.
    const reloading = libraryRows({ ...input, years: { ...input.years, [yearKey(1, 2023)]: { status: 'loading', issues: [issues[0]!], error: null } } });
    expect(reloading.filter((r) => r.kind === 'issue').map((r) => r.kind === 'issue' && r.issue.id)).toEqual([1, 2]);
    // The year rows carry the tree's counts, whether or not the year was fetched.
    expect(loading[1]).toMatchObject({ kind: 'year', year: '2023', issues: 1, pages: 4 });
  });

  it('a year before 1000 is one key whether named by the tree (999) or by a date (0999)', () => {
    expect(yearKey(1, 999)).toBe(yearKey(1, '0999'));
    const input = base([issue(1, '0999-03-14')]);
    expect(libraryRows(input).map((r) => r.kind)).toEqual(['publication', 'year', 'month', 'issue']);
  });
});
