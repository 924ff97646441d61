// Host gone while editing (issue 16, finding 5): an edit typed after the host died is kept in the
// tab, the tab says so and retries with backoff, and when the host comes back on the same port
// with the same archive (the token is kept per archive, electron/host/host-token.ts) the tab
// reconnects and saves the edit without a reload.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { tokenFileFor } from '../electron/host/host-token.ts';
import { HTTP_TOKEN_HEADER } from '../shared/ipc.ts';
import { pageOfWire } from '../shared/page-wire.ts';
import { fieldValue, fillCardField, hasChromium, importAndOpenSamplePage, launchChromium, skipProfilePicker, startTestHost, type TestHost } from './support.ts';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

describe.skipIf(!hasChromium)('reconnect after the host restarts', () => {
  let dir: string;
  let port: number;
  let host: TestHost | null = null;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-reconnect-'));
    port = await freePort();
    host = await startTestHost({ port, dir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps an edit typed while the host is down and saves it once the host is back', async () => {
    await page.goto(host!.host.url);
    await skipProfilePicker(page);
    await importAndOpenSamplePage(page);
    const token = host!.host.token;
    // The token is kept per archive, readable by the user only.
    expect(statSync(tokenFileFor(host!.host.archivePath, join(dir, 'host-tokens'))).mode & 0o777).toBe(0o600);

    await host!.close();
    host = null;
    const input = page.locator('[data-testid=item-card]').nth(1).locator('[data-field=headline]');
    await fillCardField(input, '断线时输入的标题');
    await input.press('Enter');
    await page.getByTestId('connection-banner').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('connection-banner').getAttribute('data-state')).toBe('offline');
    expect(await page.getByTestId('save-state').getAttribute('data-state')).not.toBe('saved');
    await page.waitForTimeout(2_500); // a few retries fail meanwhile
    expect(await fieldValue(input)).toBe('断线时输入的标题');

    host = await startTestHost({ port, dir });
    expect(host.host.token).toBe(token);
    await page.waitForSelector('[data-testid=save-state][data-state=saved]', { timeout: 20_000 });
    await page.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: 10_000 });
    // The archive has the edit.
    const res = await fetch(`http://127.0.0.1:${port}/api/page.get`, {
      method: 'POST',
      headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: token },
      body: JSON.stringify({ pageId: 1 }),
    });
    const body = (await res.json()) as { value: unknown };
    expect(pageOfWire(body.value).items.map((i) => i.headline)).toContain('断线时输入的标题');
  });
});
