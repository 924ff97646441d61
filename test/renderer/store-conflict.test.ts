// Two people saved the same page: the store keeps the editor's version (no silent reload), asks,
// and "reload and keep my change as a copy" loads the archive's page while the editor's text stays
// as a copy that survives a new store (a reload of the tab); "discard" reloads only.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageRecord, StoredItem } from '../../shared/domain.ts';
import { lineStarts } from '../../renderer/model/page-model.ts';
import { fakeApi, type FakeHandlers } from './fake-api.ts';
import { createAppStore } from '../../renderer/state/store.ts';
import { fakeDerive } from './fake-engine.ts';

const TEXT = ['Title A', 'a1', 'a2', 'Title B', 'b1', 'b2'].join('\n');

/** A localStorage for node: the copies must outlive the store. */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

function setup() {
  const ls = lineStarts(TEXT);
  const items: StoredItem[] = fakeDerive(TEXT, [0, ls[3]!]).map((i, k) => ({ ...i, id: k + 1, editedFields: [], tags: [] }));
  const page: PageRecord = { id: 7, issueId: 1, pageNumber: 1, sourceName: 'p1.txt', encoding: 'UTF-8', contentHash: 'x', text: TEXT, state: 'in-progress', masthead: null, items, revision: 3 };
  let gets = 0;
  const handlers: FakeHandlers = {
    'page.get': () => {
      gets++;
      return structuredClone(page);
    },
    'library.pages': () => [],
    'library.tree': () => ({ publications: [], issues: [] }),
    'engine.derive': (r) => ({ items: fakeDerive(r.text, r.starts, r.kinds) }),
    // Someone else saved meanwhile: every save from this tab's base revision is refused.
    'page.edit': () => {
      throw Object.assign(new Error('page 7 changed since revision 3'), { code: 'conflict', reason: 'revision-conflict', details: null });
    },
  };
  const api = fakeApi(handlers);
  const make = () => createAppStore({ api, language: 'en', saveDelayMs: 50, rederiveDelayMs: 20, now: () => 1_765_000_000_000 });
  return { make, page, gets: () => gets };
}

describe('store: a save refused as a conflict', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('localStorage', memoryStorage());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('keeps the edit, asks, and keeps the editor’s version as a copy when the page is reloaded', async () => {
    const t = setup();
    const store = t.make();
    await store.getState().openPage(7);
    store.getState().setField(1, 'byline', '记者 李四');
    await vi.advanceTimersByTimeAsync(200);
    const s = store.getState();
    expect(s.conflict).toMatchObject({ pageId: 7, sourceName: 'p1.txt' });
    // Nothing was thrown away: the tab still shows the edit, and it is still unsaved.
    expect(s.session!.history.present.items[1]!.byline).toBe('记者 李四');
    expect(s.saveState).toBe('error');

    const before = t.gets();
    await store.getState().resolveConflict('keep-copy');
    const after = store.getState();
    expect(after.conflict).toBeNull();
    expect(t.gets()).toBe(before + 1);
    expect(after.session!.history.present.items[1]!.byline).toBe(t.page.items[1]!.byline);
    expect(after.saveState).toBe('saved');
    expect(after.conflictCopies).toEqual([{ pageId: 7, sourceName: 'p1.txt', text: TEXT, at: 1_765_000_000_000 }]);
    // A new tab (a new store) still has the copy; deleting it forgets it for good.
    const again = t.make();
    expect(again.getState().conflictCopies).toHaveLength(1);
    again.getState().dropConflictCopy(again.getState().conflictCopies[0]!);
    expect(t.make().getState().conflictCopies).toEqual([]);
  });

  it('"discard" reloads the page and keeps no copy', async () => {
    const t = setup();
    const store = t.make();
    await store.getState().openPage(7);
    store.getState().setField(1, 'byline', '记者 王五');
    await vi.advanceTimersByTimeAsync(200);
    expect(store.getState().conflict).not.toBeNull();
    await store.getState().resolveConflict('discard');
    expect(store.getState().conflict).toBeNull();
    expect(store.getState().conflictCopies).toEqual([]);
    expect(store.getState().session!.history.present.items[1]!.byline).toBe(t.page.items[1]!.byline);
  });

  it('keeps unsaved edits as a copy of the old archive’s page when the host switches archives', async () => {
    const t = setup();
    const store = t.make();
    await store.getState().openPage(7);
    store.setState({ archive: { kind: 'local', path: '/old/archive.sqlite' } });
    // Nothing typed yet: nothing to keep.
    expect(store.getState().keepUnsavedAsCopy()).toBe(false);
    store.getState().editText([{ offset: 0, length: 5, text: '标题' }]);
    expect(store.getState().keepUnsavedAsCopy()).toBe(true);
    const copy = { pageId: 7, sourceName: 'p1.txt', text: `标题 A${TEXT.slice(7)}`, at: 1_765_000_000_000, archivePath: '/old/archive.sqlite' };
    expect(store.getState().conflictCopies).toEqual([copy]);
    // After the reload on the new archive the copy is still there, tied to the archive it came from.
    expect(t.make().getState().conflictCopies).toEqual([copy]);
  });
});
