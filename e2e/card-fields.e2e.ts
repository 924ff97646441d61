// A card's fields are text until entered (renderer/components/card-field.tsx): the page holds no
// form control but the one being edited, a split mounts none (Chromium's autofill agent re-read
// every control after each split), and entering a field by click or Tab behaves as the real
// control did: same box, caret where clicked, Escape reverts, leaving commits.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { SCREENSHOTS, cardStartLines, clickLine, fieldValue, hasChromium, importAndOpenSamplePage, launchChromium, skipProfilePicker, startTestHost, type TestHost } from './support.ts';

describe.skipIf(!hasChromium)('card fields shown as text until entered', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const cards = () => page.locator('[data-testid=item-card]');
  /** Form controls in the cards pane. */
  const controls = () => page.locator('[data-testid=item-cards] :is(input, textarea, select)').count();
  const box = async (l: Locator) => {
    const b = (await l.boundingBox())!;
    return [b.x, b.y, b.width, b.height].map((v) => Math.round(v));
  };

  beforeAll(async () => {
    host = await startTestHost();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.host.url);
    await skipProfilePicker(page);
    await importAndOpenSamplePage(page);
  });

  afterAll(async () => {
    expect(errors).toEqual([]);
    await browser?.close();
    await host?.close();
  });

  it('shows every field as labelled text and mounts no form control, also after a split', async () => {
    expect(await cards().count()).toBeGreaterThanOrEqual(5);
    expect(await controls()).toBe(0);
    const headline = cards().nth(1).locator('[data-field=headline]');
    expect(await headline.getAttribute('role')).toBe('textbox');
    expect(await headline.getAttribute('aria-label')).toBe('主标题');
    expect(await headline.getAttribute('tabindex')).toBe('0');
    expect(await cards().nth(1).locator('[data-field=kind]').getAttribute('role')).toBe('combobox');
    const before = await cardStartLines(page);
    await clickLine(page, before[1]! + 3);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => cards().count()).toBe(before.length + 1);
    expect(await controls()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => cardStartLines(page)).toEqual(before);
  });

  it('becomes the control in the same box, with the caret where it was clicked; Escape reverts', async () => {
    const field = cards().nth(1).locator('[data-field=headline]');
    const text = await fieldValue(field);
    expect(text.length).toBeGreaterThan(4);
    await field.scrollIntoViewIfNeeded();
    const shown = await box(field);
    // The left half of the fourth character: the caret goes before it.
    const at = await field.evaluate((el) => {
      const range = document.createRange();
      range.setStart(el.firstChild!, 3);
      range.setEnd(el.firstChild!, 4);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 4, y: r.top + r.height / 2 };
    });
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).getAttribute('data-field'))).toBe('headline');
    expect(await box(field)).toEqual(shown);
    expect(await controls()).toBe(1);
    await page.keyboard.type('X');
    expect(await fieldValue(field)).toBe(`${text.slice(0, 3)}X${text.slice(3)}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => controls()).toBe(0);
    expect(await fieldValue(field)).toBe(text);
    expect(await cards().nth(1).locator('.field-headline.edited').count()).toBe(0);
  });

  it('keeps the box of the paragraphs and the kind when entered', async () => {
    const paragraphs = cards().nth(1).locator('[data-field=paragraphs]');
    await paragraphs.scrollIntoViewIfNeeded();
    const shown = await box(paragraphs);
    await paragraphs.focus();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    expect(await box(paragraphs)).toEqual(shown);
    const kind = cards().nth(1).locator('[data-field=kind]');
    await kind.scrollIntoViewIfNeeded();
    const kindShown = await box(kind);
    await kind.focus();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    expect(await box(kind)).toEqual(kindShown);
    await page.locator('.page-title').click();
    await expect.poll(() => controls()).toBe(0);
    // A click on the kind enters its select too (its list asked to open), and the arrows choose.
    const kindBefore = await cards().nth(1).getAttribute('data-kind');
    await kind.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await page.keyboard.press('Escape');
    await page.locator('.page-title').click();
    expect(await cards().nth(1).getAttribute('data-kind')).toBe(kindBefore);
    // A click on a field's label enters the field, as a label's click focuses its control.
    await cards().nth(1).locator('.field-byline .field-label').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('byline');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await page.locator('.page-title').click();
    await expect.poll(() => controls()).toBe(0);
  });

  it('moves through the fields with Tab and commits a field when it is left', async () => {
    const card = cards().nth(1);
    await card.locator('[data-field=headline]').focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('subheadline');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    expect(await controls()).toBe(1); // the headline is text again
    await page.keyboard.type('副题');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('headline');
    await expect.poll(() => card.locator('.field-subheadline.edited').count()).toBe(1);
    expect(await fieldValue(card.locator('[data-field=subheadline]'))).toContain('副题');
    await page.screenshot({ path: join(SCREENSHOTS, 'card-fields-zh-CN-1366x768.tmp.png') });
    await page.locator('.page-title').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => card.locator('.field-subheadline.edited').count()).toBe(0);
  });
});
