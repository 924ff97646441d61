// The library as the flat list of rows the pane draws (virtualised: only the rows in view exist in
// the page): publication → year → month → issue → pages. Decades of a daily are thousands of
// issues, so a big publication opens on its newest month with the other years and months folded;
// a small one (at most SMALL_PUBLICATION issues) opens fully. The groups holding the page being
// proofed are always open, so the current page is never hidden.
import type { IssueSummary, PageSummary, PublicationSummary } from '../../shared/domain.ts';

/** Up to this many issues, a publication's years and months start open. */
export const SMALL_PUBLICATION = 24;

export type LibraryRow =
  | { kind: 'publication'; key: string; depth: 0; publication: PublicationSummary; open: boolean }
  | { kind: 'year'; key: string; depth: 1; year: string | null; issues: number; open: boolean }
  | { kind: 'month'; key: string; depth: 2; year: string; month: string; issues: number; open: boolean }
  | { kind: 'issue'; key: string; depth: number; issue: IssueSummary; open: boolean }
  | { kind: 'actions'; key: string; depth: number; issue: IssueSummary }
  | { kind: 'page'; key: string; depth: number; page: PageSummary; current: boolean };

export interface LibraryRowsInput {
  publications: PublicationSummary[];
  issues: IssueSummary[];
  pages: Record<number, PageSummary[]>;
  expandedPublications: number[];
  expandedIssues: number[];
  /** Year and month groups the user opened (true) or closed (false); the rest follow the defaults above. */
  groupToggles: Record<string, boolean>;
  currentIssueId: number | null;
  currentPageId: number | null;
}

export const yearKey = (publicationId: number, year: string | null): string => `y:${publicationId}:${year ?? 'undated'}`;
export const monthKey = (publicationId: number, year: string, month: string): string => `m:${publicationId}:${year}-${month}`;

/** Newest first; undated issues after the dated ones. */
function byDateDesc(a: IssueSummary, b: IssueSummary): number {
  if (a.date === b.date) return b.id - a.id;
  if (a.date === null) return 1;
  if (b.date === null) return -1;
  return b.date.localeCompare(a.date);
}

export function libraryRows(input: LibraryRowsInput): LibraryRow[] {
  const rows: LibraryRow[] = [];
  const current = input.issues.find((i) => i.id === input.currentIssueId) ?? null;
  for (const publication of input.publications) {
    const pubOpen = input.expandedPublications.includes(publication.id);
    rows.push({ kind: 'publication', key: `p:${publication.id}`, depth: 0, publication, open: pubOpen });
    if (!pubOpen) continue;
    const issues = input.issues.filter((i) => i.publicationId === publication.id).sort(byDateDesc);
    const small = issues.length <= SMALL_PUBLICATION;
    const newest = issues[0]?.date ?? null;
    const isOpen = (key: string, holds: (i: IssueSummary) => boolean, byDefault: boolean): boolean =>
      (current !== null && current.publicationId === publication.id && holds(current)) || (input.groupToggles[key] ?? byDefault);

    const years = groupBy(issues, (i) => i.date?.slice(0, 4) ?? null);
    for (const [year, inYear] of years) {
      const yKey = yearKey(publication.id, year);
      const yOpen = isOpen(yKey, (i) => (i.date?.slice(0, 4) ?? null) === year, small || (year !== null && year === newest?.slice(0, 4)));
      rows.push({ kind: 'year', key: yKey, depth: 1, year, issues: inYear.length, open: yOpen });
      if (!yOpen) continue;
      if (year === null) {
        for (const issue of inYear) pushIssue(rows, input, issue, 2);
        continue;
      }
      for (const [month, inMonth] of groupBy(inYear, (i) => i.date!.slice(5, 7))) {
        const mKey = monthKey(publication.id, year, month!);
        const mOpen = isOpen(mKey, (i) => i.date?.slice(0, 7) === `${year}-${month}`, small || newest?.slice(0, 7) === `${year}-${month}`);
        rows.push({ kind: 'month', key: mKey, depth: 2, year, month: month!, issues: inMonth.length, open: mOpen });
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

/** The row a key press moves to: up/down through the rows that can take focus (not the actions row). */
export function nextFocusable(rows: LibraryRow[], from: number, delta: 1 | -1): number {
  for (let i = from + delta; i >= 0 && i < rows.length; i += delta) if (rows[i]!.kind !== 'actions') return i;
  return from;
}
