// Issue 14 in the running app: Alt+PageDown past an issue's last page goes on to the next issue of
// the publication (and Alt+PageUp back); an archivist gets no working Split/Merge and a read-only
// OCR pane, with the reason in the status bar; an editor reaches the reasons for a disabled
// Approve/Export with the keyboard, not only in a hover tooltip; a page without a masthead is
// filed under "Unknown publication", said in the UI language.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { hasChromium, launchChromium, startTestHost, type TestHost } from './support.ts';

const PAGES = fileURLToPath(new URL('../resources/pages/', import.meta.url));

describe.skipIf(!hasChromium)('page keys and roles at the desk', () => {
  let dir = '';
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  const title = () => page.locator('.page-view .toolbar .page-title').getAttribute('title');
  const switchTo = async (name: string) => {
    await page.getByTestId('profile-badge').click();
    await page.locator(`[data-testid=profile-choice][data-name="${name}"]`).click();
    await expect.poll(() => page.getByTestId('profile-badge').textContent()).toContain(name);
    await expect.poll(() => page.getByTestId('profile-picker').count()).toBe(0);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-e2e-'));
    const archive = openArchive(join(dir, 'archive.db'));
    const boss = archive.createProfile({ name: '主编王', role: 'supervisor' }, { name: 'os' });
    const actor = { name: boss.name, profileId: boss.id, role: boss.role };
    archive.createProfile({ name: 'Ed', role: 'editor' }, actor);
    archive.createProfile({ name: 'Archie', role: 'archivist' }, actor);
    archive.close();
    host = await startTestHost({ dir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    await page.goto(host.host.url);
    // The same daily a day later: its last page read again with the next day's date line.
    const src = join(dir, 'src');
    const next = readFileSync(join(PAGES, 'yunxi-daily-2023-03-14-p4.txt'), 'utf8').replaceAll('2023年3月14日', '2023年3月15日').replaceAll('星期二', '星期三');
    mkdirSync(src);
    writeFileSync(join(src, 'yunxi-daily-2023-03-15-p4.txt'), next);
    await page.getByTestId('profile-picker').waitFor();
    await page.locator('[data-testid=profile-choice][data-name="主编王"]').click();
    await page.getByTestId('profile-picker').waitFor({ state: 'detached' });
    await page.setInputFiles('[data-testid=import-input]', [
      ...['p1', 'p2', 'p4'].map((p) => join(PAGES, `yunxi-daily-2023-03-14-${p}.txt`)),
      join(src, 'yunxi-daily-2023-03-15-p4.txt'),
    ]);
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-done').textContent()).toContain('4 imported');
    await page.locator('[data-testid=import-panel] button').click();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('Alt+PageDown on an issue’s last page opens the next issue’s first page; Alt+PageUp comes back', { timeout: 60_000 }, async () => {
    await expect.poll(() => page.getByTestId('issue-row').count()).toBe(2);
    const first = page.getByTestId('issue-row').filter({ hasText: '2023-03-14' });
    await first.click();
    await page.getByTestId('page-row').filter({ hasText: /Page 4/ }).first().click();
    await expect.poll(title).toMatch(/2023-03-14-p4\.txt$/);
    await page.waitForSelector('[data-testid=item-card]');
    await page.keyboard.press('Alt+PageDown');
    await expect.poll(title).toMatch(/2023-03-15-p4\.txt$/);
    await page.keyboard.press('Alt+PageUp');
    await expect.poll(title).toMatch(/2023-03-14-p4\.txt$/);
    await page.keyboard.press('Alt+PageUp');
    await expect.poll(title).toMatch(/2023-03-14-p2\.txt$/);
  });

  it('an archivist cannot split, merge or type in the OCR text, and the status bar says why', { timeout: 60_000 }, async () => {
    await switchTo('Archie');
    await page.waitForSelector('[data-testid=item-card]');
    await expect.poll(() => page.getByTestId('split-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('merge-button').isDisabled()).toBe(true);
    // The reason is said in words a keyboard user reaches (the status bar is a live region).
    await expect.poll(() => page.getByTestId('status-readonly').textContent()).toMatch(/^Read only: /);
    const editor = page.getByTestId('raw-editor');
    const before = await editor.locator('.view-lines').innerText();
    await editor.locator('.view-line').nth(3).click();
    await page.keyboard.type('错字');
    await page.keyboard.press('Control+Enter');
    expect(await editor.locator('.view-lines').innerText()).toBe(before);
    expect(await page.getByTestId('undo').isDisabled()).toBe(true);
  });

  it('an editor reaches why Approve and Export are unavailable with the keyboard', { timeout: 60_000 }, async () => {
    await switchTo('Ed');
    await expect.poll(() => page.getByTestId('issue-approve').first().isDisabled()).toBe(true);
    const why = page.getByTestId('issue-why').first();
    await why.locator('summary').focus();
    expect(await why.locator('summary').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => why.getAttribute('open')).not.toBeNull();
    const reasons = await why.locator('li').allInnerTexts();
    expect(reasons).toContainEqual(expect.stringMatching(/^Approve: Only a supervisor can approve an issue/));
    expect(reasons).toContainEqual(expect.stringMatching(/^Export: /));
  });

  it('a page without a masthead is filed under an unknown publication, named in the UI language', { timeout: 60_000 }, async () => {
    const file = join(dir, 'src', 'no-masthead.txt');
    writeFileSync(file, '这是一段没有报头的正文，只有几句话。\n\n第二段也是正文。\n');
    await switchTo('主编王');
    await page.setInputFiles('[data-testid=import-input]', file);
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid=import-panel] button').click();
    const titles = () => page.locator('.pub-title').allInnerTexts();
    await expect.poll(titles).toContain('Unknown publication');
    await page.getByTestId('language-select').selectOption('zh-CN');
    await expect.poll(titles).toContain('未知报刊');
    expect(await titles()).not.toContain('Unknown publication');
    await page.getByTestId('language-select').selectOption('en');
  });
});
