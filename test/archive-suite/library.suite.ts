// The paged library (issue 15) through the AsyncArchive interface: the tree's per-year counts from
// aggregates, one publication-year's issues newest first, the keyset cursor, undated issues, and
// an unknown publication — on both archives.
import { describe, expect, it } from 'vitest';
import { imp, page, supervisor, type OpenSuiteArchive } from './support.ts';

export function librarySuite(open: OpenSuiteArchive): void {
  describe('the library, paged by publication and year', () => {
    /** Paper A: two issues in 2021 (one of two pages), one each in 2020 and 2019, one undated; paper B: one in 2021. */
    async function seed() {
      const a = await open();
      const at = async (pub: string, folder: string, name: string, date?: string) =>
        a.importPage(page(`${folder}/${name}`, `${pub}${name}标题\n${folder}正文`, { folderHint: `/${pub}/${folder}`, publicationHint: pub, ...(date ? { dateHint: date } : {}) }), imp);
      const a1 = await at('甲报', '2021-03-01', 'p1.txt', '2021-03-01');
      await at('甲报', '2021-03-01', 'p2.txt', '2021-03-01');
      const a2 = await at('甲报', '2021-11-30', 'p1.txt', '2021-11-30');
      const a3 = await at('甲报', '2020-06-15', 'p1.txt', '2020-06-15');
      const a4 = await at('甲报', '2019-01-02', 'p1.txt', '2019-01-02');
      const a5 = await at('甲报', 'scans', 'p1.txt');
      const b1 = await at('乙报', '2021-03-01', 'p1.txt', '2021-03-01');
      const pubs = await a.listPublications();
      const pa = pubs.find((p) => p.title === '甲报')!.id;
      const pb = pubs.find((p) => p.title === '乙报')!.id;
      return { a, pa, pb, a1, a2, a3, a4, a5, b1 };
    }

    it('counts issues, pages and states per year, newest year first and the undated last, with nothing per issue', async () => {
      const { a, pa, pb, a1 } = await seed();
      await a.setPageState(a1.pageId, 'proofed', supervisor);
      const tree = await a.libraryTree();
      expect(tree.map((p) => p.title)).toEqual((await a.listPublications()).map((p) => p.title));
      const A = tree.find((p) => p.id === pa)!;
      expect(A.years.map((y) => y.year)).toEqual([2021, 2020, 2019, null]);
      expect(A.years[0]).toMatchObject({ issues: 2, pages: 3, pagesProofed: 1 });
      expect(A.years.map((y) => y.issues)).toEqual([2, 1, 1, 1]);
      expect(A.years.map((y) => y.pages)).toEqual([3, 1, 1, 1]);
      // The states add up to the issues, and agree with the issues' own states.
      const issues = await a.listIssues(pa);
      for (const y of A.years) {
        const inYear = issues.filter((i) => (i.date === null ? null : Number(i.date.slice(0, 4))) === y.year);
        expect(Object.values(y.states).reduce((n, k) => n + k, 0)).toBe(y.issues);
        for (const [state, n] of Object.entries(y.states)) expect(inYear.filter((i) => i.state === state).length).toBe(n);
      }
      expect(tree.find((p) => p.id === pb)!.years).toEqual([{ year: 2021, issues: 1, pages: 1, pagesProofed: 0, states: { imported: 1, 'in-progress': 0, proofed: 0, approved: 0, exported: 0 } }]);
      // Nothing per issue: the tree holds publications and years only.
      expect(JSON.stringify(tree)).not.toContain('2021-03-01');
    });

    it('lists one publication-year newest first, exactly the issues listIssues has for it', async () => {
      const { a, pa, pb, a1, a2, b1 } = await seed();
      const year = await a.listIssuesOfYear(pa, 2021, { limit: 500 });
      expect(year.issues.map((i) => i.id)).toEqual([a2.issueId, a1.issueId]);
      expect(year.next).toBeNull();
      const all = await a.listIssues(pa);
      expect(year.issues).toEqual(all.filter((i) => i.date?.startsWith('2021')).reverse());
      expect(year.issues[1]).toMatchObject({ date: '2021-03-01', pagesTotal: 2, publicationId: pa });
      expect((await a.listIssuesOfYear(pb, 2021, { limit: 500 })).issues.map((i) => i.id)).toEqual([b1.issueId]);
      expect(await a.listIssuesOfYear(pa, 2018, { limit: 500 })).toEqual({ issues: [], next: null });
    });

    it('pages through a year with a cursor, and lists the undated issues as a year of their own', async () => {
      const { a, pa, a5 } = await seed();
      // Two more issues in 2021, one on its last day.
      await a.importPage(page('x/p1.txt', '丙\n文', { folderHint: '/甲报/x', publicationHint: '甲报', dateHint: '2021-12-31' }), imp);
      await a.importPage(page('y/p1.txt', '丁\n文', { folderHint: '/甲报/y', publicationHint: '甲报', dateHint: '2021-07-04' }), imp);
      const whole = (await a.listIssuesOfYear(pa, 2021, { limit: 500 })).issues;
      expect(whole.map((i) => i.date)).toEqual(['2021-12-31', '2021-11-30', '2021-07-04', '2021-03-01']);
      const walked: number[] = [];
      let cursor: { date: string | null; id: number } | undefined;
      for (let i = 0; i < 10; i++) {
        const part = await a.listIssuesOfYear(pa, 2021, { limit: 1, ...(cursor ? { cursor } : {}) });
        walked.push(...part.issues.map((x) => x.id));
        if (!part.next) break;
        cursor = part.next;
      }
      expect(walked).toEqual(whole.map((i) => i.id));
      const undated = await a.listIssuesOfYear(pa, null, { limit: 500 });
      expect(undated.issues.map((i) => i.id)).toEqual([a5.issueId]);
      expect(undated.issues[0]!.date).toBeNull();
    });

    it('refuses a publication that does not exist as not found', async () => {
      const { a } = await seed();
      await expect(a.listIssuesOfYear(987654, 2021, { limit: 10 })).rejects.toMatchObject({ code: 'not-found' });
    });
  });
}
