// The library of a big archive in the running app (issue 14): publication → year → month, folded to
// the newest month, virtualised, walked with the keyboard; and pages another process imports into
// the same archive (`galley import` while the app is open) appear without a reload. The tree comes
// with per-year counts only, and a year's issues are fetched when the year opens (issue 15).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ImportPageInput } from '../electron/archive/archive-api.ts';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { fakeSegment } from '../test/archive/fake-segmenter.ts';
import { hasChromium, launchChromium, SCREENSHOTS, skipProfilePicker, startTestHost, type TestHost } from './support.ts';

const DAYS = 400;
const quiet = { logger: { warn: () => {} } };

function dailyPage(date: string, publication: string): ImportPageInput {
  const text = `${publication}\n${date} 要闻\n本报讯（记者 张三）${date}的报道正文。\n`;
  return { sourceName: `${publication}/${date}/p1.txt`, text, encoding: 'UTF-8', dateHint: date, publicationHint: publication, pageNumberHint: 1, segmentation: fakeSegment(text, {}) };
}

describe.skipIf(!hasChromium)('library of a big archive', () => {
  let dir: string;
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  const archivePath = () => join(dir, 'archive.db');
  // What the tab asked the host: the tree's answers and every library.issues request.
  const trees: string[] = [];
  const yearRequests: { publicationId: number; year: number | null }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-e2e-library-'));
    // More than a year of a daily: the library must open folded, on the newest month.
    const archive = openArchive(archivePath(), quiet);
    const pages: ImportPageInput[] = [];
    for (let d = 0; d < DAYS; d++) pages.push(dailyPage(new Date(Date.UTC(2022, 0, 1) + d * 86_400_000).toISOString().slice(0, 10), '衡阳日报'));
    // One issue of an older year, folded and never fetched until search opens its page.
    const old = dailyPage('2019-05-20', '衡阳日报');
    const text = `${old.text}独家专访湘江老船工\n`;
    pages.push({ ...old, text, segmentation: fakeSegment(text, {}) });
    archive.importPages(pages, { name: 'seed' });
    archive.close();
    host = await startTestHost({ dir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    page.on('request', (r) => {
      if (r.url().endsWith('/api/library.issues')) yearRequests.push(r.postDataJSON() as { publicationId: number; year: number | null });
    });
    page.on('response', (r) => {
      if (r.url().endsWith('/api/library.tree')) void r.text().then((t) => trees.push(t), () => undefined);
    });
    await page.goto(host.host.url);
    await skipProfilePicker(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens folded on the newest month, a year opens with a click, and only rows in view are in the page', { timeout: 60_000 }, async () => {
    await page.getByTestId('year-row').first().waitFor();
    await expect.poll(() => page.getByTestId('year-row').allInnerTexts()).toEqual([expect.stringContaining('2023 年'), expect.stringContaining('2022 年'), expect.stringContaining('2019 年')]);
    // The newest month (February 2023: 400 days from 2022-01-01 end on 2023-02-04) is open, the rest folded.
    expect(await page.getByTestId('issue-row').count()).toBe(4);
    await page.getByTestId('year-row').nth(1).click();
    await expect.poll(() => page.getByTestId('month-row').count()).toBe(2 + 12);
    await page.getByTestId('month-row').filter({ hasText: '12 月' }).click();
    // December's issues follow its row, newest first (the rows further down are mounted as they scroll into view).
    await page.getByTestId('issue-row').filter({ hasText: '2022-12-31' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'library-grouped-zh.png') });
    await expect.poll(() => page.locator('[data-testid=month-row][aria-expanded=true]').allInnerTexts()).toEqual([expect.stringContaining('2 月'), expect.stringContaining('12 月')]);
    // 53 rows now (publication, 3 years, 14 months, 35 issues): the page holds only those in view.
    expect(await page.locator('[role=treeitem]').count()).toBeLessThan(53);
  });

  it('fetches a year’s issues only when it opens: the tree carries counts, not issues', { timeout: 30_000 }, async () => {
    await expect.poll(() => trees.length).toBeGreaterThan(0);
    const tree = JSON.parse(trees[0]!) as { value: { publications: { years: { year: number | null; issues: number }[] }[] } };
    expect(tree.value.publications[0]!.years.map((y) => [y.year, y.issues])).toEqual([
      [2023, 35],
      [2022, 365],
      [2019, 1],
    ]);
    // No issue travels with the tree: not one date of the 400 days.
    expect(trees[0]).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // 2023 was fetched first, by itself (the newest year, open); 2022 only when the first test opened it.
    // (A library.changed refresh fetches the open years again, so they may come more than once.)
    await expect.poll(() => [...new Set(yearRequests.map((r) => r.year))]).toEqual([2023, 2022]);
  });

  it('a page opened from search brings in its folded year, opened on the page', { timeout: 60_000 }, async () => {
    expect(yearRequests.some((r) => r.year === 2019)).toBe(false);
    // Fold 2023 and 2022, so the rows 2019 brings fit in the (virtualised) view.
    for (const y of ['2023 年', '2022 年']) {
      await page.getByTestId('year-row').filter({ hasText: y }).click();
      await expect.poll(() => page.getByTestId('year-row').filter({ hasText: y }).getAttribute('aria-expanded')).toBe('false');
    }
    await page.getByTestId('search-button').click();
    await page.getByTestId('search-query').fill('湘江老船工');
    await page.getByTestId('search-run').click();
    await page.getByTestId('search-hit').first().locator('.hit-title button').click();
    await page.getByTestId('search-query').waitFor({ state: 'detached' });
    // The year was fetched, and its year and month rows open down to the page being proofed.
    await expect.poll(() => yearRequests.some((r) => r.year === 2019), { timeout: 20_000 }).toBe(true);
    const current = page.locator('[data-testid=page-row][aria-current=page]');
    await current.waitFor({ timeout: 20_000 });
    expect(await current.getAttribute('title')).toBe('衡阳日报/2019-05-20/p1.txt');
    expect(await page.getByTestId('year-row').filter({ hasText: '2019 年' }).getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: join(SCREENSHOTS, 'library-search-reveals-year-zh.png') });
    // As the next test expects it: 2023 open again.
    await page.getByTestId('year-row').filter({ hasText: '2023 年' }).click();
    await expect.poll(() => page.getByTestId('year-row').filter({ hasText: '2023 年' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('is walked with the keyboard: ↓ moves, ← closes a group, → opens it', { timeout: 30_000 }, async () => {
    const first = page.getByTestId('year-row').first();
    await first.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('month-row');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe('false');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe('true');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('issue-row');
  });

  it('shows pages another process imports into the same archive, without a reload', { timeout: 60_000 }, async () => {
    const other = openArchive(archivePath(), quiet);
    try {
      other.importPages([dailyPage('2023-02-05', '云溪日报')], { name: 'galley import' });
    } finally {
      other.close();
    }
    await page.getByText('云溪日报').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'library-live-import-zh.png') });
    // The new paper opens on its one year, fetched as it opens (a small paper opens fully). The
    // host fails that fetch: the year says so in the UI language and offers Retry, which loads it.
    const requests = yearRequests.length;
    await page.route('**/api/library.issues', (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'down' }));
    await page.getByTestId('publication-row').filter({ hasText: '云溪日报' }).click();
    const failed = page.getByTestId('error-row');
    await failed.waitFor({ timeout: 20_000 });
    expect(await failed.innerText()).toContain('期次未能载入：Galley 主机未能完成该操作。');
    expect(await failed.innerText()).toContain('重试');
    await page.screenshot({ path: join(SCREENSHOTS, 'library-year-failed-zh.png') });
    await page.unroute('**/api/library.issues');
    await failed.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('issue-row').filter({ hasText: '2023-02-05' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => failed.count()).toBe(0);
    // The failed request and the retry (a library.changed refresh may add more).
    expect(yearRequests.slice(requests).filter((r) => r.year === 2023).length).toBeGreaterThanOrEqual(2);
  });
});
