// The library as the flat list of rows the pane draws (virtualised: only the rows in view exist in
// the page): publication → year → month → issue → pages. The tree (library.tree) gives each
// publication's years with their counts; a year's issues are fetched when the year is open
// (library.issues, state/library-slice.ts), so an open year shows a loading row, an error row
// with a retry, or its months. Decades of a daily are thousands of issues, so a big publication
// opens on its newest month with the other years and months folded; a small one (at most
// SMALL_PUBLICATION issues) opens fully. The groups holding the page being proofed are always
// open, so the current page is never hidden.
import type { IssueSummary, PageSummary } from '../../shared/domain.ts';
import type { LibraryPublication } from '../../shared/contract/pages.ts';

/** Up to this many issues, a publication's years and months start open. */
export const SMALL_PUBLICATION = 24;

/** A year's issues as fetched: loading (issues kept from before while it reloads), loaded, or failed. */
export interface YearLoad {
  status: 'loading' | 'loaded' | 'error';
  issues: IssueSummary[];
  error: { message: string; code: string | null; reason: string | null; details: Readonly<Record<string, unknown>> | null } | null;
}

export type LibraryRow =
  | { kind: 'publication'; key: string; depth: 0; publication: LibraryPublication; open: boolean }
  | { kind: 'year'; key: string; depth: 1; publicationId: number; year: string | null; issues: number; pages: number; pagesProofed: number; open: boolean }
  | { kind: 'month'; key: string; depth: 2; year: string; month: string; issues: number; open: boolean }
  | { kind: 'loading'; key: string; depth: 2; yearKey: string }
  | { kind: 'error'; key: string; depth: 2; yearKey: string; publicationId: number; year: number | null; error: NonNullable<YearLoad['error']> }
  | { kind: 'issue'; key: string; depth: number; issue: IssueSummary; open: boolean }
  | { kind: 'actions'; key: string; depth: number; issue: IssueSummary }
  | { kind: 'page'; key: string; depth: number; page: PageSummary; current: boolean };

export interface LibraryRowsInput {
  publications: LibraryPublication[];
  /** Years fetched so far, by yearKey. */
  years: Record<string, YearLoad>;
  pages: Record<number, PageSummary[]>;
  expandedPublications: number[];
  expandedIssues: number[];
  /** Year and month groups the user opened (true) or closed (false); the rest follow the defaults above. */
  groupToggles: Record<string, boolean>;
  /** The issue of the page being proofed, when known. */
  currentIssue: IssueSummary | null;
  currentPageId: number | null;
}

/** One key per publication-year, whether the year comes as the tree's number or a date's digits ('0999' and 999 alike). */
export const yearKey = (publicationId: number, year: string | number | null): string => `y:${publicationId}:${year === null ? 'undated' : Number(year)}`;
export const monthKey = (publicationId: number, year: string, month: string): string => `m:${publicationId}:${year}-${month}`;
/** The year of an issue as the tree names it (null: undated). */
export const issueYear = (issue: IssueSummary): number | null => (issue.date === null ? null : Number(issue.date.slice(0, 4)));

/** Newest first; undated issues after the dated ones. */
function byDateDesc(a: IssueSummary, b: IssueSummary): number {
  if (a.date === b.date) return b.id - a.id;
  if (a.date === null) return 1;
  if (b.date === null) return -1;
  return b.date.localeCompare(a.date);
}

export function libraryRows(input: LibraryRowsInput): LibraryRow[] {
  const rows: LibraryRow[] = [];
  const current = input.currentIssue;
  for (const publication of input.publications) {
    const pubOpen = input.expandedPublications.includes(publication.id);
    rows.push({ kind: 'publication', key: `p:${publication.id}`, depth: 0, publication, open: pubOpen });
    if (!pubOpen) continue;
    const total = publication.years.reduce((n, y) => n + y.issues, 0);
    const small = total <= SMALL_PUBLICATION;
    // Years come newest first, the undated last.
    const newestYear = publication.years.find((y) => y.year !== null)?.year ?? null;
    const holdsCurrent = (holds: (i: IssueSummary) => boolean): boolean => current !== null && current.publicationId === publication.id && holds(current);
    const isOpen = (key: string, holds: (i: IssueSummary) => boolean, byDefault: boolean): boolean => holdsCurrent(holds) || (input.groupToggles[key] ?? byDefault);

    for (const y of publication.years) {
      const year = y.year === null ? null : String(y.year).padStart(4, '0');
      const yKey = yearKey(publication.id, year);
      const yOpen = isOpen(yKey, (i) => (i.date?.slice(0, 4) ?? null) === year, small || (y.year !== null && y.year === newestYear));
      rows.push({ kind: 'year', key: yKey, depth: 1, publicationId: publication.id, year, issues: y.issues, pages: y.pages, pagesProofed: y.pagesProofed, open: yOpen });
      if (!yOpen) continue;
      const load = input.years[yKey];
      if (load?.status === 'error' && load.error) {
        rows.push({ kind: 'error', key: `e:${yKey}`, depth: 2, yearKey: yKey, publicationId: publication.id, year: y.year, error: load.error });
      }
      if (!load || (load.status === 'loading' && load.issues.length === 0)) {
        rows.push({ kind: 'loading', key: `l:${yKey}`, depth: 2, yearKey: yKey });
        continue;
      }
      const inYear = [...load.issues].sort(byDateDesc);
      if (year === null) {
        for (const issue of inYear) pushIssue(rows, input, issue, 2);
        continue;
      }
      let first = true;
      for (const [month, inMonth] of groupBy(inYear, (i) => i.date!.slice(5, 7))) {
        const mKey = monthKey(publication.id, year, month);
        // The newest month of the newest year starts open.
        const mOpen = isOpen(mKey, (i) => i.date?.slice(0, 7) === `${year}-${month}`, small || (first && y.year === newestYear));
        first = false;
        rows.push({ kind: 'month', key: mKey, depth: 2, year, month, issues: inMonth.length, open: mOpen });
        if (mOpen) for (const issue of inMonth) pushIssue(rows, input, issue, 3);
      }
    }
  }
  return rows;
}

function pushIssue(rows: LibraryRow[], input: LibraryRowsInput, issue: IssueSummary, depth: number): void {
  const open = input.expandedIssues.includes(issue.id);
  rows.push({ kind: 'issue', key: `i:${issue.id}`, depth, issue, open });
  if (!open) return;
  rows.push({ kind: 'actions', key: `a:${issue.id}`, depth: depth + 1, issue });
  for (const page of input.pages[issue.id] ?? []) {
    rows.push({ kind: 'page', key: `g:${page.id}`, depth: depth + 1, page, current: page.id === input.currentPageId });
  }
}

/** Groups in first-seen order (the input is sorted, so groups come out sorted too). */
function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** The row a key press moves to: up/down through the rows that can take focus (not the actions or loading rows). */
export function nextFocusable(rows: LibraryRow[], from: number, delta: 1 | -1): number {
  for (let i = from + delta; i >= 0 && i < rows.length; i += delta) if (rows[i]!.kind !== 'actions' && rows[i]!.kind !== 'loading') return i;
  return from;
}
