// Roles, tagging, review and approval, history and export through the real UI in Debian
// Chromium against the browser host: the first profile becomes the supervisor, an editor cannot
// approve (greyed out in the UI and refused by the host), approve, export, the approved issue
// refuses edits, reopen with a reason, tag an item by accepting a suggestion, find it by that tag,
// restore an earlier version. Screenshots of every new panel in both languages.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { EXPORT_DIR_SETTING } from '../electron/export/archive-export.ts';
import { SAMPLE_PAGE, SCREENSHOTS, cardFieldValues, fieldValue, fillCardField, hasChromium, launchChromium, startTestHost, type TestHost } from './support.ts';

const HEADLINE = '秦国文率队赴苏州考察学习';

describe.skipIf(!hasChromium)('review workflow in the browser host', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  let issueId = 0;
  let exportDir = '';
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.tmp.png`) });
  const issueState = () => page.getByTestId('issue-state').first().getAttribute('data-state');
  let articleIndex = -1;
  const article = () => page.locator('[data-testid=item-card]').nth(articleIndex);
  const headlines = () => cardFieldValues(page, 'headline');
  const switchTo = async (name: string) => {
    await page.getByTestId('profile-badge').click();
    await page.locator(`[data-testid=profile-choice][data-name="${name}"]`).click();
    await expect.poll(() => page.getByTestId('profile-badge').textContent()).toContain(name);
    await expect.poll(() => page.getByTestId('profile-picker').count()).toBe(0);
  };
  const closeDialog = async () => {
    await page.getByTestId('dialog-close').click();
    await expect.poll(() => page.locator('[role=dialog]').count()).toBe(0);
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Exports go only to the archive's configured export folder (the renderer names no other).
    const dir = mkdtempSync(join(tmpdir(), 'galley-e2e-'));
    exportDir = join(dir, 'exports');
    const archive = openArchive(join(dir, 'archive.db'));
    archive.setSetting(EXPORT_DIR_SETTING, exportDir);
    archive.close();
    host = await startTestHost({ dir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('asks who is working at first start and makes the first profile the supervisor', async () => {
    await page.goto(host.host.url);
    await page.getByTestId('profile-picker').waitFor();
    expect(await page.getByTestId('profile-picker').textContent()).toContain('it becomes the supervisor');
    await page.getByTestId('first-profile-name').fill('Sue 彭');
    await page.getByTestId('first-profile-create').click();
    await expect.poll(() => page.getByTestId('profile-badge').textContent()).toBe('Sue 彭 · Supervisor');
    expect(await page.getByTestId('profile-picker').count()).toBe(0);
  });

  it('imports the sample page and lets the supervisor add an editor', async () => {
    await page.setInputFiles('[data-testid=import-input]', SAMPLE_PAGE);
    await page.waitForSelector('[data-testid=import-done]', { timeout: 20_000 });
    await page.click('[data-testid=import-panel] button');
    await page.getByTestId('profiles-button').click();
    await page.getByTestId('new-profile-name').fill('Ed 李');
    await page.getByTestId('new-profile-role').selectOption('editor');
    await page.getByTestId('new-profile-add').click();
    await expect.poll(() => page.getByTestId('profile-row').count()).toBe(2);
    await closeDialog();
    await page.getByTestId('profile-badge').click();
    await expect.poll(() => page.getByTestId('profile-choice').count()).toBe(2);
    await shot('profile-picker-en');
    await page.locator('[data-testid=profile-choice][data-name="Ed 李"]').click();
    await expect.poll(() => page.getByTestId('profile-badge').textContent()).toBe('Ed 李 · Editor');
    await page.getByTestId('issue-row').first().click();
    await page.getByTestId('page-row').first().click();
    await page.waitForSelector('[data-testid=item-card]');
    articleIndex = (await headlines()).findIndex((h) => h.includes(HEADLINE));
    expect(articleIndex).toBeGreaterThan(0);
    issueId = Number(await page.getByTestId('issue-actions').getAttribute('data-issue-id'));
    expect(issueId).toBeGreaterThan(0);
  });

  it('does not let an editor approve: the button is disabled and the host refuses the call', async () => {
    const approve = page.getByTestId('issue-approve');
    expect(await approve.isDisabled()).toBe(true);
    expect(await approve.getAttribute('title')).toBe('Only a supervisor can approve an issue');
    expect(await page.getByTestId('profiles-button').count()).toBe(0);
    const refusal = await page.evaluate(async (id) => {
      const api = (window as unknown as { __galley: { api: { invoke(c: string, r: unknown): Promise<unknown> } } }).__galley.api;
      try {
        await api.invoke('issues.approve', { issueId: id });
        return null;
      } catch (e) {
        return { code: (e as { code?: string }).code, message: (e as Error).message };
      }
    }, issueId);
    expect(refusal).toEqual({ code: 'forbidden', message: expect.stringMatching(/^Only a supervisor can approve an issue/) });
  });

  it('the editor marks the page proofed; the supervisor approves', async () => {
    await page.getByTestId('page-state-select').selectOption('proofed');
    await expect.poll(issueState).toBe('proofed');
    await switchTo('Sue 彭');
    expect(await page.getByTestId('issue-approve').isDisabled()).toBe(false);
    expect(await page.getByTestId('issue-export').getAttribute('title')).toBe('Only an approved issue can be exported');
    await page.getByTestId('issue-approve').click();
    await expect.poll(issueState).toBe('approved');
    expect(await page.getByTestId('issue-state').first().textContent()).toBe('Approved');
    await page.getByTestId('locked-bar').waitFor();
  });

  it('exports json, NITF and CSV as a browser download (a zip) and shows the folder and manifest', async () => {
    await page.getByTestId('issue-export').click();
    await page.getByTestId('export-dialog').waitFor();
    for (const f of ['newsml', 'markdown', 'txt']) await page.getByTestId(`export-format-${f}`).uncheck();
    // The browser host's renderer names no folder: it shows the configured one and gets a download.
    await expect.poll(() => page.getByTestId('export-folder').evaluate((e) => e.tagName)).toBe('CODE');
    expect(await page.getByTestId('export-folder').textContent()).toBe(exportDir);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByTestId('export-run').click()]);
    await page.getByTestId('export-result').waitFor({ timeout: 20_000 });
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const saved = join(exportDir, '..', 'downloaded.zip');
    await download.saveAs(saved);
    const files = unzipSync(new Uint8Array(readFileSync(saved)));
    const names = Object.keys(files);
    expect(names.some((n) => n.endsWith('.json') && !n.endsWith('/manifest.json'))).toBe(true);
    expect(names.some((n) => n.endsWith('.csv'))).toBe(true);
    expect(names.some((n) => /nitf/i.test(n))).toBe(true);
    expect(names.some((n) => n.endsWith('.md'))).toBe(false);
    // The zip holds what the manifest lists, byte for byte (SHA-256).
    const manifestName = names.find((n) => n.endsWith('/manifest.json'))!;
    const listed = JSON.parse(strFromU8(files[manifestName]!)) as { files: { path: string; sha256: string }[] };
    expect(listed.files.length).toBeGreaterThan(2);
    for (const f of listed.files) {
      const entry = names.find((n) => n.endsWith(`/${f.path}`));
      expect(entry, f.path).toBeDefined();
      expect(createHash('sha256').update(files[entry!]!).digest('hex')).toBe(f.sha256);
    }
    expect(await page.getByTestId('export-downloaded').textContent()).toContain(download.suggestedFilename());
    const folder = (await page.getByTestId('export-folder-path').textContent())!;
    expect(folder.startsWith(exportDir)).toBe(true);
    expect(existsSync(folder)).toBe(true);
    const manifest = (await page.getByTestId('export-manifest').textContent())!;
    expect(manifest).toMatch(/\.json/);
    expect(manifest).toMatch(/\.csv/);
    expect(manifest).toMatch(/nitf|\.xml/i);
    expect(manifest).not.toMatch(/\.md\b/);
    await shot('export-dialog-en');
    await closeDialog();
    await expect.poll(issueState).toBe('exported');
  });

  it('refuses an edit to the approved issue and keeps the archived text', async () => {
    const input = article().locator('[data-field=headline]');
    const before = await fieldValue(input);
    await fillCardField(input, 'An edit that must be refused');
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('error-message').textContent(), { timeout: 10_000 }).toMatch(/^Refused: This issue is locked \(Exported\)/);
    await expect.poll(async () => (await headlines())[articleIndex]).toBe(before);
    await page.locator('.error-bar button').click();
  });

  it('reopens the issue with a reason', async () => {
    await page.getByTestId('issue-reopen').click();
    expect(await page.getByTestId('reopen-confirm').isDisabled()).toBe(true); // a reason is required
    await page.getByTestId('reopen-reason').fill('Headline typo on page 1');
    await page.getByTestId('reopen-confirm').click();
    await expect.poll(issueState).toBe('in-progress');
    expect(await page.getByTestId('locked-bar').count()).toBe(0);
    await page.getByTestId('issue-history-button').click();
    await expect.poll(() => page.getByTestId('issue-history').textContent()).toContain('Headline typo on page 1');
    await closeDialog();
    // The reopened issue takes the fix.
    const input = article().locator('[data-field=headline]');
    const fixed = `${await fieldValue(input)}（校）`;
    await fillCardField(input, fixed);
    await input.press('Enter');
    await page.waitForSelector('[data-testid=save-state][data-state=saved]');
    await expect.poll(async () => (await headlines())[articleIndex]).toBe(fixed);
  });

  it('tags an item from its card by accepting a suggestion', async () => {
    await article().locator('.card-head').click();
    await article().getByTestId('tag-suggest').click();
    await article().getByTestId('tag-suggestions').waitFor({ timeout: 20_000 });
    const offered = await article().getByTestId('tag-suggestion').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.tag));
    expect(offered).toEqual(expect.arrayContaining(['衡阳', '苏州', '秦国文']));
    await article().locator('[data-testid=tag-suggestion][data-tag="苏州"]').click();
    await expect.poll(() => article().locator('[data-testid=tag-chip][data-tag="苏州"]').count()).toBe(1);
    // An accepted suggestion is not offered again.
    expect(await article().locator('[data-testid=tag-suggestion][data-tag="苏州"]').count()).toBe(0);
    await article().scrollIntoViewIfNeeded();
    await shot('card-tags-en');
  });

  it('finds the item with the search panel filtered by that tag', async () => {
    await page.getByTestId('search-button').click();
    await page.getByTestId('search-tag').selectOption('苏州');
    await page.getByTestId('search-query').fill('考察');
    await page.getByTestId('search-run').click();
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(1);
    expect(await page.getByTestId('search-hit').textContent()).toContain(HEADLINE);
    expect(await page.locator('[data-testid=search-hit] mark').count()).toBeGreaterThan(0);
    await page.locator('[data-testid=search-hit] input[type=checkbox]').check();
    expect(await page.getByTestId('selected-count').textContent()).toBe('1 selected');
    await shot('search-panel-en');
    await closeDialog();
  });

  it('shows the history with a diff and restores an earlier version', async () => {
    await page.getByTestId('page-history').click();
    await page.getByTestId('history-panel').waitFor();
    await expect.poll(() => page.getByTestId('history-revision').count()).toBeGreaterThanOrEqual(3);
    // Newest first: the tag.
    expect(await page.getByTestId('history-revision').first().getAttribute('data-action')).toBe('tag');
    expect(await page.locator('[data-testid=history-diff] .diff-line.add').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=history-diff]').textContent()).toContain('苏州');
    // The version before the tag.
    const before = page.locator('[data-testid=history-revision][data-restorable=true]').first();
    expect(await before.getAttribute('data-action')).toBe('edit'); // typed edit ops (core/edit), replayed for the diff
    await before.click();
    await expect.poll(() => page.locator('[data-testid=history-diff] .diff-line.del').count()).toBeGreaterThan(0); // the headline fix
    await shot('history-panel-en');
    await page.getByTestId('history-restore').click();
    await page.getByTestId('history-notice').waitFor();
    // The list reloads after the restore: wait for it rather than read the list shown before.
    await expect.poll(() => page.getByTestId('history-revision').first().getAttribute('data-action')).toBe('restore');
    await closeDialog();
    // The page reloaded as it was before the tag: the fix is kept, the tag is gone.
    await expect.poll(() => article().locator('[data-testid=tag-chip][data-tag="苏州"]').count()).toBe(0);
    expect((await headlines())[articleIndex]).toMatch(/（校）$/);
  });

  it('shows the same panels in Simplified Chinese', async () => {
    await page.getByTestId('language-select').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('profile-badge').textContent()).toBe('Sue 彭 · 主管');
    // Flags and contributors by code, in Chinese; each contributor once.
    expect(await page.locator('.flags').allTextContents()).not.toContainEqual(expect.stringMatching(/[A-Za-z]{4}/));
    const contributors = (await cardFieldValues(page, 'contributors')).filter(Boolean);
    expect(contributors.join(' ')).toMatch(/记者/);
    expect(contributors.join(' ')).not.toMatch(/reporter/);
    expect(await page.locator('.card ul.contributors').count()).toBe(0);

    await page.getByTestId('profile-badge').click();
    await page.getByTestId('profile-picker').waitFor();
    await shot('profile-picker-zh-CN');
    await page.keyboard.press('Escape');

    if ((await article().getByTestId('tag-suggest').getAttribute('aria-expanded')) !== 'true') await article().getByTestId('tag-suggest').click();
    await article().getByTestId('tag-suggestions').waitFor({ timeout: 20_000 });
    await article().locator('[data-testid=tag-suggestion][data-tag="衡阳"]').click();
    await expect.poll(() => article().locator('[data-testid=tag-chip][data-tag="衡阳"]').count()).toBe(1);
    await article().scrollIntoViewIfNeeded();
    await shot('card-tags-zh-CN');

    await page.getByTestId('search-button').click();
    await page.getByTestId('search-tag').selectOption('衡阳');
    await page.getByTestId('search-run').click();
    await expect.poll(() => page.getByTestId('search-hit').count()).toBeGreaterThanOrEqual(1);
    await page.getByTestId('select-all').check();
    await page.getByTestId('tag-selected').click();
    await page.getByTestId('bulk-add').fill('合作交流');
    await shot('search-panel-zh-CN');
    await page.getByTestId('bulk-apply').click();
    // Tagging many items asks first, naming how many.
    await expect.poll(() => page.getByTestId('bulk-confirm').textContent()).toMatch(/\d/);
    await page.getByTestId('bulk-apply').click();
    await expect.poll(() => page.getByTestId('search-hits').textContent()).toContain('合作交流');
    await closeDialog();

    await page.getByTestId('page-history').click();
    await expect.poll(() => page.getByTestId('history-revision').count()).toBeGreaterThanOrEqual(3);
    // The summary and the diff's field names in Chinese (the bulk tag is the newest revision).
    await expect.poll(() => page.getByTestId('history-summary').textContent()).toMatch(/标签：\+ 合作交流/);
    expect(await page.getByTestId('history-summary').textContent()).not.toMatch(/Tags|item|Saved/);
    expect(await page.locator('[data-testid=history-diff] .diff-line').allTextContents()).toContainEqual(expect.stringMatching(/^\+标签：.*合作交流/));
    expect(await page.locator('[data-testid=history-diff] .diff-line').allTextContents()).not.toContainEqual(expect.stringMatching(/^[-+ ](tags|headline|contributors|state):/));
    await shot('history-panel-zh-CN');
    await closeDialog();

    await page.getByTestId('page-state-select').selectOption('proofed');
    await expect.poll(issueState).toBe('proofed');
    await page.getByTestId('issue-approve').click();
    await expect.poll(issueState).toBe('approved');
    await page.getByTestId('issue-export').click();
    // The browser host always zips (the zip is the download): no zip choice is offered.
    await expect.poll(() => page.getByTestId('export-folder').evaluate((e) => e.tagName)).toBe('CODE');
    expect(await page.getByTestId('export-zip').count()).toBe(0);
    await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByTestId('export-run').click()]);
    await page.getByTestId('export-result').waitFor({ timeout: 20_000 });
    await shot('export-dialog-zh-CN');
    await closeDialog();
  });

  it('keeps a vocabulary: add a term, import CSV from a file, export CSV as a download', async () => {
    // The report below is checked in Chinese; the language is chosen here so that this test
    // does not depend on the one before it.
    await page.getByTestId('language-select').selectOption('zh-CN');
    await page.getByTestId('vocabulary-button').click();
    await page.getByTestId('vocabulary-manager').waitFor();
    await page.locator('[data-testid=vocabulary-manager] select').first().selectOption('place');
    for (const [path, label] of [['湖南', '湖南'], ['湖南/衡阳', '衡阳']]) {
      await page.getByTestId('vocab-path').fill(path!);
      await page.getByTestId('vocab-label').fill(label!);
      await page.getByTestId('vocab-save').click();
      await expect.poll(() => page.locator(`[data-testid=vocab-term][data-path="${path}"]`).count()).toBe(1);
    }
    await expect.poll(() => page.locator('[data-testid=vocab-term][data-path="湖南/衡阳"]').count()).toBe(1);
    const csv = join(host.dir, 'terms.csv');
    writeFileSync(csv, '\uFEFFtype,path,label,aliases\r\nsubject,经济,经济,\r\nsubject,经济/产业园区,产业园区,园区\r\nperson,秦国文,秦国文,\r\nbogus,x,y,\r\n');
    await page.getByTestId('vocab-file').setInputFiles(csv);
    await page.getByTestId('vocab-report').waitFor();
    expect(await page.getByTestId('vocab-report').textContent()).toMatch(/新增 3.*第 5 行/);
    await expect.poll(() => page.getByTestId('vocab-term').count()).toBe(5);
    await shot('vocabulary-zh-CN');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('vocab-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await closeDialog();
  });
});
