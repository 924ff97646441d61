// Passwords in the app (issue 13 §2) on the team server, through the real UI in Debian Chromium:
// an editor changes their own password under "My password" (the old one asked; a wrong old one
// and two different new ones are said so), is logged out, cannot log in with the old one and logs
// in with the new one; the editor has no user management (no button, and 403 from the host); the
// supervisor resets the editor's password from the profile manager with their own password asked
// again, which ends the editor's open session; the editor logs in with the reset one. zh-CN and en
// screenshots of both screens.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../electron/accounts/password.ts';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { SAMPLE_PAGE, SCREENSHOTS, hasChromium, launchChromium, startTestHost, type TestHost } from './support.ts';

const SUPERVISOR = { name: '主编钱', password: 'qian-zhubian-2024' };
const EDITOR = { name: '编辑孙', password: 'sun-bianji-2024', changed: 'sun-bianji-2025', reset: 'sun-reset-by-qian' };

describe.skipIf(!hasChromium)('passwords in the app', () => {
  let host: TestHost;
  let browser: Browser;
  let dir = '';
  let editor: Page;
  let supervisor: Page;

  const open = async (language: 'zh-CN' | 'en'): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: language });
    await context.addInitScript((l) => localStorage.setItem('galley.language', l), language);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    await page.goto(host.host.url);
    await page.getByTestId('login-screen').waitFor();
    return page;
  };
  const login = async (page: Page, name: string, password: string) => {
    await page.getByTestId('login-name').fill(name);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  };
  /** The status code of a direct API call from the page (its token, its cookie). */
  const status = (page: Page, channel: string, body: unknown) =>
    page.evaluate(
      async ([c, b]) => {
        const token = sessionStorage.getItem('galley.token') ?? '';
        const res = await fetch(`/api/${c}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-galley-token': token }, body: JSON.stringify(b) });
        return res.status;
      },
      [channel, body] as const,
    );

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'galley-e2e-passwords-'));
    const archive = openArchive(join(dir, 'archive.db'));
    archive.importPages([{ sourceName: '衡阳日报/2021-10-29/p01.txt', text: readFileSync(SAMPLE_PAGE, 'utf8'), encoding: 'UTF-8' }], { name: 'setup' });
    const sup = archive.createProfile({ name: SUPERVISOR.name, role: 'supervisor' }, { name: 'setup' });
    const actor = { name: sup.name, profileId: sup.id, role: 'supervisor' as const };
    archive.setProfilePassword(sup.id, await hashPassword(SUPERVISOR.password), actor);
    const ed = archive.createProfile({ name: EDITOR.name, role: 'editor' }, actor);
    archive.setProfilePassword(ed.id, await hashPassword(EDITOR.password), actor);
    archive.close();
    host = await startTestHost({ dir });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('the editor changes their own password: the old one asked, mistakes said, then a login with the new one', async () => {
    editor = await open('zh-CN');
    await login(editor, EDITOR.name, EDITOR.password);
    await editor.getByTestId('account-chip').waitFor();
    await editor.getByTestId('my-password-button').click();
    await editor.getByTestId('my-password').waitFor();
    expect(await editor.getByTestId('my-password-state').textContent()).toBe(`您的身份 ${EDITOR.name} 已设置密码。`);
    // A wrong old password.
    await editor.getByTestId('my-password-old').fill('not-my-password');
    await editor.getByTestId('my-password-new').fill(EDITOR.changed);
    await editor.getByTestId('my-password-again').fill(EDITOR.changed);
    await editor.getByTestId('my-password-submit').click();
    await expect.poll(() => editor.getByTestId('my-password-error').textContent()).toBe(`${EDITOR.name} 的密码错误。`);
    // Two different new ones.
    await editor.getByTestId('my-password-old').fill(EDITOR.password);
    await editor.getByTestId('my-password-again').fill('something-else');
    await editor.getByTestId('my-password-submit').click();
    await expect.poll(() => editor.getByTestId('my-password-error').textContent()).toBe('两次输入的新密码不一致。');
    // Too short, worded by the host's rule.
    await editor.getByTestId('my-password-new').fill('short');
    await editor.getByTestId('my-password-again').fill('short');
    await editor.getByTestId('my-password-submit').click();
    await expect.poll(() => editor.getByTestId('my-password-error').textContent()).toBe('新密码太短：至少 8 个字符。');
    await editor.screenshot({ path: join(SCREENSHOTS, 'my-password-zh.tmp.png') });
    await editor.getByTestId('my-password-new').fill(EDITOR.changed);
    await editor.getByTestId('my-password-again').fill(EDITOR.changed);
    await editor.getByTestId('my-password-submit').click();
    await expect.poll(() => editor.getByTestId('my-password-done').textContent()).toBe('密码已修改。请用新密码重新登录。');
    // Closing logs out: the login screen, where the old password no longer works.
    await editor.getByTestId('my-password-close').click();
    await editor.getByTestId('login-screen').waitFor();
    await login(editor, EDITOR.name, EDITOR.password);
    await editor.getByTestId('login-error').waitFor();
    expect(await editor.getByTestId('login-error').textContent()).toBe('用户名或密码错误。');
    await login(editor, EDITOR.name, EDITOR.changed);
    await editor.getByTestId('account-chip').waitFor();
    expect(await editor.getByTestId('account-chip').textContent()).toContain(`已登录：${EDITOR.name}`);
  });

  it('the editor has no user management: no button, and the host answers 403', async () => {
    await editor.getByTestId('profile-badge').waitFor();
    expect(await editor.getByTestId('profiles-button').count()).toBe(0);
    expect(await status(editor, 'accounts.list', {})).toBe(403);
    expect(await status(editor, 'accounts.setPassword', { id: 'anyone', newPassword: 'taken-over-now' })).toBe(403);
  });

  it('the supervisor resets the editor’s password with their own asked again; the editor’s session ends', async () => {
    supervisor = await open('en');
    await login(supervisor, SUPERVISOR.name, SUPERVISOR.password);
    await supervisor.getByTestId('profiles-button').click();
    await supervisor.getByTestId('profiles-manager').waitFor();
    const row = supervisor.locator(`[data-testid=profile-row][data-name="${EDITOR.name}"]`);
    await expect.poll(() => row.getByTestId('profile-password').getAttribute('data-state')).toBe('set');
    await row.getByTestId('profile-set-password').click();
    await supervisor.getByTestId('user-password-input').fill(EDITOR.reset);
    await supervisor.screenshot({ path: join(SCREENSHOTS, 'users-passwords-en.tmp.png') });
    await supervisor.getByTestId('user-password-save').click();
    // The supervisor's own password, asked again.
    await supervisor.getByTestId('password-dialog').waitFor();
    expect(await supervisor.getByTestId('password-dialog').textContent()).toContain("Setting another user's password needs your password again.");
    await supervisor.getByTestId('password-input').fill(SUPERVISOR.password);
    await supervisor.getByTestId('password-submit').click();
    await expect.poll(() => supervisor.getByTestId('profiles-notice').textContent()).toBe(`The password of ${EDITOR.name} is set.`);
    // The editor's open window is logged out at its next request, and the reset password works.
    await editor.reload();
    await editor.getByTestId('login-screen').waitFor();
    await login(editor, EDITOR.name, EDITOR.changed);
    await editor.getByTestId('login-error').waitFor();
    await login(editor, EDITOR.name, EDITOR.reset);
    await editor.getByTestId('account-chip').waitFor();
  });

  it('shows "My password" in English too', async () => {
    await supervisor.getByTestId('profiles-manager').press('Escape');
    await supervisor.getByTestId('my-password-button').click();
    await supervisor.getByTestId('my-password').waitFor();
    expect(await supervisor.getByTestId('my-password-state').textContent()).toBe(`Your profile ${SUPERVISOR.name} has a password.`);
    // A team login cannot remove its password.
    expect(await supervisor.getByTestId('my-password-clear').count()).toBe(0);
    await supervisor.screenshot({ path: join(SCREENSHOTS, 'my-password-en.tmp.png') });
  });
});
