// Issue 14 big pages: a page of 10,000 items opens and paints (cards virtualised), in both
// languages, at 1366×768 and 1920×1080 (screenshots). Timing figures live in `npm run bench -- ui`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bigPageText } from '../bench/_big-page.ts';
import { SCREENSHOTS, hasChromium, launchChromium, skipProfilePicker, startTestHost, type TestHost } from './support.ts';

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
});
