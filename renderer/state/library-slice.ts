// The library: publications → issues → pages, which of them are expanded, moving between issues,
// and the bundled sample issue.
import type { IssueSummary, PageSummary, PublicationSummary } from '../../shared/domain.ts';
import type { SliceContext } from './slice.ts';

export interface LibraryState {
  publications: PublicationSummary[];
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
  /** Opens or closes a year or month group of the library. */
  setGroupOpen(key: string, open: boolean): void;
  toggleIssue(id: number): Promise<void>;
  /** Loads an issue's pages and shows the issue expanded; returns the pages. */
  loadIssuePages(issueId: number): Promise<PageSummary[]>;
  /** Alt+PageDown past an issue's last page: the first page of the next issue (delta 1), or the last of the previous (-1). */
  openAdjacentIssue(delta: number): Promise<void>;
  /** Imports the bundled sample issue if needed and opens its first page. */
  openSample(): Promise<void>;
}

export function createLibrarySlice(ctx: SliceContext): LibraryState & LibraryActions {
  const { api, set, get, fail } = ctx;
  return {
    publications: [],
    issues: [],
    pages: {},
    expandedPublications: [],
    expandedIssues: [],
    groupToggles: {},

    async refreshLibrary() {
      try {
        const { publications, issues } = await api.invoke('library.tree', {});
        const expandedIssues = get().expandedIssues.filter((id) => issues.some((i) => i.id === id));
        const pages: Record<number, PageSummary[]> = {};
        await Promise.all(expandedIssues.map(async (id) => (pages[id] = await api.invoke('library.pages', { issueId: id }))));
        // A first library with a single publication opens it.
        const expandedPublications =
          get().expandedPublications.length === 0 && publications.length > 0 ? publications.map((p) => p.id) : get().expandedPublications;
        set({ publications, issues, pages, expandedIssues, expandedPublications });
      } catch (e) {
        fail(e);
      }
    },

    togglePublication(id) {
      const open = get().expandedPublications;
      set({ expandedPublications: open.includes(id) ? open.filter((x) => x !== id) : [...open, id] });
    },

    setGroupOpen(key, open) {
      set({ groupToggles: { ...get().groupToggles, [key]: open } });
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
      const pages = await api.invoke('library.pages', { issueId });
      const expanded = get().expandedIssues;
      set({ expandedIssues: expanded.includes(issueId) ? expanded : [...expanded, issueId], pages: { ...get().pages, [issueId]: pages } });
      return pages;
    },

    async openAdjacentIssue(delta) {
      const s = get().session;
      if (!s) return;
      const { issues } = get();
      const cur = issues.find((i) => i.id === s.issueId);
      if (!cur) return;
      // The library's order within the publication (newest first in the tree): "next" is the
      // following issue in time, whatever order the list is in.
      const same = issues.filter((i) => i.publicationId === cur.publicationId).sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id);
      const next = same[same.indexOf(cur) + delta];
      if (!next) return;
      try {
        const pages = await api.invoke('library.pages', { issueId: next.id });
        const target = delta > 0 ? pages[0] : pages.at(-1);
        if (!get().expandedIssues.includes(next.id)) set({ expandedIssues: [...get().expandedIssues, next.id], pages: { ...get().pages, [next.id]: pages } });
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
