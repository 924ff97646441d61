// Issue 14 first run: the empty library offers the bundled sample issue; opening it imports the
// pages (several, with OCR faults) and starts the tour of split, merge, titles, doubts and
// approval, in both languages. Screenshots at 1366×768 and 1920×1080.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DESK_VIEWS, SCREENSHOTS, hasChromium, launchChromium, openDesk, startTestHost, type TestHost } from './support.ts';

describe.skipIf(!hasChromium)('first run: sample issue and tour', () => {
  let host: TestHost;
  let browser: Browser;

  beforeAll(async () => {
    host = await startTestHost();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  for (const view of DESK_VIEWS) {
    const { lang, width: w, height: h } = view;
    it(`opens the sample issue and walks the tour (${view.label})`, async () => {
      const page = await openDesk(browser, host.host.url, view);
      const offer = page.getByTestId('first-run');
      await offer.waitFor();
      await page.getByTestId('open-sample').click();
      await page.getByTestId('tour').waitFor({ timeout: 30_000 });
      await page.waitForSelector('[data-testid=item-card]');
      // Several pages of one issue, with items.
      await expect.poll(() => page.getByTestId('page-row').count()).toBeGreaterThanOrEqual(3);
      const steps: string[] = [];
      for (let i = 0; i < 5; i++) {
        steps.push((await page.getByTestId('tour').getAttribute('data-step')) ?? '');
        if (i === 1) await page.screenshot({ path: `${SCREENSHOTS}tour-${lang}-${w}x${h}.png` });
        await page.getByTestId('tour-next').click();
      }
      expect(steps).toEqual(['split', 'merge', 'titles', 'doubts', 'approval']);
      await expect.poll(() => page.getByTestId('tour').count()).toBe(0);
      // Opening it again (from another page) opens its first page and does not import it twice.
      const rows = await page.getByTestId('page-row').count();
      const title = page.locator('.page-view .toolbar .page-title');
      await page.getByTestId('page-row').nth(1).click();
      await expect.poll(() => title.getAttribute('title')).toMatch(/-p2\.txt$/);
      await page.getByTestId('menu-file').click();
      await page.locator('[data-command=sample]').click();
      await expect.poll(() => title.getAttribute('title')).toMatch(/-p1\.txt$/);
      expect(await page.getByTestId('page-row').count()).toBe(rows);
      expect(await page.getByTestId('issue-row').count()).toBe(1);
      await page.close();
    }, 90_000);
  }
});
