// The store sends typed edit ops: a field edit, a split and typing go as their ops; an undo after
// a save goes as the inverse ops (a new revision), and the fake archive applying them with the
// same core ends up with the page on screen.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageRecord, StoredItem } from '../../shared/domain.ts';
import type { Req } from '../../shared/ipc.ts';
import { editOpsSchema } from '../../shared/edit-ops.ts';
import { applyOps } from '../../core/edit/index.ts';
import { lineStarts } from '../../renderer/model/page-model.ts';
import { fakeApi, type FakeHandlers } from './fake-api.ts';
import { createAppStore } from '../../renderer/state/store.ts';
import { fakeDerive } from './fake-engine.ts';

const TEXT = ['Title A', 'a1', 'a2', 'Title B', 'b1', 'b2'].join('\n');
const ls = lineStarts(TEXT);

function setup() {
  const items: StoredItem[] = fakeDerive(TEXT, [0, ls[3]!]).map((i, k) => ({ ...i, id: k + 1, editedFields: [], tags: [] }));
  const page: PageRecord = { id: 7, issueId: 1, pageNumber: 1, sourceName: 'p1.txt', encoding: 'UTF-8', contentHash: 'x', text: TEXT, state: 'in-progress', masthead: null, items, revision: 3 };
  const edits: Req<'page.edit'>[] = [];
  const handlers: FakeHandlers = {
    'page.get': () => structuredClone(page),
    'library.pages': () => [],
    'library.tree': () => ({ publications: [], issues: [] }),
    'engine.derive': (r) => ({ items: fakeDerive(r.text, r.starts, r.kinds) }),
    'page.edit': (r) => {
      if (r.baseRevision !== page.revision) throw new Error('stale revision');
      const after = applyOps(page, editOpsSchema.parse(r.ops));
      edits.push(r);
      page.text = after.text;
      page.revision++;
      // The archive gives a created item its id.
      page.items = after.items.map((it, i) => (it.id === undefined ? { ...it, id: 100 * page.revision + i } : it)) as StoredItem[];
      return { revision: page.revision, itemIds: page.items.map((it) => it.id!) };
    },
  };
  const api = fakeApi(handlers);
  const store = createAppStore({ api, language: 'en', saveDelayMs: 50, rederiveDelayMs: 20 });
  const content = (p: { text: string; items: readonly StoredItem[] }) => ({ text: p.text, items: p.items.map(({ id: _id, ...rest }) => rest) });
  return { store, page, edits, onScreen: () => content(store.getState().session!.history.present), stored: () => content(page) };
}

describe('store: typed edits', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a field edit goes as field ops; its undo after the save as the inverse ops', async () => {
    const t = setup();
    await t.store.getState().openPage(7);
    t.store.getState().setField(1, 'byline', 'by X');
    await vi.advanceTimersByTimeAsync(100);
    expect(t.edits).toHaveLength(1);
    expect(t.edits[0]!.ops).toEqual([
      { op: 'field', index: 1, name: 'byline', from: null, to: 'by X' },
      { op: 'field', index: 1, name: 'editedFields', from: [], to: ['byline'] },
    ]);
    t.store.getState().undo();
    await vi.advanceTimersByTimeAsync(100);
    expect(t.edits).toHaveLength(2);
    expect(t.edits[1]!.baseRevision).toBe(4);
    expect(t.edits[1]!.ops.map((o) => o.op)).toEqual(['field', 'field']);
    expect(t.edits[1]!.ops[1]).toMatchObject({ name: 'byline', from: 'by X', to: null });
    expect(t.stored()).toEqual(t.onScreen());
    t.store.getState().redo();
    await vi.advanceTimersByTimeAsync(100);
    expect(t.page.items[1]!.byline).toBe('by X');
  });

  it('a split, typing and undo travel as ops and leave the archive with the page on screen', async () => {
    const t = setup();
    await t.store.getState().openPage(7);
    await t.store.getState().split(ls[4]!);
    await vi.advanceTimersByTimeAsync(100);
    expect(t.edits.at(-1)!.ops[0]).toMatchObject({ op: 'split', at: ls[4] });
    expect(t.stored()).toEqual(t.onScreen());
    // The item the split made carries the archive's id at once (it can be tagged without a reload).
    expect(t.store.getState().session!.history.present.items.map((i) => i.id)).toEqual(t.page.items.map((i) => i.id));
    expect(t.store.getState().saveState).toBe('saved');
    t.store.getState().editText([{ offset: ls[1]!, length: 0, text: '新' }]);
    await vi.advanceTimersByTimeAsync(200);
    expect(t.edits.at(-1)!.ops[0]).toEqual({ op: 'text', at: ls[1], remove: '', insert: '新' });
    expect(t.stored()).toEqual(t.onScreen());
    // Deleting across a split point: the item joins the one before (a merge op first).
    t.store.getState().editText([{ offset: ls[2]!, length: ls[4]! - ls[2]! + 1, text: '' }]);
    await vi.advanceTimersByTimeAsync(200);
    expect(t.edits.at(-1)!.ops.map((o) => o.op)).toContain('merge');
    expect(t.stored()).toEqual(t.onScreen());
    t.store.getState().undo();
    t.store.getState().undo();
    await vi.advanceTimersByTimeAsync(200);
    expect(t.stored()).toEqual(t.onScreen());
    expect(t.page.text).toBe(TEXT);
    expect(t.edits.every((e) => JSON.stringify(e).length < 4000)).toBe(true);
  });
});
