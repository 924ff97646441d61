// "Open archive…" in the browser host (issue 13 §6), through the real UI in Debian Chromium: the
// host starts on a fresh local SQLite archive (no profiles: its one user may switch); File → Open
// archive… → PostgreSQL → the URL of a throwaway cluster holding a team archive with accounts; the
// tab reloads on the team archive's login screen, the supervisor logs in, and the badge says
// "team". Then, in Chinese, back to the local archive from the host's list: the supervisor's
// password is asked again and the badge says "local". Screenshots of the dialog in both languages.
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../electron/accounts/password.ts';
import { openArchiveFor } from '../electron/archive/open-any.ts';
import { findPostgres, startPostgresCluster, type PostgresCluster } from '../test/support/postgres-cluster.ts';
import { SAMPLE_PAGE, SCREENSHOTS, hasChromium, launchChromium, startTestHost, type TestHost } from './support.ts';

const SUPERVISOR = { name: '主编王', password: 'wang-zhubian-2024' };

describe.skipIf(!hasChromium || !findPostgres())('opening another archive in the browser host', () => {
  let cluster: PostgresCluster;
  let host: TestHost;
  let browser: Browser;
  let page: Page;

  const openDialog = async () => {
    await page.getByTestId('menu-file').click();
    await page.locator('[data-command=openArchive]').click();
    await page.getByTestId('open-archive-dialog').waitFor();
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    cluster = startPostgresCluster();
    // The team archive: one page and a supervisor with a password (so it shows a login screen).
    const team = await openArchiveFor(cluster.url);
    await team.importPage({ sourceName: '衡阳日报/2021-10-29/p01.txt', text: readFileSync(SAMPLE_PAGE, 'utf8'), encoding: 'UTF-8' }, { name: 'setup' });
    const sup = await team.createProfile({ name: SUPERVISOR.name, role: 'supervisor' }, { name: 'setup' });
    await team.setProfilePassword(sup.id, await hashPassword(SUPERVISOR.password), { name: sup.name, profileId: sup.id, role: 'supervisor' });
    await team.close();
    host = await startTestHost();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    await context.addInitScript(() => {
      if (!localStorage.getItem('galley.language')) localStorage.setItem('galley.language', 'en');
    });
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    await page.goto(host.host.url);
    await page.getByTestId('archive-badge').waitFor();
    // A fresh archive asks who is working first; this test works as its one local user.
    await page.getByTestId('profile-later').click();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    cluster?.stop();
  });

  it('starts on the local archive', async () => {
    expect(await page.getByTestId('archive-badge').getAttribute('data-kind')).toBe('local');
  });

  it('switches to the PostgreSQL archive, shows its login screen, and the badge says team', async () => {
    await openDialog();
    await page.getByTestId('archive-tab-postgres').click();
    // A malformed address is refused in the dialog, before the host is asked.
    await page.getByTestId('archive-postgres-url').fill('mysql://nope');
    await page.getByTestId('archive-open').click();
    expect(await page.getByTestId('archive-error').textContent()).toContain('postgresql://');
    await page.getByTestId('archive-postgres-url').fill(cluster.url);
    await page.screenshot({ path: `${SCREENSHOTS}/open-archive-en.tmp.png` });
    await page.getByTestId('archive-open').click();
    // The host switched and the tab reloaded: the team archive has accounts, so its login screen.
    await page.getByTestId('login-screen').waitFor({ timeout: 60_000 });
    await page.getByTestId('login-name').fill(SUPERVISOR.name);
    await page.getByTestId('login-password').fill(SUPERVISOR.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('account-chip').waitFor();
    await page.waitForSelector('[data-testid=archive-badge][data-kind=team]');
    expect(await page.getByTestId('archive-badge').textContent()).toContain('Team archive');
    // The team archive's page is there.
    await page.getByTestId('issue-row').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/open-archive-team.tmp.png` });
  }, 120_000);

  it('goes back to the local archive in Chinese, with the supervisor’s password asked again', async () => {
    await page.getByTestId('language-select').selectOption('zh-CN');
    await openDialog();
    expect(await page.getByTestId('open-archive-dialog').textContent()).toContain('打开档案');
    const entries = page.getByTestId('archive-entry');
    // Local tab: the archive the host started on, offered by id (the list arrives from the host).
    await entries.first().waitFor();
    expect(await entries.count()).toBe(1);
    await entries.first().check();
    await page.screenshot({ path: `${SCREENSHOTS}/open-archive-zh.tmp.png` });
    await page.getByTestId('archive-open').click();
    await page.getByTestId('password-dialog').waitFor();
    expect(await page.getByTestId('password-dialog').textContent()).toContain('打开另一个档案');
    await page.getByTestId('password-input').fill('wrong-password-1');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-error').waitFor();
    await page.getByTestId('password-input').fill(SUPERVISOR.password);
    await page.getByTestId('password-submit').click();
    await page.waitForSelector('[data-testid=archive-badge][data-kind=local]', { timeout: 60_000 });
    expect(await page.getByTestId('archive-badge').textContent()).toContain('本地档案');
  }, 120_000);

  it('a team server address sends the tab there', async () => {
    await openDialog();
    await page.getByTestId('archive-tab-server').click();
    await page.getByTestId('archive-server-url').fill('ftp://example');
    await page.getByTestId('archive-open').click();
    expect(await page.getByTestId('archive-error').textContent()).toContain('http://');
    // Its own address (a server's printed URL) navigates the tab: the same host answers.
    await page.getByTestId('archive-server-url').fill(host.host.url);
    await page.getByTestId('archive-open').click();
    await page.waitForURL((u) => u.port === String(host.host.port));
    await page.getByTestId('archive-badge').waitFor();
  }, 60_000);
});
