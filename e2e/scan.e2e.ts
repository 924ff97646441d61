// A scan, end to end in the browser host: a page image dropped on the window is uploaded, OCR'd
// with Tesseract, imported with its image and line boxes; the editor proofs it with the scan
// beside the text — the cursor's line highlighted on the image, the selected item's lines
// outlined, a click on the image moving the cursor, zoom — and a page without a scan still works.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_PAGE, SCREENSHOTS, clickLine, dropFiles, hasChromium, launchChromium, skipProfilePicker, startTestHost, type TestHost } from './support.ts';

const SCAN = fileURLToPath(new URL('../test/importer/fixtures/real/tesseract/yunxi-daily-2023-03-14-p4.png', import.meta.url));

describe.skipIf(!hasChromium)('the scan beside the text', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  const cursorLine = async () => Number(await page.getByTestId('raw-editor').getAttribute('data-cursor-line'));

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    host = await startTestHost();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    await page.goto(host.host.url);
    await page.waitForSelector('[data-testid=library]');
    await skipProfilePicker(page);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('a dropped page image is uploaded, OCR’d and imported', async () => {
    await dropFiles(page, [{ name: 'yunxi-daily-2023-03-14-p4.png', path: SCAN }]);
    await page.waitForSelector('[data-testid=import-done]', { timeout: 90_000 });
    expect(await page.textContent('[data-testid=import-done]')).toContain('1 imported');
    await page.click('[data-testid=import-panel] button');
    await page.getByTestId('issue-row').first().click();
    await page.getByTestId('page-row').first().click();
    await page.waitForSelector('[data-testid=item-card]');
  }, 120_000);

  it('shows the scan beside the text; the cursor line is highlighted, the selected item outlined', async () => {
    await page.getByTestId('scan-toggle').click();
    const img = page.getByTestId('scan-image');
    await img.waitFor();
    await expect.poll(() => img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(500);
    await clickLine(page, 3);
    await expect.poll(() => page.getByTestId('scan-cursor-line').getAttribute('data-line')).toBe('3');
    expect(await page.getByTestId('scan-item-region').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'scan-en.png') });
  });

  it('clicking a line on the image moves the cursor to that line', async () => {
    const overlay = page.getByTestId('scan-overlay');
    const box = (await overlay.boundingBox())!;
    const before = await cursorLine();
    // Somewhere in the lower half of the page image: a line further down than line 3.
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.62);
    await expect.poll(cursorLine).not.toBe(before);
    const now = await cursorLine();
    expect(now).toBeGreaterThan(3);
    await expect.poll(() => page.getByTestId('scan-cursor-line').getAttribute('data-line')).toBe(String(now));
  });

  it('zooms and fits', async () => {
    await page.getByTestId('scan-zoom-in').click();
    expect(await page.getByTestId('scan-zoom').textContent()).toBe('125%');
    const wide = (await page.getByTestId('scan-image').boundingBox())!.width;
    await page.getByTestId('scan-fit').click();
    expect(await page.getByTestId('scan-zoom').textContent()).toBe('100%');
    expect((await page.getByTestId('scan-image').boundingBox())!.width).toBeLessThan(wide);
  });

  it('in Chinese: the scan pane’s controls and the highlight', async () => {
    await page.getByTestId('language-select').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('scan-toggle').textContent()).toBe('隐藏扫描图');
    expect(await page.getByTestId('scan-fit').textContent()).toBe('适合宽度');
    await page.screenshot({ path: join(SCREENSHOTS, 'scan-zh-CN.png') });
    await page.getByTestId('language-select').selectOption('en');
  });

  it('an OCR in progress can be cancelled from the import panel', async () => {
    await dropFiles(page, [{ name: 'again.png', path: SCAN }]);
    await page.getByTestId('import-cancel').click({ timeout: 10_000 });
    await page.waitForSelector('[data-testid=import-done]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid=import-done]')).toContain('0 imported');
    expect(await page.textContent('[data-testid=import-cancelled]')).toContain('Import cancelled');
    // A cancel that met the OCR running lists the scan with its reason; one that came before the
    // file began (a loaded machine) leaves nothing to list. Either way nothing was imported.
    const details = page.locator('[data-testid=import-panel] details');
    if (await details.count()) expect(await details.textContent()).toContain('OCR cancelled');
    await page.click('[data-testid=import-panel] button:not([data-testid=import-cancel])');
  });

  it('a page without a scan works as before, with a note in the scan pane', async () => {
    await dropFiles(page, [{ name: 'hengyang-daily-2021-10-29-p1.txt', path: SAMPLE_PAGE }]);
    await page.waitForSelector('[data-testid=import-done]', { timeout: 20_000 });
    await page.click('[data-testid=import-panel] button');
    const pub = page.locator('button.tree-row.pub', { hasText: '衡阳日报' });
    if ((await pub.getAttribute('aria-expanded')) !== 'true') await pub.click();
    await page.getByTestId('issue-row').filter({ hasText: '2021-10-29' }).click();
    await page.locator('[data-testid=page-row][title*=hengyang]').click();
    await page.getByTestId('scan-none').waitFor();
    expect(await page.locator('[data-testid=item-card]').count()).toBeGreaterThan(3);
  });
});
