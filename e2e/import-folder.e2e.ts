// Import a folder from the browser (issue 14): File → Import folder… (Ctrl+Shift+O) opens a folder
// picker; every page file below the folder is imported with its relative path, so the folder's
// pages land in their issue as a dropped folder's do.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium, skipProfilePicker, startTestHost, type TestHost } from './support.ts';

const SAMPLE_DIR = fileURLToPath(new URL('../resources/sample-issue', import.meta.url));

describe.skipIf(!hasChromium)('import a folder', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    host = await startTestHost();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await page.goto(host.host.url);
    await skipProfilePicker(page);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('offers the folder picker in the File menu and imports every page below the folder', { timeout: 60_000 }, async () => {
    await page.getByRole('menuitem', { name: '文件' }).click();
    await expect.poll(() => page.getByRole('menuitem', { name: /导入文件夹/ }).count()).toBe(1);
    await page.keyboard.press('Escape');
    // The picker itself is the browser's; Playwright hands it the folder as a user would choose it.
    await page.setInputFiles('[data-testid=import-folder-input]', SAMPLE_DIR);
    await page.waitForSelector('[data-testid=import-done]', { timeout: 30_000 });
    expect(await page.getByTestId('import-done').innerText()).toMatch(/导入 3/);
    await page.getByText('示例日报').first().waitFor();
  });
});
