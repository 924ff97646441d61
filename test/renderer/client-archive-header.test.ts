// The tab's side of "a call never lands in an archive opened after the tab loaded"
// (renderer/api/client.ts, electron/host/http-host.ts): the first answer names the archive, every
// later call names it back, and a refusal 'archive-switched' acts as the archive.switched event
// (the App keeps the unsaved change as a copy and reloads) — once, even if several calls are refused.
import { describe, expect, it } from 'vitest';
import { ApiError, httpApi } from '../../renderer/api/client.ts';
import { HTTP_ARCHIVE_HEADER } from '../../shared/ipc.ts';

const T = 'a'.repeat(43);
const ID_A = '0123456789abcdef';
const ID_B = 'fedcba9876543210';
const answer = (status: number, body: unknown, archive: string) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', [HTTP_ARCHIVE_HEADER]: archive } });
const tree = { ok: true, value: { publications: [], issues: [] } };
const switched = { ok: false, code: 'conflict', reason: 'archive-switched', details: {}, message: 'this tab was loaded from another archive' };

describe('the archive a tab was loaded from', () => {
  it('names nothing on the first call, then the archive of the first answer on every call after', async () => {
    const sent: (string | undefined)[] = [];
    const api = httpApi({
      token: () => T,
      sleep: async () => {},
      fetch: async (_url, init) => {
        sent.push((init!.headers as Record<string, string>)[HTTP_ARCHIVE_HEADER]);
        // A later answer naming another archive does not move the tab's claim: the host decides.
        return answer(200, tree, sent.length === 1 ? ID_A : ID_B);
      },
    });
    await api.invoke('library.tree', {});
    await api.invoke('library.tree', {});
    await api.invoke('library.tree', {});
    expect(sent).toEqual([undefined, ID_A, ID_A]);
  });

  it("a refusal 'archive-switched' is thrown to the caller and tells the tab's archive.switched listeners once", async () => {
    let calls = 0;
    const api = httpApi({
      token: () => T,
      sleep: async () => {},
      fetch: async (url) => {
        // The event stream: open, and never says anything (the event is missed).
        if (String(url).endsWith('/api/events')) return new Response(new ReadableStream({ start() {} }), { status: 200 });
        calls++;
        return calls === 1 ? answer(200, tree, ID_A) : answer(409, switched, ID_B);
      },
    });
    let told = 0;
    api.on('archive.switched', () => told++);
    await api.invoke('library.tree', {});
    const first = await api.invoke('library.tree', {}).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ApiError);
    expect((first as ApiError).reason).toBe('archive-switched');
    await expect(api.invoke('library.tree', {})).rejects.toMatchObject({ reason: 'archive-switched' });
    expect(told).toBe(1);
  });
});
