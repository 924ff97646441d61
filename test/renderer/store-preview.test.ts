// The store with the engine worker: a split shows the worker's items at once and the host's
// replace them in the same undo step; a save waits for the host's items; typing is previewed
// after a short pause and a preview that comes after the host's items is dropped as stale.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageRecord, StoredItem } from '../../shared/domain.ts';
import type { Req } from '../../shared/ipc.ts';
import type { Item, ItemKind } from '../../shared/segmentation.ts';
import type { PreviewEngine } from '../../renderer/engine/client.ts';
import { lineStarts } from '../../renderer/model/page-model.ts';
import { fakeApi, type FakeHandlers } from './fake-api.ts';
import { createAppStore } from '../../renderer/state/store.ts';
import { applyOps } from '../../core/edit/index.ts';
import { editOpsSchema } from '../../shared/edit-ops.ts';
import { fakeDerive } from './fake-engine.ts';

const TEXT = ['Title A', 'a1', 'a2', 'Title B', 'b1', 'b2'].join('\n');
const ls = lineStarts(TEXT);

/** Items marked by who derived them. */
const marked = (who: string) => (text: string, starts: readonly number[], kinds: readonly (ItemKind | null)[]): Item[] =>
  fakeDerive(text, [...starts], [...kinds]).map((i) => ({ ...i, subheadline: who }));

