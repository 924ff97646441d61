// The library: publications → years (library.tree: counts only) → issues, fetched one
// publication-year at a time when a year is open (library.issues, paged by a cursor) and cached →
// pages; which of them are expanded, moving between issues, and the bundled sample issue.
// A change of the library (library.changed, a save, an import) reloads the tree and the years on
// screen; a cached year that is not on screen is dropped when its counts changed.
import type { IssueSummary, PageSummary } from '../../shared/domain.ts';
import type { LibraryCursor, LibraryPublication, LibraryYear } from '../../shared/contract/pages.ts';
import { issueYear, libraryRows, yearKey, type LibraryRowsInput, type YearLoad } from '../model/library-rows.ts';
import { messageOf, reasonOf, type Full, type SliceContext } from './slice.ts';

export interface LibraryState {
  /** Publications with their years and counts (library.tree). */
  publications: LibraryPublication[];
  /** The publication-years fetched (or being fetched), by yearKey. */
  years: Record<string, YearLoad>;
  /** Every issue of the years fetched, flat: where the panes find the current issue's state. */
  issues: IssueSummary[];
  pages: Record<number, PageSummary[]>;
  expandedPublications: number[];
  expandedIssues: number[];
  /** Year and month groups opened (true) or closed (false) by the user (model/library-rows.ts has the defaults). */
  groupToggles: Record<string, boolean>;
}

export interface LibraryActions {
  refreshLibrary(): Promise<void>;
  togglePublication(id: number): void;
  /** Opens or closes a year or month group of the library (an opened year fetches its issues). */
  setGroupOpen(key: string, open: boolean): void;
  /** Fetches one publication-year's issues unless cached or on the way (`reload`: fetch again, keeping what is shown). */
  loadYear(publicationId: number, year: number | null, options?: { reload?: boolean }): Promise<void>;
  /** Fetches every open year not fetched yet or failed (after the tree or a group changed); waits for those on their way. */
  loadOpenYears(): Promise<void>;
  /** Opens the publication and fetches the year that hold an issue (a page opened from search or a link). */
  revealIssue(issueId: number): Promise<void>;
  toggleIssue(id: number): Promise<void>;
  /** Loads an issue's pages and shows the issue expanded; returns the pages. */
  loadIssuePages(issueId: number): Promise<PageSummary[]>;
  /** Fetches an issue's pages again (their states or item counts changed), without expanding it. */
  reloadIssuePages(issueId: number): Promise<void>;
  /** Alt+PageDown past an issue's last page: the first page of the next issue (delta 1), or the last of the previous (-1). */
  openAdjacentIssue(delta: number): Promise<void>;
  /** Imports the bundled sample issue if needed and opens its first page. */
  openSample(): Promise<void>;
}

/** The rows' input from the store (the pane and the slice read the same). */
export function libraryRowsInput(s: Full): LibraryRowsInput {
  return {
    publications: s.publications,
    years: s.years,
    pages: s.pages,
    expandedPublications: s.expandedPublications,
    expandedIssues: s.expandedIssues,
    groupToggles: s.groupToggles,
    currentIssue: s.issues.find((i) => i.id === s.session?.issueId) ?? null,
    currentPageId: s.session?.pageId ?? null,
  };
}

