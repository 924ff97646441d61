// Pages through the AsyncArchive interface: saving with conflict protection, item ids kept,
// restore, page states with their revisions, the revision log's details, and not-found errors.
import { describe, expect, it } from 'vitest';
import { ArchiveError } from '../../electron/archive/archive-api.ts';
import { editor, frontPage, imp, page, type OpenSuiteArchive } from './support.ts';

export function pagesSuite(open: OpenSuiteArchive): void {
  describe('savePage and revisions', () => {
    it('refuses a save based on a stale revision with revision-conflict, and keeps the first save', async () => {
      const a = await open();
      const { pageId } = await a.importPage(page('p01.txt', frontPage()), imp);
      const p = await a.getPage(pageId);
      expect(await a.savePage({ pageId, baseRevision: 0, text: p.text + '\n', items: p.items }, editor)).toEqual({ revision: 1 });
      const stale = a.savePage({ pageId, baseRevision: 0, text: 'lost', items: p.items }, editor);
      await expect(stale).rejects.toBeInstanceOf(ArchiveError);
      await expect(stale).rejects.toMatchObject({ code: 'revision-conflict', message: expect.stringMatching(/revision 0.*revision 1/) });
      const now = await a.getPage(pageId);
      expect(now.revision).toBe(1);
      expect(now.text).toBe(p.text + '\n');
    });

    it('two saves from the same base at once: exactly one wins, the other gets revision-conflict', async () => {
      const a = await open();
      const { pageId } = await a.importPage(page('p01.txt', frontPage()), imp);
      const p = await a.getPage(pageId);
      const results = await Promise.allSettled(
        ['甲', '乙', '丙'].map((mark) => a.savePage({ pageId, baseRevision: 0, text: p.text + mark, items: p.items }, editor)),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused).toHaveLength(2);
      for (const r of refused) expect(r.reason).toMatchObject({ code: 'revision-conflict' });
      expect((await a.listRevisions(pageId)).map((r) => r.action)).toEqual(['import', 'save']);
    });

    it('keeps item ids across a save, replaces contributors and tags, normalises CRLF', async () => {
      const a = await open();
      const { pageId } = await a.importPage(page('p01.txt', frontPage()), imp);
      const p = await a.getPage(pageId);
      const target = p.items.find((i) => i.headline === '湘江大桥今日通车')!;
      const items = p.items.map((i) =>
        i.id === target.id ? { ...i, headline: '耒水大桥今日通车', editedFields: ['headline' as const], tags: ['交通'], contributors: [{ name: '李四', role: 'photographer' as const }] } : i,
      );
      await a.savePage({ pageId, baseRevision: 0, text: p.text.replace(/\n/g, '\r\n'), items }, editor);
      const after = await a.getPage(pageId);
      expect(after.text).toBe(p.text);
      expect(after.items.map((i) => i.id)).toEqual(p.items.map((i) => i.id));
      expect(after.items.find((i) => i.id === target.id)).toMatchObject({
        headline: '耒水大桥今日通车',
        editedFields: ['headline'],
        tags: ['交通'],
        contributors: [{ name: '李四', role: 'photographer' }],
      });
      // A new item (no id) gets one; a dropped item is gone.
      const added = await a.savePage({ pageId, baseRevision: 1, text: after.text, items: [...after.items.slice(1), { ...after.items[0]!, id: undefined, headline: '新条目' }] }, editor);
      expect(added.revision).toBe(2);
      const third = await a.getPage(pageId);
      expect(third.items).toHaveLength(p.items.length);
      expect(third.items.at(-1)!.id).not.toBe(p.items[0]!.id);
      expect(third.items.at(-1)!.headline).toBe('新条目');
      expect(third.items.slice(0, -1).map((i) => i.id)).toEqual(p.items.slice(1).map((i) => i.id));
    });

    it('restoreRevision puts back an earlier state as a new revision', async () => {
      const a = await open();
      const { pageId } = await a.importPage(page('p01.txt', frontPage()), imp);
      const v0 = await a.getPage(pageId);
      const r1 = await a.savePage({ pageId, baseRevision: 0, text: v0.text + '\n改1', items: v0.items.slice(0, 2) }, editor);
      const v1 = await a.getPage(pageId);
      await a.savePage({ pageId, baseRevision: r1.revision, text: v1.text + '\n改2', items: v1.items.slice(0, 1) }, editor);
      expect((await a.getPage(pageId)).items).toHaveLength(1);

      expect(await a.restoreRevision(pageId, 0, editor)).toEqual({ revision: 3 });
      const back = await a.getPage(pageId);
      expect(back.text).toBe(v0.text);
      expect(back.items.map((i) => i.headline)).toEqual(v0.items.map((i) => i.headline));
      expect(back.revision).toBe(3);
      expect((await a.search('湘江大桥')).length).toBeGreaterThan(0);

      await a.restoreRevision(pageId, 1, editor);
      expect((await a.getPage(pageId)).text).toBe(v1.text);
      expect((await a.listRevisions(pageId)).map((r) => [r.action, r.pageRevision])).toEqual([
        ['import', 0],
        ['save', 1],
        ['save', 2],
        ['restore', 3],
        ['restore', 4],
      ]);
      await expect(a.restoreRevision(pageId, 99, editor)).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/no revision 99/) });
      await expect(a.restoreRevision(pageId, -1, editor)).rejects.toMatchObject({ code: 'invalid-input' });
    });

    it('logs state changes with who, before and after; the issue follows its pages', async () => {
      const a = await open();
      const { pageId, issueId } = await a.importPage(page('p01.txt', frontPage()), imp);
      const who = { name: '王编辑', profileId: 'p-wang', role: 'editor' as const };
      await a.setPageState(pageId, 'in-progress', who);
      expect((await a.getIssue(issueId)).state).toBe('in-progress');
      await a.setPageState(pageId, 'proofed', who);
      await a.setPageState(pageId, 'proofed', who); // unchanged: nothing logged
      expect((await a.getPage(pageId)).state).toBe('proofed');
      expect(await a.getIssue(issueId)).toMatchObject({ id: issueId, pagesProofed: 1, state: 'proofed' });
      const details = (await a.listRevisionDetails(pageId)).filter((r) => r.action === 'state');
      expect(details.map((d) => [d.before, d.after, d.actor, d.profileId, d.role, d.pageRevision])).toEqual([
        [{ state: 'imported' }, { state: 'in-progress' }, '王编辑', 'p-wang', 'editor', 0],
        [{ state: 'in-progress' }, { state: 'proofed' }, '王编辑', 'p-wang', 'editor', 0],
      ]);
      const one = await a.getRevision(details[1]!.id);
      expect(one).toEqual(details[1]);
      await expect(a.setPageState(pageId, 'bogus' as never, editor)).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/page state/) });
    });

    it('lists the revision details with whole snapshots, oldest first', async () => {
      const a = await open();
      const { pageId } = await a.importPage(page('p01.txt', frontPage()), imp);
      const p = await a.getPage(pageId);
      await a.savePage({ pageId, baseRevision: 0, text: p.text + '改', items: p.items }, { name: 'x', role: 'archivist' });
      const [imported, saved] = await a.listRevisionDetails(pageId);
      expect(imported).toMatchObject({ action: 'import', before: null, entity: 'page', entityId: pageId, profileId: null, role: null });
      expect((imported!.after as { text: string }).text).toBe(p.text);
      expect(saved).toMatchObject({ action: 'save', pageRevision: 1, role: 'archivist' });
      expect((saved!.before as { text: string }).text).toBe(p.text);
      expect((saved!.after as { text: string; items: unknown[] }).text).toBe(p.text + '改');
      expect(saved!.at >= imported!.at).toBe(true);
    });

    it('answers not-found for pages, revisions and items that do not exist, and invalid-input for a malformed save', async () => {
      const a = await open();
      await expect(a.getPage(999)).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/page 999 does not exist/) });
      await expect(a.getPage(1.5)).rejects.toMatchObject({ code: 'not-found' });
      await expect(a.listRevisions(999)).rejects.toMatchObject({ code: 'not-found' });
      await expect(a.listRevisionDetails(999)).rejects.toMatchObject({ code: 'not-found' });
      await expect(a.getRevision(999)).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/revision 999/) });
      await expect(a.getStory(999)).rejects.toMatchObject({ code: 'not-found' });
      await expect(a.getItem(999)).rejects.toMatchObject({ code: 'not-found' });
      await expect(a.savePage({ pageId: 999, baseRevision: 0, text: '', items: [] }, editor)).rejects.toMatchObject({ code: 'not-found' });
      await expect(a.setPageState(999, 'proofed', editor)).rejects.toMatchObject({ code: 'not-found' });
      await expect(a.savePage({ pageId: 1, baseRevision: -1, text: '', items: [] }, editor)).rejects.toMatchObject({ code: 'invalid-input' });
      await expect(a.savePage({ pageId: 1, baseRevision: 0, text: '', items: [{ kind: 'nonsense' }] } as never, editor)).rejects.toMatchObject({ code: 'invalid-input' });
      expect(await a.listPages(999)).toEqual([]);
    });
  });
}
