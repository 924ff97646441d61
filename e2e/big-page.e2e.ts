// Issue 14 big pages: a page of 10,000 items opens and paints (cards virtualised), in both
// languages, at 1366×768 and 1920×1080 (screenshots), and is merged and split with the change
// saved each time (a split that would pass the 10,000-item limit is refused at once). Timing
// figures live in `npm run bench -- ui`; here every wait is on state (the cards' item count, the
// archive's copy), with limits sized for a loaded machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bigPageText } from '../bench/_big-page.ts';
import { HTTP_TOKEN_HEADER } from '../shared/ipc.ts';
import { SCREENSHOTS, clickLine, hasChromium, launchChromium, skipProfilePicker, startTestHost, type TestHost } from './support.ts';

const ITEMS = 10_000;

describe.skipIf(!hasChromium)('a page of 10,000 items', () => {
  let host: TestHost;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'galley-big-'));

  beforeAll(async () => {
    host = await startTestHost();
    browser = await launchChromium();
    const file = join(dir, 'big-daily-2021-11-09-p1.txt');
    writeFileSync(file, bigPageText(ITEMS));
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    await page.goto(host.host.url);
    await skipProfilePicker(page);
    await page.setInputFiles('[data-testid=import-input]', file);
    await page.waitForSelector('[data-testid=import-done]', { timeout: 240_000 });
    await page.close();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [lang, locale] of [['zh-CN', 'zh-CN'], ['en', 'en-US']] as const) {
    for (const [w, h] of [[1366, 768], [1920, 1080]] as const) {
      it(`opens and paints with a screenful of cards (${lang}, ${w}×${h})`, async () => {
        const page = await browser.newPage({ viewport: { width: w, height: h }, locale });
        await page.addInitScript(`localStorage.setItem('galley.language', '${lang}'); sessionStorage.setItem('galley.profileAsked', '1')`);
        await page.goto(host.host.url);
        await page.getByTestId('issue-row').first().click();
        await page.getByTestId('page-row').first().click();
        await page.waitForSelector(`[data-testid=item-cards][data-count="${ITEMS}"] [data-testid=item-card]`, { timeout: 60_000 });
        // Virtualised: a screenful of cards exists, not 10,000.
        const mounted = await page.getByTestId('item-card').count();
        expect(mounted).toBeGreaterThan(0);
        expect(mounted).toBeLessThan(60);
        // The last item is reachable: the status bar and Ctrl+End agree.
        await page.getByTestId('raw-editor').locator('.view-lines').click();
        await page.keyboard.press('Control+End');
        await expect.poll(() => page.getByTestId('status-item').textContent()).toMatch(new RegExp(`${ITEMS}`));
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${SCREENSHOTS}big-page-${lang}-${w}x${h}.png` });
        await page.close();
      }, 120_000);
    }
  }

  it('merges and splits on the 10,000-item page, each change painted and saved; a split past the limit is refused', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    await page.addInitScript(`localStorage.setItem('galley.language', 'en'); sessionStorage.setItem('galley.profileAsked', '1')`);
    await page.goto(host.host.url);
    await page.getByTestId('issue-row').first().click();
    await page.getByTestId('page-row').first().click();
    await page.waitForSelector(`[data-testid=item-cards][data-count="${ITEMS}"] [data-testid=item-card]`, { timeout: 60_000 });
    const pageId = Number(await page.locator('[data-testid=page-row][aria-current=page]').getAttribute('data-page-id'));
    // The archive's copy, read as the tab reads it: what autosave stored, not what is on screen.
    const storedItems = () =>
      page.evaluate(
        async ({ id, header }) => {
          const res = await fetch('/api/page.get', {
            method: 'POST',
            headers: { 'content-type': 'application/json', [header]: sessionStorage.getItem('galley.token') ?? '' },
            body: JSON.stringify({ pageId: id }),
          });
          const body = (await res.json()) as { ok: boolean; value?: { items: unknown[] } };
          return body.value?.items.length ?? -1;
        },
        { id: pageId, header: HTTP_TOKEN_HEADER },
      );
    // Line 4 is the second item's headline: Ctrl+Backspace merges it into the first (9,999 items),
    // Ctrl+Enter on it splits it off again (10,000: the most a page may have).
    await clickLine(page, 4);
    await page.keyboard.press('Control+Backspace');
    await page.waitForSelector(`[data-testid=item-cards][data-count="${ITEMS - 1}"]`, { timeout: 60_000 });
    await expect.poll(storedItems, { timeout: 180_000, interval: 1_000 }).toBe(ITEMS - 1);
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector(`[data-testid=item-cards][data-count="${ITEMS}"]`, { timeout: 60_000 });
    await expect.poll(storedItems, { timeout: 180_000, interval: 1_000 }).toBe(ITEMS);
    // At the limit a further split is refused at once, with the limit named; nothing changes.
    await clickLine(page, 2);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('error-message').textContent(), { timeout: 30_000 }).toMatch(/at most 10,?000/);
    expect(await page.getByTestId('item-cards').getAttribute('data-count')).toBe(String(ITEMS));
    await page.close();
  }, 600_000);
});