const flat = (years: Record<string, YearLoad>): IssueSummary[] => Object.values(years).flatMap((y) => y.issues);
const sameCounts = (a: LibraryYear | undefined, b: LibraryYear | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);
/** Oldest first: the order "next issue" follows (undated first, as the whole list was sorted before). */
const byDateAsc = (a: IssueSummary, b: IssueSummary): number => (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id;
/** A year loaded at most this many answers deep (LIBRARY_ISSUES_MAX each): a guard against a cursor that never ends. */
const MAX_PAGES_PER_YEAR = 200;

export function createLibrarySlice(ctx: SliceContext): LibraryState & LibraryActions {
  const { api, set, get, fail } = ctx;
  const inflight = new Map<string, Promise<void>>();
  // The newest request per year wins: an answer that arrives after a newer request is dropped.
  const seq = new Map<string, number>();

  const setYear = (key: string, load: YearLoad | null): void => {
    const years = { ...get().years };
    if (load) years[key] = load;
    else delete years[key];
    set({ years, issues: flat(years) });
  };
  /** Forgets a year, and the answer of a request still on its way for it (counts changed meanwhile). */
  const dropYear = (key: string): void => {
    seq.set(key, (seq.get(key) ?? 0) + 1);
    inflight.delete(key);
    setYear(key, null);
  };

  // The newest request for an issue's pages wins, as for years: a refresh that asked before a save
  // can answer after the save's own reload, and its page states and item counts are then stale.
  const pagesSeq = new Map<number, number>();
  /** An issue's pages, and whether no newer request for them was made while this one was on its way. */
  const fetchPages = async (issueId: number): Promise<{ pages: PageSummary[]; newest: boolean }> => {
    const n = (pagesSeq.get(issueId) ?? 0) + 1;
    pagesSeq.set(issueId, n);
    const pages = await api.invoke('library.pages', { issueId });
    return { pages, newest: pagesSeq.get(issueId) === n };
  };
  /** Stores an issue's pages (when newest) and optionally shows the issue expanded. */
  const putPages = (issueId: number, answer: { pages: PageSummary[]; newest: boolean }, expand: boolean): void => {
    const expanded = get().expandedIssues;
    set({
      ...(expand && !expanded.includes(issueId) ? { expandedIssues: [...expanded, issueId] } : {}),
      ...(answer.newest ? { pages: { ...get().pages, [issueId]: answer.pages } } : {}),
    });
  };

  const fetchYear = async (publicationId: number, year: number | null): Promise<IssueSummary[]> => {
    const out: IssueSummary[] = [];
    let cursor: LibraryCursor | null = null;
    for (let i = 0; i < MAX_PAGES_PER_YEAR; i++) {
      const answer: { issues: IssueSummary[]; next: LibraryCursor | null } = await api.invoke('library.issues', { publicationId, year, ...(cursor ? { cursor } : {}) });
      out.push(...answer.issues);
      cursor = answer.next;
      if (!cursor) break;
    }
    return out;
  };

  const yearCounts = (publications: LibraryPublication[]): Map<string, LibraryYear> => {
    const m = new Map<string, LibraryYear>();
    for (const p of publications) for (const y of p.years) m.set(yearKey(p.id, y.year), y);
    return m;
  };

  const openYearRows = () => libraryRows(libraryRowsInput(get())).filter((r) => r.kind === 'year' && r.open) as { publicationId: number; key: string; year: string | null }[];

  return {
    publications: [],
    years: {},
    issues: [],
    pages: {},
    expandedPublications: [],
    expandedIssues: [],
    groupToggles: {},

    async refreshLibrary() {
      try {
        const { publications } = await api.invoke('library.tree', {});
        const before = yearCounts(get().publications);
        const after = yearCounts(publications);
        // A first library opens its publications.
        const expandedPublications =
          get().expandedPublications.length === 0 && publications.length > 0 ? publications.map((p) => p.id) : get().expandedPublications;
        set({ publications, expandedPublications });
        const shown = new Set(openYearRows().map((r) => r.key));
        // Cached years: those on screen are fetched again (their issues stay shown meanwhile); the
        // others are kept while their counts are the same, else dropped (fetched when opened).
        const reloads: Promise<void>[] = [];
        for (const key of Object.keys(get().years)) {
          const [, pid, y] = key.split(':');
          if (!after.has(key)) dropYear(key);
          else if (shown.has(key)) reloads.push(get().loadYear(Number(pid), y === 'undated' ? null : Number(y), { reload: true }));
          else if (!sameCounts(before.get(key), after.get(key))) dropYear(key);
        }
        await Promise.all([...reloads, get().loadOpenYears()]);
        const asked = get().expandedIssues.filter((id) => get().issues.some((i) => i.id === id));
        const answers = new Map(await Promise.all(asked.map(async (id) => [id, await fetchPages(id)] as const)));
        // Read the expanded issues again after the answers: one may have been opened or closed meanwhile.
        const live = new Set(get().issues.map((i) => i.id));
        const expandedIssues = get().expandedIssues.filter((id) => live.has(id));
        const pages: Record<number, PageSummary[]> = {};
        for (const id of expandedIssues) {
          const answer = answers.get(id);
          const kept = answer?.newest ? answer.pages : get().pages[id];
          if (kept) pages[id] = kept;
        }
        set({ pages, expandedIssues });
      } catch (e) {
        fail(e);
      }
    },

    async loadYear(publicationId, year, options) {
      const key = yearKey(publicationId, year);
      const cached = get().years[key];
      const running = inflight.get(key);
      if (!options?.reload && running) return running;
      if (!options?.reload && cached && cached.status !== 'error') return;
      const mine = (seq.get(key) ?? 0) + 1;
      seq.set(key, mine);
      setYear(key, { status: cached?.status === 'loaded' ? 'loaded' : 'loading', issues: cached?.issues ?? [], error: null });
      const job = fetchYear(publicationId, year).then(
        (issues) => {
          if (seq.get(key) === mine) setYear(key, { status: 'loaded', issues, error: null });
        },
        (e: unknown) => {
          if (seq.get(key) !== mine) return;
          const r = reasonOf(e);
          setYear(key, { status: 'error', issues: get().years[key]?.issues ?? [], error: { message: messageOf(e), code: r?.code ?? null, reason: r?.reason ?? null, details: r?.details ?? null } });
        },
      );
      const tracked = job.finally(() => {
        if (inflight.get(key) === tracked) inflight.delete(key);
      });
      inflight.set(key, tracked);
      return tracked;
    },

    async loadOpenYears() {
      // loadYear does nothing for a year cached, and hands back the request of a year on its way.
      const open = openYearRows().filter((r) => get().years[r.key]?.status !== 'loaded');
      await Promise.all(open.map((r) => get().loadYear(r.publicationId, r.year === null ? null : Number(r.year))));
    },

    togglePublication(id) {
      const open = get().expandedPublications;
      set({ expandedPublications: open.includes(id) ? open.filter((x) => x !== id) : [...open, id] });
      void get().loadOpenYears();
    },

    setGroupOpen(key, open) {
      set({ groupToggles: { ...get().groupToggles, [key]: open } });
      if (open) void get().loadOpenYears();
    },

    async revealIssue(issueId) {
      try {
        const issue = get().issues.find((i) => i.id === issueId) ?? (await api.invoke('library.issue', { issueId }));
        if (!get().expandedPublications.includes(issue.publicationId)) set({ expandedPublications: [...get().expandedPublications, issue.publicationId] });
        await get().loadYear(issue.publicationId, issueYear(issue));
      } catch {
        // The page opens all the same; the tree shows where it is once the library loads again.
      }
    },

    async toggleIssue(id) {
      const open = get().expandedIssues;
      if (open.includes(id)) {
        set({ expandedIssues: open.filter((x) => x !== id) });
        return;
      }
      await get().loadIssuePages(id);
    },

    async loadIssuePages(issueId) {
      const [answer] = await Promise.all([fetchPages(issueId), get().revealIssue(issueId)]);
      putPages(issueId, answer, true);
      return answer.pages;
    },

    async reloadIssuePages(issueId) {
      putPages(issueId, await fetchPages(issueId), false);
    },

    async openAdjacentIssue(delta) {
      const s = get().session;
      if (!s) return;
      const cur = get().issues.find((i) => i.id === s.issueId);
      const pub = cur && get().publications.find((p) => p.id === cur.publicationId);
      if (!cur || !pub) return;
      try {
        const inYear = (y: number | null) => [...(get().years[yearKey(pub.id, y)]?.issues ?? [])].sort(byDateAsc);
        const list = inYear(issueYear(cur));
        let next = list[list.findIndex((i) => i.id === cur.id) + delta];
        if (!next) {
          // Past the year's first or last issue: the neighbouring year, fetched if need be.
          const years = pub.years.map((y) => y.year).sort((a, b) => (a === null ? -1 : b === null ? 1 : a - b));
          const y = years[years.indexOf(issueYear(cur)) + delta];
          if (y === undefined) return;
          await get().loadYear(pub.id, y);
          const other = inYear(y);
          next = delta > 0 ? other[0] : other.at(-1);
        }
        if (!next) return;
        const answer = await fetchPages(next.id);
        const target = delta > 0 ? answer.pages[0] : answer.pages.at(-1);
        putPages(next.id, answer, true);
        if (target) await get().openPage(target.id);
      } catch (e) {
        fail(e);
      }
    },

    async openSample() {
      try {
        await get().flushSave();
        const { pageId } = await api.invoke('sample.open', {});
        await get().refreshLibrary();
        await get().openPage(pageId);
      } catch (e) {
        fail(e);
      }
    },
  };
}
