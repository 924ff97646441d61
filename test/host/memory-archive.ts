// An in-memory Archive for unit tests of the hosts only (never used by the app).
import { ArchiveError, type Actor, type Archive, type EditPageInput, type ImportOutcome, type ImportPageInput, type SavePageInput } from '../../electron/archive/archive-api.ts';
import { applyOps } from '../../core/edit/index.ts';
import type { PageRecord, PageState } from '../../shared/domain.ts';

export function memoryArchive(): Archive & { pages: Map<number, PageRecord>; log: string[] } {
  const pages = new Map<number, PageRecord>();
  const log: string[] = [];
  let nextId = 1;
  const api = {
    path: ':memory:',
    pages,
    log,
    close() {},
    importPage(input: ImportPageInput, actor: Actor): ImportOutcome {
      const id = nextId++;
      pages.set(id, {
        id,
        issueId: 1,
        pageNumber: input.pageNumberHint ?? null,
        sourceName: input.sourceName,
        encoding: input.encoding,
        contentHash: String(input.text.length),
        text: input.text,
        state: 'imported',
        masthead: null,
        items: [],
        revision: 0,
      });
      log.push(`import ${input.sourceName} by ${actor.name}`);
      return { status: 'imported', pageId: id, issueId: 1 };
    },
    importPages(inputs: ImportPageInput[], actor: Actor): ImportOutcome[] {
      return inputs.map((i) => api.importPage(i, actor));
    },
    listPublications: () => (pages.size ? [{ id: 1, title: 'Test Daily', titleLatin: null, serial: null }] : []),
    listIssues: () =>
      pages.size
        ? [
            {
              id: 1,
              publicationId: 1,
              date: '2021-10-29',
              issueNumber: 1,
              pageCount: null,
              state: 'imported' as const,
              pagesTotal: pages.size,
              pagesProofed: [...pages.values()].filter((p) => p.state === 'proofed').length,
            },
          ]
        : [],
    libraryTree: () =>
      api.listPublications().map((p) => {
        const issues = api.listIssues();
        const states = { imported: 0, 'in-progress': 0, proofed: 0, approved: 0, exported: 0 };
        for (const i of issues) states[i.state]++;
        const pagesTotal = issues.reduce((n, i) => n + i.pagesTotal, 0);
        const pagesProofed = issues.reduce((n, i) => n + i.pagesProofed, 0);
        return { ...p, years: issues.length ? [{ year: Number(issues[0]!.date!.slice(0, 4)), issues: issues.length, pages: pagesTotal, pagesProofed, states }] : [] };
      }),
    listIssuesOfYear: (publicationId: number, year: number | null) => ({
      issues: api.listIssues().filter((i) => i.publicationId === publicationId && year !== null && i.date?.startsWith(String(year))),
      next: null,
    }),
    listPages: (issueId: number) =>
      [...pages.values()]
        .filter((p) => p.issueId === issueId)
        .map((p) => ({ id: p.id, issueId: p.issueId, pageNumber: p.pageNumber, sourceName: p.sourceName, state: p.state, itemCount: p.items.length })),
    getPage(pageId: number): PageRecord {
      const p = pages.get(pageId);
      if (!p) throw new ArchiveError('not-found', `page ${pageId} not found`);
      return structuredClone(p);
    },
    savePage(input: SavePageInput, actor: Actor) {
      const p = api.getPage(input.pageId);
      if (p.revision !== input.baseRevision) throw new ArchiveError('revision-conflict', `stale revision ${input.baseRevision} (now ${p.revision})`);
      const revision = p.revision + 1;
      pages.set(p.id, { ...p, text: input.text, items: input.items, revision });
      log.push(`save ${p.id} r${revision} by ${actor.name}`);
      return { revision };
    },
    editPage(input: EditPageInput, actor: Actor) {
      const p = api.getPage(input.pageId);
      if (p.revision !== input.baseRevision) throw new ArchiveError('revision-conflict', `stale revision ${input.baseRevision} (now ${p.revision})`);
      const after = applyOps(p, input.ops);
      const revision = p.revision + 1;
      const items = after.items.map((it, i) => ({ ...it, id: it.id ?? 1000 * p.id + revision * 10 + i }));
      pages.set(p.id, { ...p, text: after.text, items, revision });
      log.push(`edit ${p.id} r${revision} ${input.ops.map((o) => o.op).join(',')} by ${actor.name}`);
      return { revision, itemIds: items.map((it) => it.id) };
    },
    setPageState(pageId: number, state: PageState) {
      const p = api.getPage(pageId);
      pages.set(pageId, { ...p, state });
    },
    getIssueMasthead: () => null,
    search: () => [],
    searchPage: () => ({ total: 0, capped: false, hits: [] }),
    searchAllIds: () => [],
    // Review: no profiles (the session acts as the OS user, an editor), open issue 1.
    listProfiles: () => [],
    getProfile: () => null,
    getSetting: () => null,
    setSetting() {},
    getIssue: (issueId: number) => {
      const found = api.listIssues().find((i) => i.id === issueId);
      if (!found) throw new ArchiveError('not-found', `issue ${issueId} not found`);
      return found;
    },
  };
  return api as unknown as Archive & { pages: Map<number, PageRecord>; log: string[] };
}
