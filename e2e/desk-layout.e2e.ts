// Issue 14, the desk as laid out on screen at 1366×768 and 1920×1080 in both languages: the page
// toolbar is one row, the tour and the import report sit beside the panes (never over the cards),
// CJK text in the OCR pane wraps inside the pane, and the status bar counts the page's doubts.
// Every check waits for state and measures boxes; none depends on timing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESK_VIEWS, SAMPLE_PAGE, SCREENSHOTS, hasChromium, launchChromium, openDesk, startTestHost, type TestHost } from './support.ts';

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const box = (page: Page, selector: string): Promise<Box> =>
  page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  });

/** The toolbar's rows: distinct vertical centres of its visible children, and whether it overflows sideways. */
const toolbarRows = (page: Page) =>
  page.locator('.page-view .toolbar').evaluate((bar) => {
    const centres = new Set<number>();
    for (const child of Array.from(bar.children)) {
      const r = child.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      centres.add(Math.round((r.top + r.bottom) / 2 / 8));
    }
    return { rows: centres.size, overflow: bar.scrollWidth - bar.clientWidth };
  });

/** How far the widest rendered line of the OCR pane reaches past the text area (≤ 0: inside). */
const editorOverrun = (page: Page) =>
  page.getByTestId('raw-editor').evaluate((editor) => {
    const guard = editor.querySelector('.overflow-guard')!.getBoundingClientRect();
    const scrollbar = editor.querySelector('.scrollbar.vertical');
    const edge = scrollbar && scrollbar.getBoundingClientRect().width > 0 ? scrollbar.getBoundingClientRect().left : guard.right;
    let widest = -Infinity;
    let cjkLines = 0;
    const range = document.createRange();
    for (const line of Array.from(editor.querySelectorAll('.view-lines .view-line > span'))) {
      const text = line.textContent ?? '';
      if (/[\u4e00-\u9fff]/.test(text) && text.length > 20) cjkLines++;
      // The last character that draws ink: a space at a wrap point may hang past the edge, as in
      // any text layout, and hides nothing.
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let lastNode: Text | null = null;
      let lastAt = -1;
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const i = n.data.search(/\S[\s\u00a0]*$/);
        if (i >= 0) {
          lastNode = n;
          lastAt = i;
        }
      }
      if (!lastNode) continue;
      range.setStart(lastNode, lastAt);
      range.setEnd(lastNode, lastAt + 1);
      widest = Math.max(widest, range.getBoundingClientRect().right);
    }
    return { overrun: widest - edge, cjkLines };
  });

describe.skipIf(!hasChromium)('the desk at 1366×768 and 1920×1080', () => {
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
    it(`one-row toolbar, tour and import beside the cards, CJK inside the pane, doubts counted (${view.label})`, { timeout: 120_000 }, async () => {
      const page = await openDesk(browser, host.host.url, view);
      // The first test imports the sample issue; later ones open it again (no second import).
      const first = page.getByTestId('first-run');
      await first.waitFor({ timeout: 20_000 });
      await page.getByTestId('open-sample').click();
      await page.getByTestId('tour').waitFor({ timeout: 60_000 });
      await page.waitForSelector('[data-testid=item-card]');
      await page.waitForSelector('[data-testid=raw-editor] .view-line');

      const bar = await toolbarRows(page);
      expect(bar.rows, 'toolbar rows').toBe(1);
      expect(bar.overflow, 'toolbar scrolls sideways').toBeLessThanOrEqual(0);
      // The shortened title still names the whole source in its tooltip.
      expect(await page.locator('.page-view .toolbar .page-title').getAttribute('title')).toMatch(/shili-daily-2023-03-14-p1\.txt$/);

      // The tour is a strip the panes make room for: no card, and no OCR line, lies under it.
      const tour = await box(page, '[data-testid=tour]');
      const panes = await box(page, '.page-view .panes');
      expect(tour.top).toBeGreaterThanOrEqual(panes.bottom - 0.5);
      const status = await box(page, '[data-testid=statusbar]');
      expect(status.top).toBeGreaterThanOrEqual(tour.bottom - 0.5);
      expect(status.bottom).toBeLessThanOrEqual(h + 0.5);
      await page.screenshot({ path: `${SCREENSHOTS}desk-tour-${lang}-${w}x${h}.tmp.png` });

      // Long CJK lines wrap inside the OCR pane: no character reaches under the scroll bar.
      const wrap = await editorOverrun(page);
      expect(wrap.cjkLines, 'long CJK lines on screen').toBeGreaterThan(0);
      expect(wrap.overrun).toBeLessThanOrEqual(0.5);

      // The status bar counts the page's doubts, as the toolbar's counter does.
      const doubts = Number(await page.getByTestId('doubt-counter').getAttribute('data-count'));
      expect(doubts).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('status-doubts').getAttribute('data-count')).toBe(String(doubts));
      expect(await page.getByTestId('status-doubts').textContent()).toBe(lang === 'en' ? `${doubts} doubt${doubts === 1 ? '' : 's'}` : `${doubts} 处存疑`);

      // A finished import reports in a strip above the status bar, not over the cards.
      await page.getByTestId('tour-skip').click();
      await page.setInputFiles('[data-testid=import-input]', SAMPLE_PAGE);
      await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
      const report = await box(page, '[data-testid=import-panel]');
      expect(report.top).toBeGreaterThanOrEqual((await box(page, '.page-view .panes')).bottom - 0.5);
      await page.screenshot({ path: `${SCREENSHOTS}desk-import-${lang}-${w}x${h}.tmp.png` });
      await page.locator('[data-testid=import-panel] button').click();
      await page.getByTestId('import-panel').waitFor({ state: 'detached' });
      await page.close();
    });
  }
});
