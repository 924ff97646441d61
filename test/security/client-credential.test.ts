// The renderer's side of the browser-host credential and reconnect (renderer/api/client.ts): the
// token comes from the launch URL's fragment into sessionStorage and leaves the address bar; calls
// send it as a header with no cookies; while the host is gone (network error, 502/503) or does not
// know the token (401, a restart with a new key) a call waits and retries with backoff instead of
// failing, so the caller's edit is kept; the token is re-read before each try.
import { describe, expect, it } from 'vitest';
import { ApiError, backoffMs, httpApi, takeToken, TOKEN_STORAGE_KEY } from '../../renderer/api/client.ts';
import { chromiumPresent } from '../../e2e/support.ts';
import { HTTP_TOKEN_HEADER, type ConnectionState } from '../../shared/ipc.ts';

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
    setItem: (k, v) => void m.set(k, v),
  };
}

const T = 'a'.repeat(43);
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('token from the URL fragment', () => {
  it('stores the fragment token in sessionStorage and drops it from the address bar', () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    const history = { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) };
    expect(takeToken({ hash: `#token=${T}`, pathname: '/', search: '' }, storage, history)).toBe(T);
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe(T);
    expect(replaced).toEqual(['/']);
    // A reload (no fragment any more) keeps using the stored token.
    expect(takeToken({ hash: '', pathname: '/', search: '' }, storage, history)).toBe(T);
    // A new launch URL opened in the same tab replaces it.
    expect(takeToken({ hash: `#token=${'b'.repeat(43)}`, pathname: '/', search: '' }, storage, history)).toBe('b'.repeat(43));
  });
});

describe('httpApi transport', () => {
  // 'same-origin': the team server's login cookie (HttpOnly, named per port) must ride along; the
  // token header stays required, so a cookie replayed without it gets 401 (http-auth.test.ts).
  it('sends the token as a header, with same-origin credentials (the login cookie only)', async () => {
    const seen: RequestInit[] = [];
    const api = httpApi({ token: () => T, fetch: async (_u, init) => (seen.push(init!), json(200, { ok: true, value: { publications: [], issues: [] } })), sleep: async () => {} });
    await api.invoke('library.tree', {});
    expect((seen[0]!.headers as Record<string, string>)[HTTP_TOKEN_HEADER]).toBe(T);
    expect(seen[0]!.credentials).toBe('same-origin');
  });

  it('waits and retries while the host is gone or answers 401/502, with growing backoff, then succeeds', async () => {
    const waits: number[] = [];
    const states: ConnectionState[] = [];
    let token = 'old'.padEnd(43, 'x');
    const answers: (() => Response)[] = [
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => new Response('bad gateway', { status: 502 }),
      () => new Response('missing or wrong token', { status: 401, headers: { 'content-type': 'text/plain' } }),
      () => json(200, { ok: true, value: { revision: 4, itemIds: [] } }),
    ];
    const tokens: string[] = [];
    const api = httpApi({
      token: () => token,
      fetch: async (_u, init) => {
        tokens.push((init!.headers as Record<string, string>)[HTTP_TOKEN_HEADER]!);
        return answers.shift()!();
      },
      sleep: async (ms) => {
        waits.push(ms);
        if (waits.length === 4) token = T; // the user opened the new launch URL meanwhile
      },
    });
    api.onConnection!((s) => states.push(s));
    const r = await api.invoke('page.edit', { pageId: 1, baseRevision: 3, ops: [{ op: 'text', at: 0, remove: '', insert: 'x' }] });
    expect(r).toEqual({ revision: 4, itemIds: [] });
    expect(waits).toEqual([backoffMs(0), backoffMs(1), backoffMs(2), backoffMs(3)]);
    expect(waits[1]! > waits[0]! && waits[2]! > waits[1]!).toBe(true);
    expect(states).toEqual(['offline', 'unauthorized', 'online']);
    expect(tokens.at(-1)).toBe(T);
    expect(backoffMs(50)).toBe(8_000);
  });

  it('gives a save during page close one try (keepalive) and reports a host refusal at once', async () => {
    const api = httpApi({ token: () => T, fetch: async () => { throw new TypeError('Failed to fetch'); }, sleep: async () => { throw new Error('must not wait'); } });
    await expect(api.invoke('page.edit', { pageId: 1, baseRevision: 3, ops: [{ op: 'text', at: 0, remove: '', insert: 'x' }] }, { keepalive: true })).rejects.toMatchObject({ code: 'offline' });
    const refusing = httpApi({ token: () => T, fetch: async () => json(409, { ok: false, code: 'conflict', message: 'stale' }), sleep: async () => { throw new Error('must not wait'); } });
    await expect(refusing.invoke('page.edit', { pageId: 1, baseRevision: 3, ops: [{ op: 'text', at: 0, remove: '', insert: 'x' }] })).rejects.toBeInstanceOf(ApiError);
  });
});

describe('the e2e suite in CI', () => {
  it('fails (throws) instead of skipping when Chromium is missing and CI is set', () => {
    expect(() => chromiumPresent('/no/such/chromium', { CI: 'true' })).toThrow(/CI is set/);
    expect(chromiumPresent('/no/such/chromium', {})).toBe(false);
    expect(chromiumPresent('/no/such/chromium', { CI: 'false' })).toBe(false);
    expect(chromiumPresent(process.execPath, { CI: 'true' })).toBe(true);
  });
});
