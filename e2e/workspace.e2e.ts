// The whole proofing loop in Debian Chromium against the browser host: import by drop, items
// shown, split, merge, move a split with the keyboard, edit a headline, undo/redo, autosave and
// reload, page state, language switch, help overlay, screenshots in both languages.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import Database from 'better-sqlite3';
import {
  SAMPLE_PAGE,
  SCREENSHOTS,
  cardFieldValues,
  cardStartLines,
  clickLine,
  dropFiles,
  fieldValue,
  fillCardField,
  hasChromium,
  launchChromium,
  selectCardKind,
  skipProfilePicker,
  startTestHost,
  type TestHost,
} from './support.ts';

describe.skipIf(!hasChromium)('proofing workspace in the browser host', () => {
  let host: TestHost;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const cards = () => page.locator('[data-testid=item-card]');
  const saved = () => page.waitForSelector('[data-testid=save-state][data-state=saved]', { timeout: 5000 });
  let initialCount = 0;
  let initialStarts: number[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    host = await startTestHost();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('opens with the token and follows the system language', async () => {
    await page.goto(host.host.url);
    expect(new URL(page.url()).search).toBe(''); // the token left the address bar
    await page.waitForSelector('[data-testid=library]');
    await skipProfilePicker(page); // no profiles yet: proofing works without one
    expect(await page.textContent('[data-testid=library] h2')).toBe('Library');
  });

  it('imports the sample page dropped on the window and shows its items', async () => {
    await dropFiles(page, [{ name: 'hengyang-daily-2021-10-29-p1.txt', path: SAMPLE_PAGE }]);
    await page.waitForSelector('[data-testid=import-done]', { timeout: 20_000 });
    expect(await page.textContent('[data-testid=import-done]')).toContain('1 imported');
    await page.click('[data-testid=import-panel] button');
    await page.getByTestId('issue-row').first().click();
    await expect.poll(() => page.getByTestId('issue-progress').first().textContent()).toBe('0/1 pages proofed');
    await page.getByTestId('page-row').first().click();
    await page.waitForSelector('[data-testid=item-card]');
    initialCount = await cards().count();
    initialStarts = await cardStartLines(page);
    expect(initialCount).toBeGreaterThanOrEqual(5);
    const headlines = await cardFieldValues(page, 'headline');
    expect(headlines.join('\n')).toContain('秦国文率队赴苏州考察学习');
    expect(await cards().first().getAttribute('data-kind')).toBe('masthead');
    // Split rules and kind labels are drawn in the raw text.
    expect(await page.locator('.split-zone').count()).toBe(initialCount);
    await page.screenshot({ path: join(SCREENSHOTS, 'workspace-en.tmp.png') });
  });

  it('shows the errors of an import', async () => {
    const bad = join(host.dir, 'scan.png');
    writeFileSync(bad, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    await dropFiles(page, [{ name: 'scan.png', path: bad }]);
    await page.waitForSelector('[data-testid=import-done]', { timeout: 20_000 });
    expect(await page.textContent('[data-testid=import-done]')).toContain('1 failed');
    expect(await page.textContent('[data-testid=import-panel] details')).toContain('scan.png');
    await page.click('[data-testid=import-panel] button');
    await page.waitForSelector('[data-testid=item-card]');
  });

  it('splits an item with Ctrl+Enter and merges it back with Ctrl+Backspace', async () => {
    const second = initialStarts[1]!;
    const third = initialStarts[2]!;
    const line = second + Math.max(2, Math.floor((third - second) / 2));
    await clickLine(page, line);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => cards().count()).toBe(initialCount + 1);
    expect(await cardStartLines(page)).toContain(line);
    await expect.poll(() => page.locator('[data-testid=item-card].selected').getAttribute('data-line-from')).toBe(String(line));
    // Cursor is still on the new item's first line: merge it back.
    await page.keyboard.press('Control+Backspace');
    await expect.poll(() => cards().count()).toBe(initialCount);
    expect(await cardStartLines(page)).toEqual(initialStarts);
  });

  it('moves a split point with Alt+Arrow keys', async () => {
    const third = initialStarts[2]!;
    await clickLine(page, third + 1);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(async () => (await cardStartLines(page))[2]).toBe(third - 1);
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(async () => (await cardStartLines(page))[2]).toBe(third + 1);
  });

  it('links cards and raw text, changes a kind from the card, moves a split by dragging its marker', async () => {
    // Clicking the last card reveals its span on the left.
    const last = cards().last();
    const lastLine = Number(await last.getAttribute('data-line-from'));
    await last.locator('.card-head').click();
    await expect.poll(() => page.locator('[data-testid=raw-editor] .line-numbers', { hasText: new RegExp(`^${lastLine}$`) }).count()).toBe(1);
    expect(await last.getAttribute('aria-current')).toBe('true');
    // Kind from the card.
    const kindBefore = await cards().nth(2).getAttribute('data-kind');
    await selectCardKind(cards().nth(2), 'editorial');
    await expect.poll(() => cards().nth(2).getAttribute('data-kind')).toBe('editorial');
    await page.locator('.page-title').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => cards().nth(2).getAttribute('data-kind')).toBe(kindBefore);
    // Drag the third item's gutter marker one line up (over its label rule).
    const starts = await cardStartLines(page);
    // Entering the kind selected the card, which scrolls the OCR pane to its item: the marker is
    // read again until the pane has come to rest with the line in view.
    let box: DOMRect | undefined;
    await expect
      .poll(async () => {
        await clickLine(page, starts[2]!);
        const marker = page.locator('.split-glyph.draggable').filter({ visible: true });
        const boxes = await marker.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
        const numberBox = await page.locator('[data-testid=raw-editor] .line-numbers', { hasText: new RegExp(`^${starts[2]}$`) }).first().boundingBox();
        box = numberBox ? boxes.find((b) => Math.abs(b.y + b.height / 2 - (numberBox.y + numberBox.height / 2)) < 6) : undefined;
        return box !== undefined;
      })
      .toBe(true);
    if (!box) throw new Error('no drag marker on the line');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 42, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => (await cardStartLines(page))[2]).toBe(starts[2]! - 1);
    await page.locator('.page-title').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => cardStartLines(page)).toEqual(starts);
  });

  it('edits a headline in place, undoes and redoes it', async () => {
    const input = cards().nth(1).locator('[data-field=headline]');
    const before = await fieldValue(input);
    await fillCardField(input, '苏衡合作 Edited headline');
    await input.press('Enter');
    await expect.poll(() => cards().nth(1).locator('.field-headline.edited').count()).toBe(1);
    await page.locator('.page-title').click(); // leave the field
    await page.keyboard.press('Control+z');
    await expect.poll(() => fieldValue(input)).toBe(before);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => fieldValue(input)).toBe('苏衡合作 Edited headline');
    // Undo in the editor undoes structural changes too: the move (two steps) and redo it.
    await page.getByTestId('undo').click();
    await page.getByTestId('redo').click();
    await expect.poll(() => fieldValue(input)).toBe('苏衡合作 Edited headline');
  });

  it('fixes an OCR typo in the raw text without losing split points or hand edits', async () => {
    const starts = await cardStartLines(page);
    await clickLine(page, starts[1]! + 2);
    await page.keyboard.press('End');
    await page.keyboard.type('X');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('。');
    await expect.poll(() => cardStartLines(page)).toEqual(starts);
    expect(await fieldValue(cards().nth(1).locator('[data-field=headline]'))).toBe('苏衡合作 Edited headline');
  });

  it('autosaves and restores every change after a reload', async () => {
    const starts = await cardStartLines(page);
    await saved();
    await page.reload();
    await page.waitForSelector('[data-testid=item-card]');
    expect(await cardStartLines(page)).toEqual(starts);
    expect(await fieldValue(cards().nth(1).locator('[data-field=headline]'))).toBe('苏衡合作 Edited headline');
    expect(await cards().nth(1).locator('.field-headline.edited').count()).toBe(1);
    const text = await page.locator('[data-testid=raw-editor] .view-lines').innerText();
    expect(text).toContain('。');
  });

  it('stored every autosave as typed edit ops, undo included: small revisions, no page snapshots', async () => {
    const db = new Database(join(host.dir, 'archive.db'), { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare(`SELECT action, length(before_json) + length(after_json) AS chars FROM revisions WHERE entity = 'page' AND action IN ('save', 'edit') ORDER BY id`)
        .all() as { action: string; chars: number }[];
      const page = db.prepare('SELECT length(text) AS chars FROM pages').get() as { chars: number };
      console.info(`edit revisions: ${rows.length}, characters each ${rows.map((r) => r.chars).join(' ')} (page ${page.chars} characters)`);
      // How many autosaves the edits above made depends on timing (typing pauses coalesce); several, at least.
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.every((r) => r.action === 'edit')).toBe(true);
      // A whole-page snapshot is the page's text twice and more; every edit here is a fraction of one.
      expect(Math.max(...rows.map((r) => r.chars))).toBeLessThan(page.chars);
    } finally {
      db.close();
    }
  });

  it('sets the page state and the library shows it', async () => {
    await page.getByTestId('page-state-select').selectOption('proofed');
    await expect.poll(() => page.getByTestId('issue-progress').first().textContent()).toBe('1/1 pages proofed');
    // The issue's counts and its pages' states come in separate answers (the year's issues, then the
    // open issue's pages), so the page row may follow the progress by a moment.
    await expect.poll(() => page.getByTestId('page-state').first().textContent()).toBe('Proofed');
  });

  it('shows the shortcut overlay on F1 and closes it with Escape', async () => {
    await page.locator('.page-title').click();
    await page.keyboard.press('F1');
    await page.waitForSelector('[data-testid=help-overlay]');
    expect(await page.textContent('[data-testid=help-overlay]')).toContain('Ctrl+Enter');
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-testid=help-overlay]').count()).toBe(0);
  });

  it('switches to Simplified Chinese and keeps it after a reload', async () => {
    await page.getByTestId('language-select').selectOption('zh-CN');
    await expect.poll(() => page.textContent('[data-testid=library] h2')).toBe('资料库');
    expect(await page.getByTestId('undo').textContent()).toBe('撤销');
    expect(await page.getByTestId('page-state').first().textContent()).toBe('已校对');
    expect(await page.locator('.split-zone-label').first().textContent()).toContain('报头');
    await page.locator('.page-title').click();
    await page.screenshot({ path: join(SCREENSHOTS, 'workspace-zh-CN.tmp.png') });
    await page.keyboard.press('F1');
    await page.waitForSelector('[data-testid=help-overlay]');
    await page.screenshot({ path: join(SCREENSHOTS, 'help-zh-CN.tmp.png') });
    await page.keyboard.press('Escape');
    await page.reload();
    await page.waitForSelector('[data-testid=item-card]');
    expect(await page.textContent('[data-testid=library] h2')).toBe('资料库');
  });

  it('follows a Chinese system language on first start', async () => {
    const zh = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'zh-CN' });
    const p = await zh.newPage();
    await p.goto(host.host.url);
    await p.waitForSelector('[data-testid=library]');
    expect(await p.textContent('[data-testid=library] h2')).toBe('资料库');
    await zh.close();
  });
});
