// Issues through the AsyncArchive interface: grouping imported pages, lookups, the state machine
// (approve, export, reopen), the history, and what an approved issue refuses.
import { describe, expect, it } from 'vitest';
import { TransitionError } from '../../core/review/index.ts';
import { UNKNOWN_PUBLICATION } from '../../electron/archive/issues.ts';
import { editor, frontPage, imp, innerPage, page, supervisor, type OpenSuiteArchive } from './support.ts';

export function issuesSuite(open: OpenSuiteArchive): void {
  describe('grouping into issues', () => {
    it('groups pages by masthead, then by the folder and date of pages without one', async () => {
      const a = await open();
      const p1 = await a.importPage(page('2021-10-29/p01.txt', frontPage(), { folderHint: '/x/2021-10-29', dateHint: '2021-10-29', pageNumberHint: 1 }), imp);
      const p2 = await a.importPage(page('2021-10-29/p02.txt', innerPage(2, '标题\n正文'), { folderHint: '/x/2021-10-29', dateHint: '2021-10-29', publicationHint: 'x' }), imp);
      expect(p2.issueId).toBe(p1.issueId);
      expect((await a.getPage(p2.pageId)).pageNumber).toBe(2);
      expect((await a.listPublications()).map((p) => p.title)).toEqual(['衡阳日报']);
    });

    it('adopts an issue first filed under a folder name once its front page arrives', async () => {
      const a = await open();
      const p2 = await a.importPage(page('p02.txt', innerPage(2, '标题\n正文'), { folderHint: '/d', dateHint: '2021-10-29', publicationHint: 'hengyang' }), imp);
      expect((await a.listPublications()).map((p) => p.title)).toEqual(['hengyang']);
      const p1 = await a.importPage(page('p01.txt', frontPage(), { folderHint: '/d' }), imp);
      expect(p1.issueId).toBe(p2.issueId);
      expect((await a.listPublications()).map((p) => p.title)).toEqual(['衡阳日报']);
    });

    it('puts pages of different dates into different issues, and undated pages into the folder’s own issue', async () => {
      const a = await open();
      const d1 = await a.importPage(page('a/20211029_p2.txt', innerPage(2, 'a\nb'), { folderHint: '/a', dateHint: '2021-10-29' }), imp);
      const d2 = await a.importPage(page('a/20211030_p2.txt', innerPage(2, 'c\nd'), { folderHint: '/a', dateHint: '2021-10-30' }), imp);
      const u1 = await a.importPage(page('a/scan1.txt', 'e\nf', { folderHint: '/a' }), imp);
      const u2 = await a.importPage(page('a/scan2.txt', 'g\nh', { folderHint: '/a' }), imp);
      const u3 = await a.importPage(page('b/scan1.txt', 'i\nj', { folderHint: '/b' }), imp);
      expect(new Set([d1.issueId, d2.issueId, u1.issueId, u3.issueId]).size).toBe(4);
      expect(u2.issueId).toBe(u1.issueId);
      const issues = await a.listIssues();
      // Dated issues first, by date; undated ones after.
      expect(issues.map((i) => i.date)).toEqual(['2021-10-29', '2021-10-30', null, null]);
      expect((await a.listPublications()).map((p) => p.title)).toEqual([UNKNOWN_PUBLICATION]);
      expect((await a.listPages(u1.issueId)).map((p) => p.sourceName)).toEqual(['a/scan1.txt', 'a/scan2.txt']);
      const [pub] = await a.listPublications();
      expect(await a.listIssues(pub!.id)).toEqual(issues);
      expect(await a.listIssues(987654)).toEqual([]);
    });

    it('lists pages by page number, unnumbered last, then by name', async () => {
      const a = await open();
      const base = { folderHint: '/z', dateHint: '2021-10-29' };
      await a.importPage(page('z/b.txt', '乙\n文', base), imp);
      await a.importPage(page('z/p03.txt', innerPage(3, '三\n文'), base), imp);
      await a.importPage(page('z/a.txt', '甲\n文', base), imp);
      const first = await a.importPage(page('z/p01.txt', innerPage(1, '一\n文'), base), imp);
      expect((await a.listPages(first.issueId)).map((p) => [p.pageNumber, p.sourceName])).toEqual([
        [1, 'z/p01.txt'],
        [3, 'z/p03.txt'],
        [null, 'z/a.txt'],
        [null, 'z/b.txt'],
      ]);
    });
  });

  describe('issue lookups', () => {
    it('getIssue and findIssue look an issue up by id, or by publication (any case) and date', async () => {
      const a = await open();
      const { issueId } = await a.importPage(page('p01.txt', frontPage()), imp);
      const issue = await a.getIssue(issueId);
      expect(issue).toMatchObject({ id: issueId, date: '2021-10-29', issueNumber: 17980, pagesTotal: 1, pagesProofed: 0, state: 'imported' });
      expect(await a.findIssue(String(issueId))).toEqual(issue);
      expect(await a.findIssue(' 衡阳日报:2021-10-29 ')).toEqual(issue);
      expect(await a.findIssue('衡阳日报:2021-10-30')).toBeNull();
      expect(await a.findIssue('nonsense')).toBeNull();
      expect(await a.findIssue('987654')).toBeNull();
      await expect(a.getIssue(987654)).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/issue 987654 does not exist/) });
      await expect(a.getIssueMasthead(987654)).rejects.toMatchObject({ code: 'not-found' });
      await expect(a.listIssueHistory(987654)).rejects.toMatchObject({ code: 'not-found' });
      await expect(a.listIssueItems(987654)).rejects.toMatchObject({ code: 'not-found' });
    });
  });

  describe('the issue state machine', () => {
    it('approve needs every page proofed and a supervisor; export and reopen follow; the history records each', async () => {
      const a = await open();
      const p1 = await a.importPage(page('p01.txt', frontPage()), imp);
      const p2 = await a.importPage(page('p02.txt', innerPage(2, '二\n文'), { dateHint: '2021-10-29' }), imp);
      const early = a.issueEvent(p1.issueId, { type: 'approve' }, supervisor);
      await expect(early).rejects.toBeInstanceOf(TransitionError);
      await expect(early).rejects.toMatchObject({ code: 'not-proofed' });
      await a.setPageState(p1.pageId, 'proofed', editor);
      expect((await a.getIssue(p1.issueId)).state).toBe('in-progress');
      await a.setPageState(p2.pageId, 'proofed', editor);
      expect((await a.getIssue(p1.issueId)).state).toBe('proofed');
      await expect(a.issueEvent(p1.issueId, { type: 'approve' }, editor)).rejects.toMatchObject({ name: 'ForbiddenError' });

      expect(await a.issueEvent(p1.issueId, { type: 'approve' }, supervisor)).toMatchObject({ state: 'approved', pagesProofed: 2 });
      expect(await a.issueEvent(p1.issueId, { type: 'export' }, supervisor)).toMatchObject({ state: 'exported' });
      await expect(a.issueEvent(p1.issueId, { type: 'reopen', reason: '  ' }, supervisor)).rejects.toMatchObject({ code: 'reason-required' });
      expect(await a.issueEvent(p1.issueId, { type: 'reopen', reason: '错字' }, supervisor)).toMatchObject({ state: 'in-progress' });

      const history = await a.listIssueHistory(p1.issueId);
      expect(history.map((h) => [h.event, h.from, h.to])).toEqual([
        ['pages-changed', 'imported', 'in-progress'],
        ['pages-changed', 'in-progress', 'proofed'],
        ['approve', 'proofed', 'approved'],
        ['export', 'approved', 'exported'],
        ['reopen', 'exported', 'in-progress'],
      ]);
      expect(history[2]).toMatchObject({ by: 'boss', profileId: 'p-boss', role: 'supervisor', reason: null });
      expect(history[4]!.reason).toBe('错字');
      expect(history[0]).toMatchObject({ by: 'editor', profileId: 'user:editor', role: 'editor' });
    });

    it('an approved issue refuses changes to its pages until reopened; an unchanged autosave is a no-op', async () => {
      const a = await open();
      const p1 = await a.importPage(page('p01.txt', frontPage()), imp);
      await a.setPageState(p1.pageId, 'proofed', editor);
      await a.issueEvent(p1.issueId, { type: 'approve' }, supervisor);
      const p = await a.getPage(p1.pageId);

      expect(await a.savePage({ pageId: p.id, baseRevision: p.revision, text: p.text, items: p.items }, editor)).toEqual({ revision: p.revision });
      const changed = a.savePage({ pageId: p.id, baseRevision: p.revision, text: p.text + '改', items: p.items }, editor);
      await expect(changed).rejects.toBeInstanceOf(TransitionError);
      await expect(changed).rejects.toMatchObject({ code: 'issue-locked' });
      await expect(a.setPageState(p.id, 'in-progress', editor)).rejects.toMatchObject({ code: 'issue-locked' });
      await expect(a.restoreRevision(p.id, 0, editor)).rejects.toMatchObject({ code: 'issue-locked' });
      await expect(a.importPage(page('p01.txt', frontPage(undefined, undefined, '\n新\n文')), imp)).rejects.toMatchObject({ code: 'issue-locked' });
      expect((await a.getPage(p.id)).revision).toBe(p.revision);

      await a.issueEvent(p1.issueId, { type: 'reopen', reason: '补改' }, supervisor);
      expect((await a.savePage({ pageId: p.id, baseRevision: p.revision, text: p.text + '改', items: p.items }, editor)).revision).toBe(p.revision + 1);
    });

    it('logs issue events in the revision log too', async () => {
      const a = await open();
      const p1 = await a.importPage(page('p01.txt', frontPage()), imp);
      await a.setPageState(p1.pageId, 'proofed', editor);
      await a.issueEvent(p1.issueId, { type: 'approve' }, supervisor);
      const exported = await a.issueForExport(p1.issueId, '2021-11-01T00:00:00.000Z');
      expect(exported.approvals).toEqual([{ at: expect.any(String), by: 'boss', role: 'supervisor', action: 'approve', reason: null }]);
    });
  });
}
