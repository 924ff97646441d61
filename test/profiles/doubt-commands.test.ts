// F8 / Shift+F8 and Confirm: in the command registry, hence the Electron menu, the key dispatcher
// and the help, in both languages; and what they do to the open page.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from '../../electron/electron-main/menu.ts';
import { COMMANDS, matchesKey, type CommandSpec } from '../../shared/commands.ts';
import { HANDLERS } from '../../renderer/commands/handlers.ts';
import type { MenuCommand } from '../../shared/ipc.ts';
import { createAppStore } from '../../renderer/state/store.ts';
import { confirmSelected, goToDoubt, selectedIsDoubt } from '../../renderer/state/doubt-actions.ts';
import type { GalleyApi } from '../../shared/ipc.ts';
import type { PageRecord, StoredItem } from '../../shared/domain.ts';

const flat = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);

const key = (k: string, shift = false) => ({ key: k, code: k, ctrlKey: false, metaKey: false, shiftKey: shift, altKey: false });

describe('doubt commands', () => {
  it('are registered on F8 / Shift+F8 with handlers, and appear in the Electron menu in both languages', () => {
    const spec = (id: string) => (COMMANDS as readonly CommandSpec[]).find((c) => c.id === id)!;
    expect(spec('nextDoubt').keys).toEqual(['F8']);
    expect(spec('prevDoubt').keys).toEqual(['Shift+F8']);
    expect(matchesKey('F8', key('F8'))).toBe(true);
    expect(matchesKey('F8', key('F8', true))).toBe(false);
    expect(matchesKey('Shift+F8', key('F8', true))).toBe(true);
    for (const id of ['nextDoubt', 'prevDoubt', 'confirmDoubt'] as const) expect(HANDLERS[id]).toBeDefined();
    const sent: MenuCommand[] = [];
    for (const [lang, next, prev, confirm] of [
      ['en', 'Next doubt', 'Previous doubt', 'Confirm split and titles'],
      ['zh-CN', '下一处存疑', '上一处存疑', '确认分条与标题'],
    ] as const) {
      const items = flat(menuTemplate(lang, (c) => sent.push(c), false));
      const byLabel = (l: string) => items.find((i) => i.label === l);
      expect(byLabel(next)?.accelerator).toBe('F8');
      expect(byLabel(prev)?.accelerator).toBe('Shift+F8');
      expect(byLabel(next)?.registerAccelerator).toBe(false);
      (byLabel(next)!.click as () => void)();
      (byLabel(confirm)!.click as () => void)();
    }
    expect(sent).toEqual(['nextDoubt', 'confirmDoubt', 'nextDoubt', 'confirmDoubt']);
  });

  it('walk the open page from doubt to doubt and confirm the selected one', async () => {
    const item = (start: number, boundary?: number): StoredItem => ({
      kind: 'article', start, end: start + 2, kicker: null, headline: null, subheadline: null, series: null, byline: null,
      contributors: [], paragraphs: [], continuedOn: null, continuedFrom: null, flags: [], editedFields: [], tags: [],
      ...(boundary === undefined ? {} : { confidence: { boundary, titles: 0.9 } }),
    });
    const page: PageRecord = {
      id: 1, issueId: 1, pageNumber: 1, sourceName: 'p1.txt', encoding: 'UTF-8', contentHash: 'h', text: 'a\nb\nc\nd\n',
      state: 'imported', masthead: null, revision: 0, items: [item(0, 0.99), item(2, 0.4), item(4), item(6, 0.7)],
      model: { version: 'v1', profile: '人民日报', profilePages: 12 },
    };
    const api = {
      host: 'browser',
      invoke: async (channel: string) => {
        if (channel === 'page.get') return page;
        if (channel === 'library.pages') return [];
        if (channel === 'page.edit') return { revision: 1, itemIds: page.items.map((i) => i.id) };
        throw new Error(channel);
      },
      on: () => () => {},
      importDropped: async () => ({ outcomes: [] }),
    } as unknown as GalleyApi;
    const store = createAppStore({ api, language: 'en', saveDelayMs: 10_000 });
    expect(goToDoubt(store, 1)).toBe(false); // no page open
    await store.getState().openPage(1);
    expect(store.getState().session!.model).toEqual({ version: 'v1', profile: '人民日报', profilePages: 12 });
    const sel = () => store.getState().session!.selected;
    expect(goToDoubt(store, 1)).toBe(true);
    expect(sel()).toBe(1);
    goToDoubt(store, 1);
    expect(sel()).toBe(3);
    goToDoubt(store, 1);
    expect(sel()).toBe(1); // wraps
    goToDoubt(store, -1);
    expect(sel()).toBe(3);
    expect(selectedIsDoubt(store)).toBe(true);
    confirmSelected(store);
    expect(selectedIsDoubt(store)).toBe(false);
    // One undo step brings the doubt back.
    store.getState().undo();
    expect(selectedIsDoubt(store)).toBe(true);
    confirmSelected(store);
    goToDoubt(store, 1);
    expect(sel()).toBe(1);
    confirmSelected(store);
    expect(goToDoubt(store, 1)).toBe(false);
  });
});
