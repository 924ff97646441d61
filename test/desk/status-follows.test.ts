// Issue 14: status that followed only after a reload — the first saved edit moves an imported page
// to in progress, and the library's item count follows a split.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageRecord, PageSummary, StoredItem } from '../../shared/domain.ts';
import type { Channel, GalleyApi, Req, Res } from '../../shared/ipc.ts';
import { lineStarts } from '../../renderer/model/page-model.ts';
import { createAppStore } from '../../renderer/state/store.ts';
import { fakeDerive } from '../renderer/fake-engine.ts';
import { applyOps } from '../../core/edit/index.ts';
import { editOpsSchema } from '../../shared/edit-ops.ts';

const TEXT = ['Title A', 'a1', 'a2', 'Title B', 'b1', 'b2'].join('\n');
const ls = lineStarts(TEXT);

function fake(state: PageRecord['state']) {
  const page: PageRecord = {
    id: 7, issueId: 1, pageNumber: 1, sourceName: 'p1.txt', encoding: 'UTF-8', contentHash: 'x', text: TEXT, state,
    masthead: null, items: fakeDerive(TEXT, [0, ls[3]!]).map((i) => ({ ...i, editedFields: [], tags: [] })), revision: 3,
  };
  const calls: string[] = [];
  const summary = (): PageSummary => ({ id: 7, issueId: 1, pageNumber: 1, sourceName: 'p1.txt', state: page.state, itemCount: page.items.length } as unknown as PageSummary);
  const handlers: { [C in Channel]?: (r: Req<C>) => Res<C> } = {
    'page.get': () => structuredClone(page),
    'library.pages': () => [summary()],
    'library.tree': () => ({ publications: [], issues: [] }),
    'engine.derive': (r) => ({ items: fakeDerive(r.text, r.starts, r.kinds) }),
    // The archive applies the editor's ops with the same core as the real one.
    'page.edit': (r) => {
      const after = applyOps(page, editOpsSchema.parse(r.ops));
      page.text = after.text;
      page.items = after.items as StoredItem[];
      page.revision++;
      return { revision: page.revision, itemIds: page.items.map((_, i) => i + 1) };
    },
    'page.setState': (r) => {
      page.state = r.state;
      return { ok: true as const };
    },
  };
  const api: GalleyApi = {
    host: 'browser',
    async invoke(channel, request) {
      calls.push(channel);
      const h = handlers[channel] as ((r: unknown) => unknown) | undefined;
      if (!h) throw new Error(`no fake for ${channel}`);
      await Promise.resolve();
      return h(request) as never;
    },
    on: () => () => undefined,
    importDropped: async () => ({ outcomes: [], cancelled: false }),
  };
  return { api, page, calls };
}

describe('status follows the work', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('an imported page becomes in progress with its first saved edit', async () => {
    const f = fake('imported');
    const store = createAppStore({ api: f.api, language: 'en', saveDelayMs: 10 });
    await store.getState().openPage(7);
    store.getState().setField(0, 'headline', 'Edited');
    await vi.advanceTimersByTimeAsync(50);
    expect(f.page.state).toBe('in-progress');
    expect(store.getState().session!.state).toBe('in-progress');
  });

  it('a split shows in the library’s item count without a reload; a proofed page keeps its state', async () => {
    const f = fake('proofed');
    const store = createAppStore({ api: f.api, language: 'en', saveDelayMs: 10 });
    await store.getState().openPage(7);
    await store.getState().split(ls[4]!);
    await vi.advanceTimersByTimeAsync(50);
    expect((store.getState().pages[1]![0] as unknown as { itemCount: number }).itemCount).toBe(3);
    expect(f.calls).not.toContain('page.setState');
  });
});
