// Two editors on the same page (issue 13 §4): the second save is refused as a conflict, and the
// running app asks — "reload and keep my change as a copy" shows the other person's version with
// this editor's kept beside it, nothing typed lost.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_PAGE, SCREENSHOTS, clickLine, hasChromium, launchChromium, skipProfilePicker, startTestHost, type TestHost } from './support.ts';

describe.skipIf(!hasChromium)('two editors, one page', () => {
  let host: TestHost;
  let browser: Browser;
  let first: Page;
  let second: Page;

  const openSamplePage = async (page: Page) => {
    await page.getByTestId('issue-row').first().click();
    await page.getByTestId('page-row').first().click();
    await page.waitForSelector('[data-testid=item-card]');
  };

  beforeAll(async () => {
    host = await startTestHost();
    browser = await launchChromium();
    first = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await first.goto(host.host.url);
    await skipProfilePicker(first);
    await first.setInputFiles('[data-testid=import-input]', SAMPLE_PAGE);
    await first.waitForSelector('[data-testid=import-done]', { timeout: 30_000 });
    await first.click('[data-testid=import-panel] button');
    await openSamplePage(first);
    second = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await second.goto(host.host.url);
    await skipProfilePicker(second);
    await openSamplePage(second);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('asks on the second save, and keeps the editor’s change as a copy when the page is reloaded', { timeout: 60_000 }, async () => {
    await clickLine(first, 3);
    await first.keyboard.press('End');
    await first.keyboard.type('甲');
    await expect.poll(() => first.getByTestId('save-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');

    await clickLine(second, 3);
    await second.keyboard.press('End');
    await second.keyboard.type('乙');
    await second.getByTestId('conflict-dialog').waitFor({ timeout: 15_000 });
    await second.screenshot({ path: join(SCREENSHOTS, 'conflict-dialog-zh.png') });
    await second.getByTestId('conflict-keep-copy').click();
    await second.getByTestId('conflict-dialog').waitFor({ state: 'detached' });
    // The page as the archive has it: the first editor's change, not this one's.
    await expect.poll(() => second.locator('.monaco-editor .view-lines').innerText()).toContain('甲');
    expect(await second.locator('.monaco-editor .view-lines').innerText()).not.toContain('乙');
    // This editor's version is kept beside it.
    await second.getByTestId('conflict-copy-show').click();
    expect(await second.getByTestId('conflict-copy-text').inputValue()).toContain('乙');
    await second.screenshot({ path: join(SCREENSHOTS, 'conflict-copy-zh.png') });
  });
});
