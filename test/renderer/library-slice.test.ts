// The library slice (issue 15): the tree brings years with counts only; an open year's issues are
// fetched once (paged by the host's cursor) and cached; a refresh fetches the years on screen again
// and drops a cached closed year whose counts changed; a failed year shows an error and retries;
// a page opened from elsewhere brings its publication and year in.
import { describe, expect, it } from 'vitest';
import type { IssueSummary, PageSummary } from '../../shared/domain.ts';
import type { LibraryPublication, LibraryYear } from '../../shared/contract/pages.ts';
import type { Req } from '../../shared/ipc.ts';
import { createAppStore } from '../../renderer/state/store.ts';
import { libraryRows, yearKey } from '../../renderer/model/library-rows.ts';
import { libraryRowsInput } from '../../renderer/state/library-slice.ts';
import { fakeApi } from './fake-api.ts';

const issue = (id: number, date: string | null): IssueSummary => ({ id, publicationId: 1, date, issueNumber: id, pageCount: null, state: 'imported', pagesTotal: 2, pagesProofed: 0 });

/** Paper 1: 40 issues in 2023 (so the paper is big: only its newest year opens), 3 in 2022, 1 undated. */
function host() {
  const issues: IssueSummary[] = [];
  for (let d = 0; d < 40; d++) issues.push(issue(d + 1, new Date(Date.UTC(2023, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)));
  issues.push(issue(101, '2022-12-30'), issue(102, '2022-06-01'), issue(103, '2022-01-05'), issue(200, null));
  const calls: Req<'library.issues'>[] = [];
  const failing = new Set<string>();
  let extraCount = 0;
  // library.pages reads the page's state when asked; a held request answers only when released.
  const pagesOf = { state: 'imported' as PageSummary['state'], hold: null as Promise<void> | null, asked: 0 };
  const yearOf = (i: IssueSummary) => (i.date === null ? null : Number(i.date.slice(0, 4)));
  const tree = (): LibraryPublication[] => {
    const years: LibraryYear[] = [2023, 2022, null].map((y) => {
      const n = issues.filter((i) => yearOf(i) === y).length + (y === 2022 ? extraCount : 0);
      return { year: y, issues: n, pages: n * 2, pagesProofed: 0, states: { imported: n, 'in-progress': 0, proofed: 0, approved: 0, exported: 0 } };
    });
    return [{ id: 1, title: '衡阳日报', titleLatin: null, serial: null, years }];
  };
  const api = fakeApi({
    'library.tree': () => ({ publications: tree() }),
    'library.issues': (r) => {
      calls.push(r);
      if (failing.has(String(r.year))) throw Object.assign(new Error('host down'), { code: 'offline', reason: null });
      // Newest first, 16 at a time, continued by the cursor: as the host pages a long year.
      const all = issues.filter((i) => yearOf(i) === r.year).sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.id - a.id);
      const from = r.cursor ? all.findIndex((i) => i.id === r.cursor!.id) + 1 : 0;
      const part = all.slice(from, from + 16);
      const last = part.at(-1);
      return { issues: part, next: from + 16 < all.length && last ? { date: last.date, id: last.id } : null };
    },
    'library.issue': (r) => issues.find((i) => i.id === r.issueId)!,
    'library.pages': async (r) => {
      const state = pagesOf.state;
      const hold = pagesOf.hold;
      pagesOf.hold = null;
      pagesOf.asked++;
      if (hold) await hold;
      return [{ id: r.issueId * 10, issueId: r.issueId, pageNumber: 1, sourceName: 'p1.txt', state, itemCount: 3 }];
    },
    // Page N0 is the one page of issue N.
    'page.get': (r) => ({ id: r.pageId, issueId: r.pageId / 10, pageNumber: 1, sourceName: 'p1.txt', encoding: 'UTF-8', contentHash: 'x', text: '标题\n', state: 'imported', masthead: null, items: [], revision: 0 }),
  });
  return { api, calls, failing, pagesOf, bump: () => extraCount++ };
}

const yearsOf = (calls: Req<'library.issues'>[]) => calls.map((c) => `${c.year}${c.cursor ? '+' : ''}`);

