// The browser host's address stays the same from one start to the next (issue 14): its own port
// (DEFAULT_BROWSER_PORT, or the next free one when another program holds it) and the archive's
// kept token, so a tab left open reconnects after a restart. No browser needed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_BROWSER_PORT, startBrowserHost, type BrowserHost } from '../electron/host/browser-host.ts';

const dir = mkdtempSync(join(tmpdir(), 'galley-stable-url-'));
const open: BrowserHost[] = [];
afterAll(async () => {
  for (const h of open.splice(0)) await h.close();
  rmSync(dir, { recursive: true, force: true });
});
const start = async (archive: string) => {
  const h = await startBrowserHost({ archivePath: join(dir, archive), tokenDir: join(dir, 'tokens') });
  open.push(h);
  return h;
};
const inRange = (port: number) => port >= DEFAULT_BROWSER_PORT && port < DEFAULT_BROWSER_PORT + 20;

describe('a stable browser-host address', () => {
  it('takes its own port, the next free one beside another host, and the same token after a restart', { timeout: 120_000 }, async () => {
    const a = await start('a.sqlite');
    const b = await start('b.sqlite');
    expect(inRange(a.port)).toBe(true);
    expect(inRange(b.port)).toBe(true);
    expect(b.port).not.toBe(a.port);
    const { port, token } = a;
    await a.close();
    open.splice(open.indexOf(a), 1);
    const again = await start('a.sqlite');
    expect(again.token).toBe(token);
    expect(inRange(again.port)).toBe(true);
    // The same address, unless another test took the port meanwhile: then still one of the host's own.
    if (again.port === port) expect(again.url).toBe(`http://127.0.0.1:${port}/#token=${token}`);
  });
});