function setup(options: { hostFails?: boolean } = {}) {
  const page: PageRecord = {
    id: 7, issueId: 1, pageNumber: 1, sourceName: 'p1.txt', encoding: 'UTF-8', contentHash: 'x', text: TEXT, state: 'in-progress', masthead: null,
    items: fakeDerive(TEXT, [0, ls[3]!]).map((i) => ({ ...i, editedFields: [], tags: [] })), revision: 3,
  };
  const saves: (Req<'page.edit'> & { items: StoredItem[] })[] = [];
  // Host derivations wait until the test lets them through.
  const held: (() => void)[] = [];
  const handlers: FakeHandlers = {
    'page.get': () => structuredClone(page),
    'library.pages': () => [],
    'library.tree': () => ({ publications: [], issues: [] }),
    'engine.derive': (r) =>
      new Promise((resolve, reject) =>
        held.push(() => (options.hostFails ? reject(Object.assign(new Error('host gone'), { code: 'internal' })) : resolve({ items: marked('host')(r.text, r.starts, r.kinds) }))),
      ),
    'page.edit': (r) => {
      const after = applyOps(page, editOpsSchema.parse(r.ops));
      page.text = after.text;
      page.items = after.items as StoredItem[];
      saves.push({ ...r, items: page.items });
      page.revision++;
      return { revision: page.revision, itemIds: [] };
    },
  };
  const api = fakeApi(handlers);
  const previews: { text: string; resolve: (items: Item[] | null) => void; starts: readonly number[]; kinds: readonly (ItemKind | null)[] }[] = [];
  let immediate = true;
  const engine: PreviewEngine = {
    derive: (text, starts, kinds) =>
      immediate ? Promise.resolve(marked('worker')(text, starts, kinds)) : new Promise((resolve) => previews.push({ text, starts, kinds, resolve })),
    warm: () => undefined,
    dispose: () => undefined,
  };
  const store = createAppStore({ api, language: 'en', engine, saveDelayMs: 50, rederiveDelayMs: 300, previewDelayMs: 100 });
  const releaseHost = async () => {
    while (held.length) held.shift()!();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { store, saves, releaseHost, held, previews, hold: () => (immediate = false) };
}

const present = (store: ReturnType<typeof setup>['store']) => store.getState().session!.history.present;

describe('store with the engine worker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the worker items at once, the host items replace them in one undo step, and only then it saves', async () => {
    const { store, saves, releaseHost } = setup();
    await store.getState().openPage(7);
    const done = store.getState().split(ls[4]!);
    await vi.advanceTimersByTimeAsync(0);
    expect(present(store).items.map((i) => i.start)).toEqual([0, ls[3], ls[4]]);
    expect(present(store).items[2]!.subheadline).toBe('worker');
    expect(store.getState().busy).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(saves).toHaveLength(0); // the worker's items are not what the archive stores
    await releaseHost();
    await done;
    expect(present(store).items.every((i) => i.subheadline === 'host')).toBe(true);
    expect(store.getState().session!.history.past).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(saves).toHaveLength(1);
    expect(saves[0]!.items.map((i) => i.subheadline)).toEqual(['host', 'host', 'host']);
    store.getState().undo();
    expect(present(store).items).toHaveLength(2);
  });

  it('keeps the split when the host fails (the worker items stay, the failure is reported)', async () => {
    const { store, releaseHost } = setup({ hostFails: true });
    await store.getState().openPage(7);
    const done = store.getState().split(ls[1]!);
    await vi.advanceTimersByTimeAsync(0);
    await releaseHost();
    await done;
    expect(present(store).items.map((i) => i.start)).toEqual([0, ls[1], ls[3]]);
    expect(store.getState().error).toBe('host gone');
  });

  it('previews typing after a short pause and drops a preview that comes after the host items', async () => {
    const { store, releaseHost, previews, hold, held } = setup();
    await store.getState().openPage(7);
    hold();
    store.getState().editText([{ offset: ls[4]!, length: 0, text: 'x' }]);
    await vi.advanceTimersByTimeAsync(150);
    expect(previews).toHaveLength(1);
    // The host derives first (after its longer pause); the late preview must not overwrite it.
    await vi.advanceTimersByTimeAsync(300);
    expect(held).toHaveLength(1);
    await releaseHost();
    expect(present(store).items.map((i) => i.subheadline)).toEqual(['host', 'host']);
    const late = previews.shift()!;
    late.resolve(marked('worker')(late.text, late.starts, late.kinds));
    await vi.advanceTimersByTimeAsync(0);
    expect(present(store).items.map((i) => i.subheadline)).toEqual(['host', 'host']);
    // A preview in time shows until the host's items come.
    store.getState().editText([{ offset: ls[4]!, length: 0, text: 'y' }]);
    await vi.advanceTimersByTimeAsync(150);
    const timely = previews.shift()!;
    timely.resolve(marked('worker')(timely.text, timely.starts, timely.kinds));
    await vi.advanceTimersByTimeAsync(0);
    expect(present(store).items.map((i) => i.subheadline)).toEqual(['worker', 'worker']);
    expect(present(store).items[1]!.paragraphs[0]).toBe('yxb1');
    await vi.advanceTimersByTimeAsync(300);
    await releaseHost();
    expect(present(store).items.map((i) => i.subheadline)).toEqual(['host', 'host']);
  });

  it('replays typing made while a split was waiting for its items', async () => {
    const { store, releaseHost, previews, hold } = setup();
    await store.getState().openPage(7);
    hold();
    const done = store.getState().split(ls[4]!);
    await vi.advanceTimersByTimeAsync(0);
    store.getState().editText([{ offset: 0, length: 0, text: 'Z' }]);
    const p = previews.shift()!;
    p.resolve(marked('worker')(p.text, p.starts, p.kinds));
    await vi.advanceTimersByTimeAsync(0);
    expect(present(store).text.startsWith('ZTitle A')).toBe(true);
    expect(present(store).items.map((i) => i.start)).toEqual([0, ls[3]! + 1, ls[4]! + 1]);
    await releaseHost();
    await done;
    // The host's items were for the text before the typing: dropped; the page derives again.
    await vi.advanceTimersByTimeAsync(400);
    await releaseHost();
    expect(present(store).items.map((i) => i.subheadline)).toEqual(['host', 'host', 'host']);
    expect(present(store).items[0]!.headline).toBe('ZTitle A');
  });
});

describe('save state', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is saved again when an undo right after a change returns to what the archive holds', async () => {
    const { store, saves } = setup();
    await store.getState().openPage(7);
    store.getState().setField(0, 'headline', 'Changed');
    expect(store.getState().saveState).toBe('pending');
    store.getState().undo();
    await vi.advanceTimersByTimeAsync(200);
    expect(saves).toHaveLength(0);
    expect(store.getState().saveState).toBe('saved');
  });
});
