// Issue 14 proofing desk in the running app: toolbar Split at the cursor, Ctrl+Backspace merges
// (never deletes a word), Tab leaves the OCR pane, Ctrl+G, the status bar and the menu bar, and a
// zh-CN UI without English or ASCII punctuation in its chrome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { englishIn, asciiPunctuationIn } from '../renderer/i18n-check.ts';
import { cardStartLines, clickLine, hasChromium, importAndOpenSamplePage, launchChromium, skipProfilePicker, startTestHost, type TestHost } from './support.ts';

describe.skipIf(!hasChromium)('proofing desk', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  const inEditor = () => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'));

  beforeAll(async () => {
    host = await startTestHost();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    await page.goto(host.host.url);
    await skipProfilePicker(page);
    await importAndOpenSamplePage(page);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('the toolbar Split splits at the cursor line, like Ctrl+Enter', async () => {
    const before = await cardStartLines(page);
    const line = before[1]! + 3;
    await clickLine(page, line);
    await page.getByTestId('split-button').click();
    await expect.poll(() => cardStartLines(page)).toContain(line);
    await page.keyboard.press('Control+z');
    await expect.poll(() => cardStartLines(page)).toEqual(before);
  });

  it('Ctrl+Backspace away from an item’s first line merges the item and deletes no text', async () => {
    const before = await cardStartLines(page);
    await clickLine(page, before[2]! + 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Control+Backspace');
    await expect.poll(() => cardStartLines(page)).toEqual(before.filter((l) => l !== before[2]));
    await page.keyboard.press('Control+z');
    await expect.poll(() => cardStartLines(page)).toEqual(before);
    // One undo step took everything back: the key made the merge and no text edit.
    await expect.poll(() => page.getByTestId('undo').isDisabled()).toBe(true);
  });

  it('Tab leaves the OCR pane instead of inserting a tab', async () => {
    await clickLine(page, 3);
    expect(await inEditor()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await inEditor()).toBe(false);
    await expect.poll(() => page.getByTestId('undo').isDisabled()).toBe(true);
  });

  it('Ctrl+G goes to a line; the status bar shows line, column and item', async () => {
    await clickLine(page, 3);
    await page.keyboard.press('Control+g');
    await page.getByTestId('goto-line-input').fill('30');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('raw-editor').getAttribute('data-cursor-line')).toBe('30');
    await expect.poll(() => page.getByTestId('status-position').textContent()).toBe('Ln 30, Col 1');
    expect(await page.getByTestId('status-item').textContent()).toMatch(/^Item \d+ of \d+$/);
  });

  it('the menu bar lists the registry’s commands with their keys and runs them', async () => {
    await page.getByTestId('menu-edit').click();
    await expect.poll(() => page.locator('[data-command=split] .menu-keys').textContent()).toBe('Ctrl+Enter');
    await page.keyboard.press('Escape');
    await page.getByTestId('menu-go').click();
    await page.locator('[data-command=gotoLine]').click();
    await page.getByTestId('goto-line').waitFor();
    await page.keyboard.press('Escape');
  });

  it('the zh-CN UI shows no English and no ASCII punctuation in its chrome and menus', async () => {
    await page.getByTestId('language-select').selectOption('zh-CN');
    const texts: string[] = [];
    for (const menu of ['file', 'edit', 'go', 'review', 'view', 'help']) {
      await page.getByTestId(`menu-${menu}`).click();
      texts.push(...(await page.locator('.menu-list .menu-label').allTextContents()));
      await page.keyboard.press('Escape');
    }
    // The archive badge names the archive's file (user data, like a page's source name), not chrome.
    texts.push(...(await page.locator('.menubar, .topbar > :not(.archive-badge), .toolbar button, .toolbar label, .statusbar, .pane-title, .library h2').allInnerTexts()));
    const english = texts.flatMap((t) => englishIn(t));
    const ascii = texts.flatMap((t) => asciiPunctuationIn(t).map((p) => `${p} in ${t}`));
    expect(english).toEqual([]);
    expect(ascii).toEqual([]);
    await page.getByTestId('language-select').selectOption('en');
  });
});
