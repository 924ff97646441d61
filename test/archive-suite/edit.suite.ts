// Typed edit ops through the AsyncArchive interface (editPage): applied in one transaction with one
// small revision (the ops and their inverse), history and restore replaying it, and the refusals.
import { describe, expect, it } from 'vitest';
import type { EditOp } from '../../shared/edit-ops.ts';
import { editor, frontPage, imp, page, supervisor, type OpenSuiteArchive } from './support.ts';

export function editSuite(open: OpenSuiteArchive): void {
  describe('editPage (typed ops)', () => {
    it('applies text and field ops, keeps item ids, and logs one edit revision that history and restore replay', async () => {
      const a = await open();
      const { pageId } = await a.importPage(page('p01.txt', frontPage()), imp);
      const p = await a.getPage(pageId);
      const index = p.items.findIndex((i) => i.headline === '湘江大桥今日通车');
      const at = p.text.indexOf('湘江大桥今日通车');
      const out = await a.editPage(
        {
          pageId,
          baseRevision: 0,
          ops: [
            { op: 'text', at, remove: '湘江', insert: '耒水' },
            { op: 'field', index, name: 'headline', from: '湘江大桥今日通车', to: '耒水大桥今日通车' },
          ],
        },
        editor,
      );
      expect(out).toEqual({ revision: 1, itemIds: p.items.map((i) => i.id) });
      const after = await a.getPage(pageId);
      expect(after.text).toBe(p.text.replace('湘江大桥今日通车', '耒水大桥今日通车'));
      expect(after.items[index]!.headline).toBe('耒水大桥今日通车');
      expect((await a.search('耒水大桥')).map((h) => h.itemId)).toEqual([p.items[index]!.id]);

      const history = await a.listRevisionDetails(pageId);
      expect(history.map((r) => r.action)).toEqual(['import', 'edit']);
      expect((history[1]!.after as { text: string }).text).toBe(after.text);
      expect((history[1]!.before as { text: string }).text).toBe(p.text);

      expect(await a.restoreRevision(pageId, 0, editor)).toEqual({ revision: 2 });
      expect((await a.getPage(pageId)).text).toBe(p.text);
      await a.restoreRevision(pageId, 1, editor);
      const again = await a.getPage(pageId);
      expect(again.text).toBe(after.text);
      expect(again.items[index]!.headline).toBe('耒水大桥今日通车');
    });

    it('a merge op joins two items; stale bases, ops that do not fit and locked issues are refused', async () => {
      const a = await open();
      const { pageId, issueId } = await a.importPage(page('p01.txt', frontPage()), imp);
      const p = await a.getPage(pageId);
      const last = p.items.length - 1;
      // A middle item: SQLite would hand the last (highest) id out again by chance.
      const merged = await a.editPage({ pageId, baseRevision: 0, ops: [{ op: 'merge', index: 1, start: p.items[1]!.start }] }, editor);
      expect(merged.itemIds).toHaveLength(p.items.length - 1);
      expect((await a.getPage(pageId)).items).toHaveLength(p.items.length - 1);
      // Undo (the stored inverse) gives the merged-away item back its own id; a redo merges it again.
      const inverse = ((await a.getRevision((await a.listRevisions(pageId)).at(-1)!.id)).before as { ops: EditOp[] }).ops;
      const undone = await a.editPage({ pageId, baseRevision: 1, ops: inverse }, editor);
      expect(undone.itemIds).toEqual(p.items.map((i) => i.id));
      expect((await a.getPage(pageId)).items.map((i) => [i.id, i.headline, i.start])).toEqual(p.items.map((i) => [i.id, i.headline, i.start]));
      await a.editPage({ pageId, baseRevision: 2, ops: [{ op: 'merge', index: last, start: p.items[last]!.start }] }, editor);

      await expect(a.editPage({ pageId, baseRevision: 0, ops: [{ op: 'text', at: 0, remove: '衡', insert: '衝' }] }, editor)).rejects.toMatchObject({ code: 'revision-conflict' });
      await expect(a.editPage({ pageId, baseRevision: 3, ops: [{ op: 'text', at: 0, remove: '不是这个', insert: 'x' }] }, editor)).rejects.toMatchObject({
        code: 'invalid-input',
        message: expect.stringMatching(/edit-text-mismatch/),
      });
      await expect(a.editPage({ pageId, baseRevision: 3, ops: [] }, editor)).rejects.toMatchObject({ code: 'invalid-input' });
      expect((await a.getPage(pageId)).revision).toBe(3);

      await a.setPageState(pageId, 'proofed', editor);
      await a.issueEvent(issueId, { type: 'approve' }, supervisor);
      await expect(a.editPage({ pageId, baseRevision: 3, ops: [{ op: 'text', at: 0, remove: '衡', insert: '衝' }] }, editor)).rejects.toMatchObject({ code: 'issue-locked' });
    });
  });
}
