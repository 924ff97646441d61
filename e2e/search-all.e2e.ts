// Issue 14 in the running app: search shows the true total past one page of results and pages
// through it; "select all N matches" tags every match after a confirmation naming N; and an error
// banner belongs to what the user was doing (a new dialog or the profile picker clears it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ImportPageInput } from '../electron/archive/archive-api.ts';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { fakeSegment } from '../test/archive/fake-segmenter.ts';
import { hasChromium, launchChromium, startTestHost, type TestHost } from './support.ts';

/** The renderer's page of search results (renderer/components/SearchPanel.tsx PAGE_SIZE). */
const PAGE_SIZE = 100;
/** Days of a daily, one report each that says 通报: more matches than one page of results. */
const DAYS = 130;

function dailyPage(date: string): ImportPageInput {
  const text = `衡阳日报\n${date} 要闻\n本报讯（记者 张三）${date}市里通报了一件事。\n`;
  return { sourceName: `衡阳日报/${date}/p1.txt`, text, encoding: 'UTF-8', dateHint: date, publicationHint: '衡阳日报', pageNumberHint: 1, segmentation: fakeSegment(text, {}) };
}

describe.skipIf(!hasChromium)('search over more than one page of results', () => {
  let dir = '';
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  const count = () => page.getByTestId('search-count');

  beforeAll(async () => {
    // Seeded in the archive before the host starts (an import through the window is not what is tested here).
    dir = mkdtempSync(join(tmpdir(), 'galley-e2e-'));
    const archive = openArchive(join(dir, 'archive.db'), { logger: { warn: () => {} } });
    const pages: ImportPageInput[] = [];
    for (let d = 0; d < DAYS; d++) pages.push(dailyPage(new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)));
    archive.importPages(pages, { name: 'seed' });
    // Tagging needs a profile: the archive's first one is its supervisor.
    archive.createProfile({ name: '主编王', role: 'supervisor' }, { name: 'os' });
    archive.close();
    host = await startTestHost({ dir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    await page.goto(host.host.url);
    await page.getByTestId('profile-picker').waitFor();
    await page.locator('[data-testid=profile-choice][data-name="主编王"]').click();
    await page.getByTestId('profile-picker').waitFor({ state: 'detached' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the true total, pages through it, and tags every match after naming the count', { timeout: 120_000 }, async () => {
    await page.getByTestId('search-button').click();
    await page.getByTestId('search-query').fill('通报');
    await page.getByTestId('search-run').click();
    await expect.poll(() => count().getAttribute('data-total'), { timeout: 30_000 }).not.toBeNull();
    const total = Number(await count().getAttribute('data-total'));
    expect(total).toBeGreaterThan(PAGE_SIZE);
    expect(total).toBeGreaterThanOrEqual(DAYS);
    expect(await page.getByTestId('search-hit').count()).toBe(PAGE_SIZE);
    expect(await count().textContent()).toBe(`Results 1–${PAGE_SIZE} of ${total}`);

    // The next page holds the following matches, none of the first page's.
    const first = await page.getByTestId('search-hit').evaluateAll((hits) => hits.map((h) => (h as HTMLElement).dataset.itemId));
    await page.getByTestId('search-next').click();
    await expect.poll(() => count().textContent()).toBe(`Results ${PAGE_SIZE + 1}–${Math.min(total, 2 * PAGE_SIZE)} of ${total}`);
    const second = await page.getByTestId('search-hit').evaluateAll((hits) => hits.map((h) => (h as HTMLElement).dataset.itemId));
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    await page.getByTestId('search-prev').click();
    await expect.poll(() => count().textContent()).toBe(`Results 1–${PAGE_SIZE} of ${total}`);

    // All matches, not only the page shown: the confirmation names the whole count.
    await page.getByTestId('select-all').check();
    await page.getByTestId('select-all-matches').click();
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toContain(String(total));
    await page.getByTestId('tag-selected').click();
    await page.getByTestId('bulk-add').fill('全部命中');
    await page.getByTestId('bulk-apply').click();
    await expect.poll(() => page.getByTestId('bulk-confirm').textContent()).toContain(String(total));
    await page.getByTestId('bulk-apply').click();
    await page.getByTestId('bulk-form').waitFor({ state: 'detached', timeout: 60_000 });

    // Every match now carries the tag: a search by the tag alone finds the same total.
    await page.getByTestId('search-query').fill('');
    await expect.poll(() => page.getByTestId('search-tag').locator('option', { hasText: '全部命中' }).count(), { timeout: 30_000 }).toBe(1);
    await page.getByTestId('search-tag').selectOption('全部命中');
    await page.getByTestId('search-run').click();
    await expect.poll(() => count().getAttribute('data-total'), { timeout: 30_000 }).toBe(String(total));
    await page.keyboard.press('Escape');
  });

  it('an error banner goes away when another dialog or the profile picker opens', { timeout: 60_000 }, async () => {
    if ((await page.locator('[role=dialog]').count()) > 0) await page.keyboard.press('Escape');
    await page.getByTestId('issue-row').first().click();
    await page.getByTestId('page-row').first().click();
    await page.waitForSelector('[data-testid=item-card]');
    // The host fails one call (a broken proxy in front of it, say): the banner says so.
    const fail = (route: import('playwright-core').Route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'broken' });
    await page.route('**/api/page.setState', fail);
    const select = page.getByTestId('page-state-select');
    const raise = async () => {
      await select.selectOption((await select.inputValue()) === 'proofed' ? 'in-progress' : 'proofed');
      await page.getByTestId('error-message').waitFor({ timeout: 20_000 });
    };
    await raise();
    await page.getByTestId('search-button').click();
    await page.getByTestId('error-message').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.getByTestId('search-query').waitFor({ state: 'detached' });
    await raise();
    await page.getByTestId('profile-badge').click();
    await page.getByTestId('profile-picker').waitFor();
    await page.getByTestId('error-message').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.unroute('**/api/page.setState', fail);
  });
});
