// Issue 14, one size limit for a page: a split on a page that already has the most items a page
// may have (10,000) is refused at the keystroke with 'page-too-many-items' (worded in the user's
// language), nothing is painted or sent; one item fewer and the split goes through and is saved.
import { describe, expect, it, vi } from 'vitest';
import type { PageRecord, StoredItem } from '../../shared/domain.ts';
import { MAX_PAGE_ITEMS } from '../../shared/page-limits.ts';
import { fakeApi, type FakeHandlers } from './fake-api.ts';
import { createAppStore } from '../../renderer/state/store.ts';
import { fakeDerive } from './fake-engine.ts';
import { lineStarts } from '../../renderer/model/page-model.ts';
import { localizeHostMessage } from '../../renderer/messages.ts';
import { createInstance } from 'i18next';
import { STRINGS } from '../../shared/i18n.ts';

function setup(itemCount: number) {
  const text = Array.from({ length: itemCount }, (_, i) => `标题${i}\n正文${i}`).join('\n');
  const starts = lineStarts(text).filter((_, line) => line % 2 === 0);
  const items: StoredItem[] = fakeDerive(text, starts).map((it, k) => ({ ...it, id: k + 1, editedFields: [], tags: [] }));
  const page: PageRecord = { id: 7, issueId: 1, pageNumber: 1, sourceName: 'p1.txt', encoding: 'UTF-8', contentHash: 'x', text, state: 'in-progress', masthead: null, items, revision: 1 };
  const calls: string[] = [];
  const handlers: FakeHandlers = {
    'page.get': () => structuredClone(page),
    'library.pages': () => [],
    'library.tree': () => ({ publications: [], issues: [] }),
    'engine.derive': (r) => {
      calls.push('engine.derive');
      return { items: fakeDerive(r.text, r.starts, r.kinds) };
    },
    'page.edit': () => {
      calls.push('page.edit');
      return { revision: 2, itemIds: [] };
    },
  };
  const store = createAppStore({ api: fakeApi(handlers), language: 'en', saveDelayMs: 20, rederiveDelayMs: 20 });
  return { store, calls, text };
}

describe('a split at the page size limit', () => {
  it('is refused with the limit named, and nothing is painted or sent', async () => {
    const t = setup(MAX_PAGE_ITEMS);
    await t.store.getState().openPage(7);
    expect(t.store.getState().session!.history.present.items).toHaveLength(MAX_PAGE_ITEMS);
    await t.store.getState().split(t.text.indexOf('正文5'));
    const st = t.store.getState();
    expect(st.session!.history.present.items).toHaveLength(MAX_PAGE_ITEMS);
    expect(st.session!.history.past).toHaveLength(0);
    expect(st.errorReason).toMatchObject({ code: 'bad-request', reason: 'page-too-many-items', details: { items: MAX_PAGE_ITEMS + 1, max: MAX_PAGE_ITEMS } });
    expect(t.calls).toEqual([]);
    for (const [lng, words] of [['en', /at most 10,?000/], ['zh-CN', /最多 10,?000 个/]] as const) {
      const i = createInstance();
      await i.init({ lng, resources: { [lng]: { translation: STRINGS[lng] } }, interpolation: { escapeValue: false } });
      expect(localizeHostMessage(i.t.bind(i) as (k: string, o?: Record<string, unknown>) => string, st.error ?? '', st.errorReason)).toMatch(words);
    }
  });

  it('one item below the limit, the split is made and saved', async () => {
    vi.useFakeTimers();
    try {
      const t = setup(MAX_PAGE_ITEMS - 1);
      await t.store.getState().openPage(7);
      await t.store.getState().split(t.text.indexOf('正文5'));
      await vi.advanceTimersByTimeAsync(200);
      expect(t.store.getState().session!.history.present.items).toHaveLength(MAX_PAGE_ITEMS);
      expect(t.store.getState().errorReason).toBeNull();
      expect(t.calls).toContain('page.edit');
    } finally {
      vi.useRealTimers();
    }
  });
});
