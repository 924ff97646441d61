// Import through the AsyncArchive interface: storing, dedupe, re-import, kept corrections, batch
// atomicity, files in savepoints, scans and images, and the errors of bad input.
import { describe, expect, it } from 'vitest';
import { ArchiveError } from '../../electron/archive/archive-api.ts';
import { MAX_PAGE_TEXT_CHARS } from '../../shared/page-limits.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { editor, frontPage, imp, innerPage, JPEG_BYTES, page, PNG_BYTES, type OpenSuiteArchive } from './support.ts';

export function importSuite(open: OpenSuiteArchive): void {
  describe('import and dedupe', () => {
    it('stores a page with its masthead facts, publication, issue, items and revision', async () => {
      const a = await open();
      const out = await a.importPage({ sourceName: '2021-10-29/p01.txt', text: frontPage(), encoding: 'UTF-8' }, imp);
      expect(out.status).toBe('imported');
      expect((await a.listPublications()).map((p) => p.title)).toEqual(['衡阳日报']);
      const [issue] = await a.listIssues();
      expect(issue).toMatchObject({ date: '2021-10-29', issueNumber: 17980, pagesTotal: 1, pagesProofed: 0, state: 'imported' });
      const record = await a.getPage(out.pageId);
      expect(record).toMatchObject({ pageNumber: 1, revision: 0, state: 'imported', encoding: 'UTF-8', issueId: out.issueId });
      expect(record.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(record.masthead?.title).toBe('衡阳日报');
      expect(record.items.map((i) => i.headline)).toContain('湘江大桥今日通车');
      expect(record.items.find((i) => i.headline === '加强两地交流合作')?.contributors).toEqual([{ name: '彭斌', role: 'reporter' }]);
      expect((await a.getIssueMasthead(issue!.id))?.issueNumber).toBe(17980);
      expect((await a.listRevisions(out.pageId)).map((r) => [r.action, r.pageRevision, r.actor])).toEqual([['import', 0, 'import']]);
      expect(await a.stats()).toEqual({ publications: 1, issues: 1, pages: 1, items: record.items.length });
      expect(await a.listPages(out.issueId)).toEqual([
        { id: out.pageId, issueId: out.issueId, pageNumber: 1, sourceName: '2021-10-29/p01.txt', state: 'imported', itemCount: record.items.length, doubtCount: 0 },
      ]);
    });

    it('does not duplicate a page imported twice (same content hash), even with CRLF', async () => {
      const a = await open();
      const first = await a.importPage({ sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8' }, imp);
      const again = await a.importPage({ sourceName: 'copy/p01.txt', text: frontPage().replace(/\n/g, '\r\n'), encoding: 'UTF-8' }, imp);
      expect(again).toEqual({ status: 'unchanged', pageId: first.pageId, issueId: first.issueId });
      expect((await a.stats()).pages).toBe(1);
    });

    it('replaces an uncorrected page when a changed version is imported', async () => {
      const a = await open();
      const first = await a.importPage({ sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8' }, imp);
      const second = await a.importPage({ sourceName: 'p01.txt', text: frontPage(undefined, undefined, '\n新增一条\n正文'), encoding: 'UTF-8' }, imp);
      expect(second).toMatchObject({ status: 'imported', pageId: first.pageId });
      expect((await a.stats()).pages).toBe(1);
      const record = await a.getPage(first.pageId);
      expect(record.items.map((i) => i.headline)).toContain('新增一条');
      expect(record.revision).toBe(1);
      expect((await a.listRevisions(first.pageId)).map((r) => r.action)).toEqual(['import', 'reimport']);
    });

    it('keeps an editor’s corrections unless overwriteCorrections is chosen', async () => {
      const a = await open();
      const first = await a.importPage({ sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8' }, imp);
      const record = await a.getPage(first.pageId);
      const items = record.items.map((i) => (i.headline === '湘江大桥今日通车' ? { ...i, headline: '湘江大桥今天通车', editedFields: ['headline' as const] } : i));
      await a.savePage({ pageId: record.id, baseRevision: 0, text: record.text, items }, editor);

      const changed = frontPage(undefined, undefined, '\n另一条\n正文');
      const kept = await a.importPage({ sourceName: 'p01.txt', text: changed, encoding: 'UTF-8' }, imp);
      expect(kept).toEqual({ status: 'kept-corrections', pageId: first.pageId, issueId: first.issueId });
      expect((await a.getPage(first.pageId)).items.map((i) => i.headline)).toContain('湘江大桥今天通车');

      const over = await a.importPage({ sourceName: 'p01.txt', text: changed, encoding: 'UTF-8' }, imp, { overwriteCorrections: true });
      expect(over.status).toBe('imported');
      const now = await a.getPage(first.pageId);
      expect(now.items.map((i) => i.headline)).toEqual(expect.arrayContaining(['湘江大桥今日通车', '另一条']));
      expect(now.items.every((i) => i.editedFields.length === 0)).toBe(true);
    });

    it('treats the same page number from a file of the same stem as the same page (p01.txt re-OCR’d as p01.xml)', async () => {
      const a = await open();
      const txt = await a.importPage(page('d/p02.txt', innerPage(2, '标题\n正文'), { folderHint: '/d', dateHint: '2021-10-29' }), imp);
      const xml = await a.importPage(page('d/p02.xml', innerPage(2, '标题\n正文改'), { folderHint: '/d', dateHint: '2021-10-29' }), imp);
      expect(xml).toMatchObject({ status: 'imported', pageId: txt.pageId });
      const other = await a.importPage(page('d/q02.txt', innerPage(2, '另一份\n正文'), { folderHint: '/d', dateHint: '2021-10-29' }), imp);
      expect(other.pageId).not.toBe(txt.pageId);
      expect((await a.listPages(txt.issueId)).map((p) => p.sourceName)).toEqual(['d/p02.xml', 'd/q02.txt']);
    });

    it('imports several pages in one transaction: a bad one leaves nothing behind', async () => {
      const a = await open();
      const bad = a.importPages([page('p01.txt', frontPage()), { sourceName: '', text: 'x', encoding: 'UTF-8' }], imp);
      await expect(bad).rejects.toBeInstanceOf(ArchiveError);
      await expect(bad).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/page input 1 at sourceName/) });
      expect(await a.stats()).toEqual({ publications: 0, issues: 0, pages: 0, items: 0 });
    });

    it('rolls back when the segmenter fails on a later page of the batch', async () => {
      const a = await open({
        segment: (text, o) => {
          if (text.includes('boom')) throw new Error('engine exploded');
          return fakeSegment(text, o);
        },
      });
      const batch = a.importPages(
        [
          { sourceName: 'a.txt', text: frontPage(), encoding: 'UTF-8' },
          { sourceName: 'b.txt', text: innerPage(2, 'boom\nx'), encoding: 'UTF-8' },
        ],
        imp,
      );
      await expect(batch).rejects.toThrow(/engine exploded/);
      expect(await a.stats()).toEqual({ publications: 0, issues: 0, pages: 0, items: 0 });
    });

    it('refuses a page too big to proof, and a bad date hint, with invalid-input', async () => {
      const a = await open();
      await expect(a.importPage(page('p.txt', 'x', { dateHint: '2021-1-2' }), imp)).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/dateHint/) });
      await expect(a.importPage({ sourceName: 'p.txt', text: 'x', encoding: 'UTF-8' }, { name: '  ' })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/actor/) });
      const huge = 'x'.repeat(MAX_PAGE_TEXT_CHARS + 1);
      await expect(a.importPage({ sourceName: 'big.txt', text: huge, encoding: 'UTF-8', segmentation: { schema: 'galley.segmentation/1', masthead: null, items: [] } }, imp)).rejects.toMatchObject({
        code: 'invalid-input',
        message: expect.stringMatching(/too big to proof/),
      });
      expect((await a.stats()).pages).toBe(0);
    });
  });

  describe('import of files in one batch', () => {
    it('rolls back a failing file alone (its savepoint) and keeps the others, with each outcome', async () => {
      const a = await open();
      const outcomes = await a.importFiles!(
        [
          [page('2021-10-31/p01.txt', frontPage('2021年10月31日', 17982))],
          [page('2021-10-31/p03.txt', innerPage(3, '第三版\n正文'), { dateHint: '2021-10-31' }), { sourceName: 'bad.txt', text: 'x', encoding: '' }],
          [page('2021-10-31/p02.txt', innerPage(2, '正文。'), { dateHint: '2021-10-31' })],
        ],
        editor,
      );
      expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
      const failed = outcomes[1] as { ok: false; error: unknown };
      expect(failed.error).toBeInstanceOf(ArchiveError);
      expect((failed.error as ArchiveError).code).toBe('invalid-input');
      expect(outcomes.flatMap((o) => (o.ok ? o.outcomes.map((x) => x.status) : []))).toEqual(['imported', 'imported']);
      const [issue] = await a.listIssues();
      expect((await a.listPages(issue!.id)).map((p) => p.sourceName)).toEqual(['2021-10-31/p01.txt', '2021-10-31/p02.txt']);
    });

    it('rolls back a file whose page fails while being stored (too big), keeping the rest of the batch', async () => {
      const a = await open();
      const none = { schema: 'galley.segmentation/1' as const, masthead: null, items: [] };
      const outcomes = await a.importFiles!(
        [
          [page('a/p01.txt', frontPage())],
          [page('a/p05.txt', innerPage(5, '五\n正文'), { dateHint: '2021-10-29' }), { sourceName: 'a/huge.txt', text: 'y'.repeat(MAX_PAGE_TEXT_CHARS + 1), encoding: 'UTF-8', segmentation: none }],
        ],
        editor,
      );
      expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
      expect((outcomes[1] as { ok: false; error: ArchiveError }).error.message).toMatch(/too big to proof/);
      expect((await a.stats()).pages).toBe(1);
    });
  });

  describe('scans and images', () => {
    it('stores the scan with its page, returns the image bytes as a Buffer, and shares identical images', async () => {
      const a = await open();
      const regions = { width: 100, height: 200.5, lines: [{ line: 0, box: [1, 2, 30, 4] as [number, number, number, number], text: '衡阳日报' }] };
      const [p1, p2] = await a.importPages(
        [
          page('s/p01.txt', frontPage(), { scan: { image: { bytes: PNG_BYTES, mime: 'image/png' }, regions, source: 'hocr' } }),
          page('s/p02.txt', innerPage(2, '二\n正文'), { dateHint: '2021-10-29', scan: { image: { bytes: PNG_BYTES, mime: 'image/png' }, regions: null, source: 'ocr' } }),
        ],
        imp,
      );
      const image = await a.getPageImage!(p1!.pageId);
      expect(Buffer.isBuffer(image!.bytes)).toBe(true);
      expect([...image!.bytes]).toEqual([...PNG_BYTES]);
      expect(image!.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await a.getPageScan!(p1!.pageId)).toEqual({
        pageId: p1!.pageId,
        image: { sha256: image!.sha256, mime: 'image/png', size: PNG_BYTES.length },
        width: 100,
        height: 200.5,
        lines: regions.lines,
        source: 'hocr',
      });
      expect((await a.getPageImage!(p2!.pageId))!.sha256).toBe(image!.sha256);
      expect(await a.getPageScan!(p2!.pageId)).toMatchObject({ width: 0, height: 0, lines: [], source: 'ocr' });
    });

    it('a re-imported page gets its new scan; a page without a scan has none', async () => {
      const a = await open();
      const first = await a.importPage(page('p01.txt', frontPage(), { scan: { image: { bytes: PNG_BYTES, mime: 'image/png' }, regions: null, source: 'ocr' } }), imp);
      await a.importPage(page('p01.txt', frontPage(undefined, undefined, '\n新\n文'), { scan: { image: { bytes: JPEG_BYTES, mime: 'image/jpeg' }, regions: null, source: 'ocr' } }), imp);
      expect((await a.getPageImage!(first.pageId))!.mime).toBe('image/jpeg');
      const bare = await a.importPage(page('p02.txt', innerPage(2, '二\n文'), { dateHint: '2021-10-29' }), imp);
      expect(await a.getPageScan!(bare.pageId)).toBeNull();
      expect(await a.getPageImage!(bare.pageId)).toBeNull();
      expect(await a.getPageScan!(987654)).toBeNull();
    });
  });
}
