// The import revision refers to the page instead of copying it (electron/archive/revision-refs.ts):
// the row stays small, and history, getRevision and restore read the page as imported back through
// saves, typed edits (their inverse ops), state changes, tags and a re-import.
import { describe, expect, it } from 'vitest';
import type { StoredItem } from '../../shared/domain.ts';
import { PAGE_REF_JSON, resolvePageRefs } from '../../electron/archive/revision-refs.ts';
import type { RevisionDetail } from '../../electron/archive/archive-api.ts';
import { DamagedRowError, verifyAllRows } from '../../electron/archive/checksums.ts';
import { editor, freshArchive, frontPage } from './helpers.ts';

const strip = (items: (StoredItem & { id?: number })[]) => items.map(({ id: _id, ...rest }) => rest);

describe('import revision as a reference to the page', () => {
  it('stores a marker, not the page, and reads the page as imported back', () => {
    const a = freshArchive();
    const [out] = a.importPages([{ sourceName: '2021-10-29/p01.txt', text: frontPage(), encoding: 'UTF-8' }], { name: 'import' });
    const imported = a.getPage(out!.pageId);
    const row = a.db.raw.prepare(`SELECT id, after_json, before_json FROM revisions WHERE action = 'import'`).get() as { id: number; after_json: string; before_json: string | null };
    expect(row.after_json).toBe(PAGE_REF_JSON);
    expect(row.before_json).toBe('null');
    const expected = { text: imported.text, state: 'imported', items: strip(imported.items) };
    expect(a.getRevision(row.id).after).toEqual(expected);
    expect(a.listRevisionDetails(out!.pageId)[0]!.after).toEqual(expected);
    // verify still checks the revision row (its checksum and chain cover the marker).
    expect(verifyAllRows(a.db.raw).damaged).toEqual([]);
  });

  it('reads it back through a typed edit, a save, a state change and a tag, and restores it', () => {
    const a = freshArchive();
    const [out] = a.importPages([{ sourceName: '2021-10-29/p01.txt', text: frontPage(), encoding: 'UTF-8' }], { name: 'import' });
    const pageId = out!.pageId;
    const p0 = a.getPage(pageId);
    const expected = { text: p0.text, state: 'imported', items: strip(p0.items) };
    const importId = a.listRevisions(pageId)[0]!.id;

    // A typed edit (stores ops): a headline and a character of text.
    const at = p0.items[1]!.start + 1;
    a.editPage(
      {
        pageId,
        baseRevision: 0,
        ops: [
          { op: 'field', index: 1, name: 'headline', from: p0.items[1]!.headline, to: '改过的标题' },
          { op: 'text', at, remove: p0.text.slice(at, at + 1), insert: '新' },
        ],
      },
      editor,
    );
    expect(a.getRevision(importId).after).toEqual(expected);
    a.setPageState(pageId, 'in-progress', editor);
    expect(a.getRevision(importId).after).toEqual(expected);
    // Another edit, then a whole-page save: the save's "before" carries the page from then on.
    const p1 = a.getPage(pageId);
    a.editPage({ pageId, baseRevision: p1.revision, ops: [{ op: 'field', index: 2, name: 'headline', from: p1.items[2]!.headline, to: '又改' }] }, editor);
    const p2 = a.getPage(pageId);
    a.savePage({ pageId, baseRevision: p2.revision, text: `${p2.text}\n补一行`, items: p2.items.map((i, k) => (k === p2.items.length - 1 ? { ...i, end: i.end + 4 } : i)) }, editor);
    a.setItemTags(a.getPage(pageId).items[1]!.id!, ['衡阳'], editor);
    const history = a.listRevisionDetails(pageId);
    expect(history.map((r) => r.action)).toEqual(['import', 'edit', 'state', 'edit', 'save', 'tag']);
    expect(history[0]!.after).toEqual(expected);
    // The edit after the import replays from it, as before the reference.
    expect((history[1]!.before as { text: string }).text).toBe(p0.text);
    expect((history[1]!.after as { items: { headline: string | null }[] }).items[1]!.headline).toBe('改过的标题');

    const restored = a.restoreRevision(pageId, 0, editor);
    const back = a.getPage(pageId);
    expect(back.revision).toBe(restored.revision);
    expect(back.text).toBe(p0.text);
    expect(back.items.map((i) => i.headline)).toEqual(p0.items.map((i) => i.headline));
    expect(a.getRevision(importId).after).toEqual(expected);
    expect(verifyAllRows(a.db.raw).damaged).toEqual([]);
  });

  it('a re-import refers to the page too, and the import before it is read from its "before"', () => {
    const a = freshArchive();
    const [first] = a.importPages([{ sourceName: '2021-10-29/p01.txt', text: frontPage(), encoding: 'UTF-8' }], { name: 'import' });
    const p0 = a.getPage(first!.pageId);
    a.importPages([{ sourceName: '2021-10-29/p01.txt', text: frontPage('2021年10月29日', 17980, '新增的一行'), encoding: 'UTF-8' }], { name: 'import' });
    const p1 = a.getPage(first!.pageId);
    expect(p1.text).not.toBe(p0.text);
    const rows = a.db.raw.prepare(`SELECT action, after_json FROM revisions WHERE entity = 'page' ORDER BY id`).all() as { action: string; after_json: string }[];
    expect(rows).toEqual([
      { action: 'import', after_json: PAGE_REF_JSON },
      { action: 'reimport', after_json: PAGE_REF_JSON },
    ]);
    const [imp, re] = a.listRevisionDetails(first!.pageId);
    expect(imp!.after).toEqual({ text: p0.text, state: 'imported', items: strip(p0.items) });
    expect(re!.after).toEqual({ text: p1.text, state: 'imported', items: strip(p1.items) });
  });

  it('checks the page rows it reads back: damaged page text is refused, not shown as the import', () => {
    const a = freshArchive();
    const [out] = a.importPages([{ sourceName: '2021-10-29/p01.txt', text: frontPage(), encoding: 'UTF-8' }], { name: 'import' });
    // A damaged row, as a flipped byte on disk leaves it: its checksum no longer matches its bytes.
    a.db.raw.prepare(`UPDATE pages SET checksum = ? WHERE id = ?`).run('0'.repeat(64), out!.pageId);
    expect(() => a.listRevisionDetails(out!.pageId)).toThrow(DamagedRowError);
    const importId = a.db.raw.prepare(`SELECT id FROM revisions WHERE action = 'import'`).pluck().get() as number;
    expect(() => a.getRevision(importId)).toThrow(DamagedRowError);
    expect(() => a.restoreRevision(out!.pageId, 0, editor)).toThrow(DamagedRowError);
  });

  it('leaves a reference it cannot read back unresolved (null), never a wrong page', () => {
    const row = (id: number, action: string, before: unknown, after: unknown): RevisionDetail => ({
      id, at: 't', actor: 'a', profileId: null, role: null, entity: 'page', entityId: 1, action, pageRevision: id - 1, before, after,
    });
    const current = { text: 'abc', state: 'imported', items: [] };
    // An edit whose inverse does not fit the page as it is: the page before it is unknown.
    const rows = [row(1, 'import', null, { ref: 'page' }), row(2, 'edit', { ops: [{ op: 'text', at: 0, remove: 'zz', insert: '' }] }, { ops: [] })];
    expect(resolvePageRefs(rows, () => current)[0]!.after).toBeNull();
    // With nothing after it, the page itself.
    expect(resolvePageRefs([rows[0]!], () => current)[0]!.after).toEqual(current);
  });
});
