// Opening a page hands the engine worker the page's publication profile (engine.profile, the one
// the host's engine.derive applies) and keeps which profile it took for the model chip; a page of
// another publication changes it, and a failed fetch previews with the base model.
import { describe, expect, it } from 'vitest';
import type { PageRecord } from '../../shared/domain.ts';
import type { PreviewEngine } from '../../renderer/engine/client.ts';
import type { PreviewProfile } from '../../renderer/engine/messages.ts';
import { createAppStore } from '../../renderer/state/store.ts';
import { fakeApi } from './fake-api.ts';
import { fakeDerive } from './fake-engine.ts';

const TEXT = ['Title A', 'a1', 'Title B', 'b1'].join('\n');
const page = (id: number): PageRecord => ({
  id, issueId: 1, pageNumber: id, sourceName: `p${id}.txt`, encoding: 'UTF-8', contentHash: 'x', text: TEXT, state: 'in-progress', masthead: null,
  items: fakeDerive(TEXT, [0, 10]).map((i) => ({ ...i, editedFields: [], tags: [] })), revision: 1,
  model: { version: 'v3', profile: null, profilePages: null },
});

describe('the preview engine takes the page’s publication profile', () => {
  it('fetches it on open, hands it to the worker, and records what the worker took', async () => {
    const given: unknown[] = [];
    const engine: PreviewEngine = {
      derive: async () => null,
      warm: () => undefined,
      dispose: () => undefined,
      useProfile: async (p): Promise<PreviewProfile> => {
        given.push(p);
        return p ? { publication: (p as { publication: string }).publication, pages: 4 } : null;
      },
    };
    const profiles: Record<number, unknown> = { 7: { publication: '衡阳日报' }, 8: null };
    const api = fakeApi({
      'page.get': ({ pageId }) => page(pageId),
      'library.pages': () => [],
      'library.tree': () => ({ publications: [], issues: [] }),
      'engine.profile': ({ pageId }) => {
        if (!(pageId in profiles)) throw new Error('host gone');
        return { profile: profiles[pageId] };
      },
    });
    const store = createAppStore({ api, language: 'en', engine });
    await store.getState().openPage(7);
    expect(given).toEqual([{ publication: '衡阳日报' }]);
    expect(store.getState().session!.previewProfile).toEqual({ publication: '衡阳日报', pages: 4 });
    await store.getState().openPage(8);
    expect(given.at(-1)).toBeNull();
    expect(store.getState().session!.previewProfile).toBeNull();
    await store.getState().openPage(9);
    expect(store.getState().session!.pageId).toBe(9);
    expect(given.at(-1)).toBeNull();
    expect(store.getState().session!.previewProfile).toBeNull();
  });
});
