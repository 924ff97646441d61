// The library tree from its aggregate rows, for both archives (SQLite library-tree.ts and
// postgres/library-tree.ts run the same two GROUP BY queries): years newest first, the undated
// issues last, a publication without issues with no years.
import { ISSUE_STATES, type IssueState, type PublicationSummary } from '../../shared/domain.ts';
import type { LibraryPublication, LibraryYear } from '../../shared/contract/pages.ts';

/** Issues of one publication, year (first four characters of the date, null when undated) and state. */
export interface StateCountRow {
  pid: number;
  year: string | null;
  state: IssueState;
  n: number | string;
}

/** Pages of one publication and year, and how many of them are proofed. */
export interface PageCountRow {
  pid: number;
  year: string | null;
  pages: number | string;
  proofed: number | string | null;
}

const yearKey = (pid: number, year: string | null): string => `${pid}:${year ?? ''}`;

function emptyYear(year: string | null): LibraryYear {
  const states = Object.fromEntries(ISSUE_STATES.map((s) => [s, 0])) as LibraryYear['states'];
  return { year: year === null ? null : Number(year), issues: 0, pages: 0, pagesProofed: 0, states };
}

export function assembleTree(publications: PublicationSummary[], states: StateCountRow[], pages: PageCountRow[]): LibraryPublication[] {
  const years = new Map<string, LibraryYear>();
  const byPublication = new Map<number, LibraryYear[]>();
  const yearOf = (pid: number, year: string | null): LibraryYear => {
    const key = yearKey(pid, year);
    let y = years.get(key);
    if (!y) {
      y = emptyYear(year);
      years.set(key, y);
      const list = byPublication.get(pid);
      if (list) list.push(y);
      else byPublication.set(pid, [y]);
    }
    return y;
  };
  // PostgreSQL's count() is a bigint, which its driver hands over as a string.
  for (const r of states) {
    const y = yearOf(r.pid, r.year);
    y.states[r.state] += Number(r.n);
    y.issues += Number(r.n);
  }
  for (const r of pages) {
    const y = yearOf(r.pid, r.year);
    y.pages += Number(r.pages);
    y.pagesProofed += Number(r.proofed ?? 0);
  }
  const newestFirst = (a: LibraryYear, b: LibraryYear): number => (a.year === null ? 1 : b.year === null ? -1 : b.year - a.year);
  return publications.map((p) => ({ ...p, years: (byPublication.get(p.id) ?? []).filter((y) => y.issues > 0).sort(newestFirst) }));
}

/** The dates of one year as a half-open range of ISO date strings: `YYYY-` ≤ date < `YYYY-~`. */
export function yearRange(year: number): { from: string; to: string } {
  const y = String(year).padStart(4, '0');
  // '~' sorts after every digit, so the range holds every YYYY-MM-DD of the year and nothing else.
  return { from: `${y}-`, to: `${y}-~` };
}
