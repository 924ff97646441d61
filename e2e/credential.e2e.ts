// The browser host's credential in a real browser (issue 16, finding 1): the token rides in the
// launch URL's fragment, lives in sessionStorage and goes out only as a header. A web server on
// another 127.0.0.1 port that the same browser visits receives nothing replayable (the old
// cookie was sent to it), a replay of what it saw gets 401, two hosts work side by side in one
// browser (the old shared cookie name made the first tab 403), and a reload keeps the tab working.
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { HTTP_TOKEN_HEADER } from '../shared/ipc.ts';
import { hasChromium, launchChromium, skipProfilePicker, startTestHost, type TestHost } from './support.ts';

function post(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

/** What the tab's own client gets for library.tree (through the very client the UI uses). */
const treeFromTab = (page: Page) =>
  page.evaluate(async () => {
    const api = (window as unknown as { __galley: { api: { invoke: (c: string, r: unknown) => Promise<{ publications: unknown[] }> } } }).__galley.api;
    const tree = await api.invoke('library.tree', {});
    return Array.isArray(tree.publications);
  });

describe.skipIf(!hasChromium)('browser-host credential', () => {
  let a: TestHost;
  let b: TestHost;
  let browser: Browser;
  let context: BrowserContext;
  let foreign: Server;
  let foreignPort = 0;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    a = await startTestHost();
    b = await startTestHost();
    // A stranger's web server on another loopback port: records every request it gets and serves a
    // page that pokes at host A the ways a page can.
    foreign = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>foreign</title><script>
        window.probe = (async () => {
          const out = { cookie: document.cookie, storage: sessionStorage.length + localStorage.length, api: 'none' };
          try {
            const r = await fetch('http://127.0.0.1:${a.host.port}/api/library.tree', { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{}' });
            out.api = r.type;
          } catch (e) { out.api = 'blocked'; }
          try { await fetch('/after-probe', { credentials: 'include' }); } catch {}
          return out;
        })();
      </script>`);
    });
    await new Promise<void>((ok) => foreign.listen(0, '127.0.0.1', ok));
    foreignPort = (foreign.address() as { port: number }).port;
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US' });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((ok) => (foreign ? foreign.close(() => ok()) : ok()));
    await a?.close();
    await b?.close();
  });

  it('takes the token from the fragment, drops it from the address bar, keeps it across a reload', async () => {
    const page = await context.newPage();
    await page.goto(a.host.url);
    expect(a.host.url).toContain('#token=');
    await skipProfilePicker(page);
    expect(page.url()).not.toContain(a.host.token);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await treeFromTab(page)).toBe(true);
    await page.reload();
    await page.waitForSelector('[data-testid=library]');
    expect(await treeFromTab(page)).toBe(true);
    expect((await context.cookies()).length).toBe(0);
  });

  it('runs two hosts side by side in one browser: neither tab loses its credential', async () => {
    const pageA = await context.newPage();
    const pageB = await context.newPage();
    await pageA.goto(a.host.url);
    await pageA.waitForSelector('[data-testid=library]');
    await pageB.goto(b.host.url);
    await pageB.waitForSelector('[data-testid=library]');
    expect(await treeFromTab(pageB)).toBe(true);
    expect(await treeFromTab(pageA)).toBe(true); // the first host's tab still works
    expect(await treeFromTab(pageB)).toBe(true);
  });

  it('gives a page on another local port nothing to replay: what it saw gets 401', async () => {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${foreignPort}/`);
    const probe = await page.evaluate(() => (window as unknown as { probe: Promise<{ cookie: string; storage: number; api: string }> }).probe);
    expect(probe.cookie).toBe('');
    expect(probe.storage).toBe(0);
    // An opaque answer at most (no-cors): nothing readable.
    expect(['opaque', 'blocked']).toContain(probe.api);
    expect(seen.length).toBeGreaterThan(0);
    for (const headers of seen) {
      expect(headers.cookie ?? '').not.toContain(a.host.token);
      expect(JSON.stringify(headers)).not.toContain(a.host.token);
      expect(JSON.stringify(headers)).not.toContain(b.host.token);
    }
    // Replay everything the foreign server saw, from a non-browser client with host A's own Origin.
    for (const headers of seen) {
      const replay: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') replay[k] = v;
      const status = await post(a.host.port, '/api/library.tree', { ...replay, origin: `http://127.0.0.1:${a.host.port}`, 'content-type': 'application/json' });
      expect(status).toBe(401);
    }
    // And the real token as a header still works (the fence is not simply closed).
    expect(await post(a.host.port, '/api/library.tree', { origin: `http://127.0.0.1:${a.host.port}`, 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: a.host.token })).toBe(200);
  });
});
