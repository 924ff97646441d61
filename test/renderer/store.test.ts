// The app store against a fake API without an engine worker: structural changes take the host's items, undo across
// structural and field edits, debounced autosave with the base revision, stale saves.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageRecord, StoredItem } from '../../shared/domain.ts';
import type { Req } from '../../shared/ipc.ts';
import { lineStarts } from '../../renderer/model/page-model.ts';
import { fakeApi, type FakeHandlers } from './fake-api.ts';
import { createAppStore } from '../../renderer/state/store.ts';
import { fakeDerive } from './fake-engine.ts';
import { applyOps } from '../../core/edit/index.ts';
import { editOpsSchema } from '../../shared/edit-ops.ts';

const TEXT = ['Title A', 'a1', 'a2', 'Title B', 'b1', 'b2'].join('\n');
const ls = lineStarts(TEXT);

function fakeHost() {
  const items: StoredItem[] = fakeDerive(TEXT, [0, ls[3]!]).map((i) => ({ ...i, editedFields: [], tags: [] }));
  const page: PageRecord = {
    id: 7,
    issueId: 1,
    pageNumber: 1,
    sourceName: 'p1.txt',
    encoding: 'UTF-8',
    contentHash: 'x',
    text: TEXT,
    state: 'imported',
    masthead: null,
    items,
    revision: 3,
  };
  const saves: Req<'page.edit'>[] = [];
  let deriveCalls = 0;
  const handlers: FakeHandlers = {
    'page.get': () => structuredClone(page),
    'library.pages': () => [],
    'library.tree': () => ({ publications: [], issues: [] }),
    'engine.derive': (r) => {
      deriveCalls++;
      return { items: fakeDerive(r.text, r.starts, r.kinds) };
    },
    'page.edit': (r) => {
      if (r.baseRevision !== page.revision) throw new Error('stale revision');
      saves.push(r);
      page.revision++;
      const after = applyOps(page, editOpsSchema.parse(r.ops));
      page.text = after.text;
      page.items = after.items as StoredItem[];
      return { revision: page.revision, itemIds: [] };
    },
  };
  const api = fakeApi(handlers);
  return { api, page, saves, derives: () => deriveCalls };
}

describe('app store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('splits with the host engine items in one undo step', async () => {
    const f = fakeHost();
    const store = createAppStore({ api: f.api, language: 'en', saveDelayMs: 400 });
    await store.getState().openPage(7);
    const p = store.getState().split(ls[4]!);
    await vi.advanceTimersByTimeAsync(0);
    await p;
    const s = store.getState().session!;
    expect(s.history.present.items.map((i) => i.start)).toEqual([0, ls[3], ls[4]]);
    expect(s.history.present.items[2]!.headline).toBe('b1');
    expect(s.history.past).toHaveLength(1);
    expect(s.selected).toBe(2);
    expect(f.derives()).toBe(1);
    store.getState().undo();
    expect(store.getState().session!.history.present.items).toHaveLength(2);
  });

  it('keeps hand edits through merges and undoes field and structural edits alike', async () => {
    const f = fakeHost();
    const store = createAppStore({ api: f.api, language: 'en' });
    await store.getState().openPage(7);
    store.getState().setField(0, 'headline', 'Hand A');
    await store.getState().mergeItem(1);
    let doc = store.getState().session!.history.present;
    expect(doc.items).toHaveLength(1);
    expect(doc.items[0]!.headline).toBe('Hand A');
    store.getState().undo();
    doc = store.getState().session!.history.present;
    expect(doc.items).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().session!.history.present.items[0]!.headline).toBe('Title A');
    store.getState().redo();
    expect(store.getState().session!.history.present.items[0]!.headline).toBe('Hand A');
  });

  it('autosaves within a second with the base revision, showing saving/saved', async () => {
    const f = fakeHost();
    const store = createAppStore({ api: f.api, language: 'en', saveDelayMs: 400 });
    await store.getState().openPage(7);
    store.getState().setField(1, 'byline', 'by X');
    expect(store.getState().saveState).toBe('pending');
    await vi.advanceTimersByTimeAsync(399);
    expect(f.saves).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(10);
    expect(f.saves).toHaveLength(1);
    expect(f.saves[0]!.baseRevision).toBe(3);
    expect(store.getState().saveState).toBe('saved');
    store.getState().setField(1, 'byline', 'by Y');
    await vi.advanceTimersByTimeAsync(1000);
    expect(f.saves[1]!.baseRevision).toBe(4);
    expect(f.page.items[1]!.byline).toBe('by Y');
    expect(f.page.items[1]!.editedFields).toEqual(['byline']);
  });

  it('reports a stale revision instead of overwriting', async () => {
    const f = fakeHost();
    const store = createAppStore({ api: f.api, language: 'en', saveDelayMs: 10 });
    await store.getState().openPage(7);
    f.page.revision = 99; // changed elsewhere
    store.getState().setField(0, 'kicker', 'k');
    await vi.advanceTimersByTimeAsync(50);
    expect(store.getState().saveState).toBe('error');
    expect(store.getState().saveError).toContain('stale');
  });

  it('shifts split points through a text edit and re-derives keeping hand edits', async () => {
    const f = fakeHost();
    const store = createAppStore({ api: f.api, language: 'en', rederiveDelayMs: 100 });
    await store.getState().openPage(7);
    store.getState().setField(1, 'headline', 'Hand B');
    store.getState().editText([{ offset: 0, length: 0, text: 'XX' }]);
    const doc = store.getState().session!.history.present;
    expect(doc.items[1]!.start).toBe(ls[3]! + 2);
    await vi.advanceTimersByTimeAsync(150);
    const after = store.getState().session!.history.present;
    expect(after.items[0]!.headline).toBe('XXTitle A');
    expect(after.items[1]!.headline).toBe('Hand B');
  });
});
