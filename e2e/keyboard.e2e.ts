// The whole loop by keyboard only: library, page, split, kind, role, card field, page state,
// language, help — no mouse after the import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_PAGE, cardStartLines, hasChromium, launchChromium, skipProfilePicker, startTestHost, type TestHost } from './support.ts';

describe.skipIf(!hasChromium)('keyboard-only proofing', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.className ?? '');

  beforeAll(async () => {
    host = await startTestHost();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    await page.goto(host.host.url);
    await skipProfilePicker(page);
    await page.setInputFiles('[data-testid=import-input]', SAMPLE_PAGE);
    await page.waitForSelector('[data-testid=import-done]', { timeout: 20_000 });
    await page.keyboard.press('Tab'); // focus leaves the body
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('opens a page from the library with the keyboard', async () => {
    // The library is a tree: one row takes Tab, the arrows walk it (role=tree, roving focus). The
    // walk waits for the rows it looks for: under load the library may still be showing the import.
    await page.waitForSelector('[data-testid=issue-row]');
    await page.keyboard.press('Control+Shift+Digit1');
    await expect.poll(focused).toBe('publication-row');
    for (let i = 0; i < 10 && (await focused()) !== 'issue-row'; i++) await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('issue-row');
    await page.keyboard.press('Enter'); // expand the issue
    await page.waitForSelector('[data-testid=page-row]');
    for (let i = 0; i < 10 && (await focused()) !== 'page-row'; i++) await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('page-row');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=item-card]');
    // The page opened by keyboard alone: its cards are shown and its row is the selected one.
    expect(await page.locator('[data-testid=item-card]').count()).toBeGreaterThanOrEqual(5);
    expect(await focused()).toBe('page-row');
    expect(await page.textContent('.page-title')).toContain('hengyang-daily-2021-10-29-p1');
  });

  it('moves a split, sets the kind and assigns a line to a role from the raw text', async () => {
    const before = await cardStartLines(page);
    await page.keyboard.press('Control+Shift+Digit2');
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(true);
    // Go to the second item's first line, then three lines down, and split there.
    await page.keyboard.press('Control+Home');
    for (let i = 1; i < before[1]!; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Alt+ArrowDown'); // the split moves down a line, the cursor with it
    await expect.poll(async () => (await cardStartLines(page))[1]).toBe(before[1]! + 1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => cardStartLines(page)).toEqual(before);
    // The move and its undo each went to the host; under load its answers can come after the next
    // keys, so the field steps below start once the page is saved (nothing in flight).
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 20_000 }).toBe('saved');
    await page.keyboard.press('ArrowUp'); // back on the item's first (title) line
    await page.keyboard.press('Alt+Digit7'); // kind: notice
    await expect.poll(() => page.locator('[data-testid=item-card].selected').getAttribute('data-kind')).toBe('notice');
    await page.keyboard.press('Alt+KeyB'); // this line becomes the byline
    await expect.poll(() => page.locator('[data-testid=item-card].selected .field-byline.edited').count()).toBe(1);
    // One undo step at a time: a second Ctrl+Z pressed before the first has landed can be lost under load.
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-testid=item-card].selected .field-byline.edited').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-testid=item-card].selected').getAttribute('data-kind')).not.toBe('notice');
  });

  it('edits a card field, marks the page proofed, switches language and opens help', async () => {
    await page.keyboard.press('Control+Shift+Digit3');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('kicker');
    await page.keyboard.type('Keyboard kicker');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=item-card].selected .field-kicker.edited').count()).toBe(1);
    await page.keyboard.press('Alt+KeyP');
    await expect.poll(() => page.getByTestId('page-state-select').inputValue()).toBe('proofed');
    await page.keyboard.press('Control+Shift+KeyL');
    await expect.poll(() => page.textContent('[data-testid=library] h2')).toBe('资料库');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+Digit2');
    await page.keyboard.press('F1');
    await page.waitForSelector('[data-testid=help-overlay]');
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-testid=help-overlay]').count()).toBe(0);
  });
});