describe('library slice: paged by publication and year', () => {
  it('fetches only the open year, all of it through the cursor, and a year opened later once', async () => {
    const h = host();
    const store = createAppStore({ api: h.api, language: 'en' });
    await store.getState().refreshLibrary();
    const s = store.getState();
    expect(s.expandedPublications).toEqual([1]);
    // 40 issues of 2023 in three answers; 2022 and the undated ones not asked for.
    expect(yearsOf(h.calls)).toEqual(['2023', '2023+', '2023+']);
    expect(s.years[yearKey(1, 2023)]).toMatchObject({ status: 'loaded' });
    expect(s.years[yearKey(1, 2023)]!.issues).toHaveLength(40);
    expect(s.issues).toHaveLength(40);
    const rows = libraryRows(libraryRowsInput(s));
    expect(rows.filter((r) => r.kind === 'year').map((r) => r.kind === 'year' && `${r.year}:${r.issues}:${r.open}`)).toEqual(['2023:40:true', '2022:3:false', 'null:1:false']);

    store.getState().setGroupOpen(yearKey(1, '2022'), true);
    // At once a loading row, then the year's issues.
    expect(libraryRows(libraryRowsInput(store.getState())).some((r) => r.kind === 'loading')).toBe(true);
    await store.getState().loadOpenYears();
    expect(store.getState().years[yearKey(1, 2022)]!.issues.map((i) => i.id)).toEqual([101, 102, 103]);
    store.getState().setGroupOpen(yearKey(1, '2022'), false);
    store.getState().setGroupOpen(yearKey(1, '2022'), true);
    await store.getState().loadOpenYears();
    expect(yearsOf(h.calls)).toEqual(['2023', '2023+', '2023+', '2022']);
  });

  it('a change reloads the years on screen, keeps a closed year whose counts held, and drops one whose counts changed', async () => {
    const h = host();
    const store = createAppStore({ api: h.api, language: 'en' });
    await store.getState().refreshLibrary();
    store.getState().setGroupOpen(yearKey(1, null), true);
    store.getState().setGroupOpen(yearKey(1, '2022'), true);
    await store.getState().loadOpenYears();
    store.getState().setGroupOpen(yearKey(1, '2022'), false);
    h.calls.length = 0;
    await store.getState().refreshLibrary();
    // 2023 and the undated year are on screen: fetched again; 2022 is closed and unchanged: kept.
    expect(yearsOf(h.calls).sort()).toEqual(['2023', '2023+', '2023+', 'null'].sort());
    expect(store.getState().years[yearKey(1, 2022)]).toBeDefined();
    h.bump();
    h.calls.length = 0;
    await store.getState().refreshLibrary();
    expect(store.getState().years[yearKey(1, 2022)]).toBeUndefined();
    expect(store.getState().issues.some((i) => i.id === 101)).toBe(false);
  });

  it('a failed year shows an error row; Retry fetches it again', async () => {
    const h = host();
    h.failing.add('2023');
    const store = createAppStore({ api: h.api, language: 'en' });
    await store.getState().refreshLibrary();
    expect(store.getState().years[yearKey(1, 2023)]).toMatchObject({ status: 'error', error: { message: 'host down', code: 'offline' } });
    const rows = libraryRows(libraryRowsInput(store.getState()));
    expect(rows.map((r) => r.kind)).toEqual(['publication', 'year', 'error', 'year', 'year']);
    h.failing.clear();
    await store.getState().loadYear(1, 2023, { reload: true });
    expect(store.getState().years[yearKey(1, 2023)]).toMatchObject({ status: 'loaded', error: null });
    expect(libraryRows(libraryRowsInput(store.getState())).some((r) => r.kind === 'error')).toBe(false);
  });

  it('an issue of a closed publication and an unfetched year (a page from search) brings both in', async () => {
    const h = host();
    const store = createAppStore({ api: h.api, language: 'en' });
    await store.getState().refreshLibrary();
    store.getState().togglePublication(1);
    expect(store.getState().expandedPublications).toEqual([]);
    const pages = await store.getState().loadIssuePages(102);
    expect(pages.map((p) => p.id)).toEqual([1020]);
    const s = store.getState();
    expect(s.expandedPublications).toEqual([1]);
    expect(s.expandedIssues).toEqual([102]);
    expect(s.issues.find((i) => i.id === 102)).toMatchObject({ date: '2022-06-01' });
    // With the page's issue current, its year and month open and the issue shows its page.
    const rows = libraryRows({ ...libraryRowsInput(s), currentIssue: s.issues.find((i) => i.id === 102)!, currentPageId: 1020 });
    expect(rows.find((r) => r.kind === 'page')).toMatchObject({ current: true });
  });

  it('a refresh that asked for an issue’s pages before a save answers late: it neither overwrites the newer page states nor closes an issue opened meanwhile', async () => {
    const h = host();
    const store = createAppStore({ api: h.api, language: 'en' });
    await store.getState().refreshLibrary();
    await store.getState().loadIssuePages(40);
    let release = (): void => undefined;
    h.pagesOf.hold = new Promise<void>((r) => (release = r));
    const asked = h.pagesOf.asked;
    const slowRefresh = store.getState().refreshLibrary();
    for (let i = 0; i < 200 && h.pagesOf.asked === asked; i++) await new Promise((r) => setTimeout(r, 0));
    expect(h.pagesOf.asked).toBe(asked + 1);
    // Meanwhile a save moves the page on, the library reloads its pages, and the user opens issue 39.
    h.pagesOf.state = 'in-progress';
    await store.getState().reloadIssuePages(40);
    await store.getState().loadIssuePages(39);
    expect(store.getState().pages[40]![0]!.state).toBe('in-progress');
    release();
    await slowRefresh;
    const s = store.getState();
    expect(s.pages[40]![0]!.state).toBe('in-progress');
    expect(s.expandedIssues.sort()).toEqual([39, 40]);
    expect(s.pages[39]![0]!.state).toBe('in-progress');
  });

  it('Alt+PageUp past a year’s first issue fetches the year before and opens its last issue', async () => {
    const h = host();
    const store = createAppStore({ api: h.api, language: 'en' });
    await store.getState().refreshLibrary();
    await store.getState().openPage(1030); // 2022-01-05, the first issue of 2022
    expect(store.getState().session?.issueId).toBe(103);
    h.calls.length = 0;
    await store.getState().openAdjacentIssue(1);
    expect(store.getState().session?.issueId).toBe(102);
    // Before 2022 come the undated issues (oldest first, as the whole list was sorted), fetched now.
    await store.getState().openAdjacentIssue(-1);
    await store.getState().openAdjacentIssue(-1);
    expect(store.getState().session?.issueId).toBe(200);
    expect(yearsOf(h.calls)).toEqual(['null']);
    await store.getState().openAdjacentIssue(-1);
    expect(store.getState().session?.issueId).toBe(200);
  });
});
