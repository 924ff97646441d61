// The app store and the review issue: tags changed in the archive update every copy of the doc
// without an undo step, and a save the host refuses for good puts the archive's copy back.
import { describe, expect, it } from 'vitest';
import type { PageRecord, StoredItem } from '../../shared/domain.ts';
import { lineStarts } from '../../renderer/model/page-model.ts';
import { fakeApi, type FakeHandlers } from './fake-api.ts';
import { createAppStore } from '../../renderer/state/store.ts';
import { applyOps } from '../../core/edit/index.ts';
import { editOpsSchema } from '../../shared/edit-ops.ts';
import { fakeDerive } from './fake-engine.ts';

const TEXT = ['Title A', 'a1', 'a2', 'Title B', 'b1', 'b2'].join('\n');

function setup(options: { refuse?: boolean } = {}) {
  const ls = lineStarts(TEXT);
  const items: StoredItem[] = fakeDerive(TEXT, [0, ls[3]!]).map((i, k) => ({ ...i, id: k + 1, editedFields: [], tags: [] }));
  const page: PageRecord = { id: 7, issueId: 1, pageNumber: 1, sourceName: 'p1.txt', encoding: 'UTF-8', contentHash: 'x', text: TEXT, state: 'imported', masthead: null, items, revision: 3 };
  const handlers: FakeHandlers = {
    'page.get': () => structuredClone(page),
    'library.pages': () => [],
    'library.tree': () => ({ publications: [], issues: [] }),
    'engine.derive': (r) => ({ items: fakeDerive(r.text, r.starts, r.kinds) }),
    'page.edit': (r) => {
      if (options.refuse) throw Object.assign(new Error('This issue is approved; a supervisor must reopen it before its pages can be changed.'), { code: 'refused' });
      page.revision++;
      page.items = applyOps(page, editOpsSchema.parse(r.ops)).items as StoredItem[];
      return { revision: page.revision, itemIds: [] };
    },
  };
  const api = fakeApi(handlers);
  return { store: createAppStore({ api, language: 'en', saveDelayMs: 5, rederiveDelayMs: 5 }), page };
}

describe('store: review', () => {
  it('applies tags from the archive to every copy, keeping unsaved state and undo history', async () => {
    const { store } = setup();
    await store.getState().openPage(7);
    store.getState().setField(0, 'headline', 'Edited');
    const before = store.getState().session!;
    expect(before.history.present).not.toBe(before.savedDoc);
    store.getState().applyItemTags(2, ['衡阳'], 9);
    const s = store.getState().session!;
    expect(s.revision).toBe(9);
    expect(s.history.present.items[1]!.tags).toEqual(['衡阳']);
    expect(s.savedDoc.items[1]!.tags).toEqual(['衡阳']);
    expect(s.history.past.every((d) => d.items[1]!.tags[0] === '衡阳')).toBe(true);
    expect(s.history.past).toHaveLength(before.history.past.length);
    expect(s.history.present).not.toBe(s.savedDoc); // still unsaved
    store.getState().undo();
    expect(store.getState().session!.history.present.items[1]!.tags).toEqual(['衡阳']); // undo does not drop the tag
  });

  it('reports a refused save as a refusal and reloads the archived page', async () => {
    const { store } = setup({ refuse: true });
    await store.getState().openPage(7);
    store.getState().setField(0, 'headline', 'Not allowed');
    await store.getState().flushSave();
    await new Promise((r) => setTimeout(r, 20));
    const st = store.getState();
    expect(st.errorKey).toBe('refused');
    expect(st.error).toMatch(/approved/);
    expect(st.session!.history.present.items[0]!.headline).toBe('Title A');
    expect(st.session!.history.present).toBe(st.session!.savedDoc);
  });
});
