// Stories, items and export through the AsyncArchive interface: jump lines joined across pages of
// one issue, items by id and per issue, and everything an export gathers.
import { describe, expect, it } from 'vitest';
import { issueExportSchema } from '../../shared/export.ts';
import { editor, frontPage, imp, innerPage, page, supervisor, type OpenSuiteArchive } from './support.ts';

export function storiesExportSuite(open: OpenSuiteArchive): void {
  describe('jump lines and items', () => {
    it('links "转第6版" on page 1 with "上接第1版" on page 6 of the same issue into one story', async () => {
      const a = await open();
      const p1 = await a.importPage(page('p01.txt', frontPage(), { folderHint: '/d' }), imp);
      const p6 = await a.importPage(page('p06.txt', innerPage(6, '湘江大桥今日通车\n(上接第1版)市民可从东岸直达西岸。\n\n别的新闻\n正文'), { folderHint: '/d', dateHint: '2021-10-29' }), imp);
      expect(p6.issueId).toBe(p1.issueId);
      const head = (await a.getPage(p1.pageId)).items.find((i) => i.continuedOn === 6)!;
      const tail = (await a.getPage(p6.pageId)).items.find((i) => i.continuedFrom === 1)!;
      const story = await a.getStory(head.id!);
      expect(story).toEqual([
        { itemId: head.id, pageId: p1.pageId, pageNumber: 1, headline: '湘江大桥今日通车', continuedOn: 6, continuedFrom: null },
        { itemId: tail.id, pageId: p6.pageId, pageNumber: 6, headline: '湘江大桥今日通车', continuedOn: null, continuedFrom: 1 },
      ]);
      expect(await a.getStory(tail.id!)).toEqual(story);
      const other = (await a.getPage(p6.pageId)).items.find((i) => i.headline === '别的新闻')!;
      expect(await a.getStory(other.id!)).toHaveLength(1);
    });

    it('does not link pages of different issues, and unlinks a story when a save removes the jump', async () => {
      const a = await open();
      const p1 = await a.importPage(page('p01.txt', frontPage(), { folderHint: '/d' }), imp);
      await a.importPage(page('p06.txt', innerPage(6, '题\n(上接第1版)正文'), { folderHint: '/e', dateHint: '2021-10-30' }), imp);
      const head = (await a.getPage(p1.pageId)).items.find((i) => i.continuedOn === 6)!;
      expect(await a.getStory(head.id!)).toHaveLength(1);

      const p6 = await a.importPage(page('d/p06.txt', innerPage(6, '湘江大桥今日通车\n(上接第1版)正文'), { folderHint: '/d', dateHint: '2021-10-29' }), imp);
      expect(await a.getStory(head.id!)).toHaveLength(2);
      const six = await a.getPage(p6.pageId);
      await a.savePage({ pageId: six.id, baseRevision: six.revision, text: six.text, items: six.items.map((i) => ({ ...i, continuedFrom: null })) }, editor);
      expect(await a.getStory(head.id!)).toHaveLength(1);
    });

    it('getItem and listIssueItems give items with their page, issue and tags', async () => {
      const a = await open();
      const p1 = await a.importPage(page('p01.txt', frontPage()), imp);
      const record = await a.getPage(p1.pageId);
      const item = record.items[1]!;
      await a.setItemTags(item.id!, ['交通'], editor);
      const ref = await a.getItem(item.id!);
      expect(ref).toMatchObject({ pageId: p1.pageId, issueId: p1.issueId, pageNumber: 1, item: { id: item.id, headline: item.headline, tags: ['交通'] } });
      const rows = await a.listIssueItems(p1.issueId);
      expect(rows.map((r) => r.itemId)).toEqual(record.items.map((i) => i.id));
      expect(rows[1]).toEqual({ itemId: item.id, pageId: p1.pageId, pageNumber: 1, kind: item.kind, headline: item.headline, tags: ['交通'] });
    });
  });

  describe('export gather', () => {
    it('gathers the issue, its publication, pages with items and stories, approvals and the revision summary', async () => {
      const a = await open();
      const p1 = await a.importPage(page('p01.txt', frontPage(), { folderHint: '/d' }), imp);
      const p6 = await a.importPage(page('p06.txt', innerPage(6, '湘江大桥今日通车\n(上接第1版)正文'), { folderHint: '/d', dateHint: '2021-10-29' }), imp);
      const front = await a.getPage(p1.pageId);
      await a.savePage({ pageId: front.id, baseRevision: 0, text: front.text + '\n', items: front.items }, { name: '王编辑', role: 'editor' });
      // The workspace saves by typed ops ('edit' revisions): they count too, and a state change does not.
      const inner = await a.getPage(p6.pageId);
      await a.editPage({ pageId: inner.id, baseRevision: inner.revision, ops: [{ op: 'text', at: inner.text.length, remove: '', insert: '。' }] }, { name: '李编辑', role: 'editor' });
      for (const id of [p1.pageId, p6.pageId]) await a.setPageState(id, 'proofed', editor);
      await a.issueEvent(p1.issueId, { type: 'approve' }, supervisor);

      const out = await a.issueForExport(p1.issueId, '2021-11-01T08:00:00.000Z');
      expect(issueExportSchema.safeParse(out).success).toBe(true);
      expect(out.publication).toEqual({ title: '衡阳日报', titleLatin: null, serial: null, code: null });
      expect(out.issue).toMatchObject({ date: '2021-10-29', issueNumber: 17980, state: 'approved', masthead: { title: '衡阳日报' } });
      expect(out.pages.map((p) => [p.pageNumber, p.sourceName])).toEqual([
        [1, 'p01.txt'],
        [6, 'p06.txt'],
      ]);
      const head = out.pages[0]!.items.find((i) => i.continuedOn === 6)!;
      const tail = out.pages[1]!.items.find((i) => i.continuedFrom === 1)!;
      expect(head.storyId).toBe(head.id);
      expect(tail.storyId).toBe(head.id);
      expect(out.pages[0]!.items.filter((i) => i.storyId === undefined).length).toBeGreaterThan(0);
      expect(out.pages[0]!.text).toBe(front.text + '\n');
      expect(out.approvals).toEqual([{ at: expect.any(String), by: 'boss', role: 'supervisor', action: 'approve', reason: null }]);
      expect(out.revisions).toEqual({ count: 2, lastAt: expect.any(String), lastBy: '李编辑' });
      expect(out.exportedAt).toBe('2021-11-01T08:00:00.000Z');
      await expect(a.issueForExport(987654, 'x')).rejects.toMatchObject({ code: 'not-found' });
    });
  });
}
