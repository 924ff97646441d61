// A team server on the network over HTTPS (issue 13 §2, galley serve --listen 0.0.0.0 --tls-*), in
// Debian Chromium: a throwaway self-signed certificate made here (the browser context is told to
// accept it), the printed https:// address opens the login screen, the supervisor logs in (the
// session cookie is Secure and HttpOnly) and the workspace loads its library over HTTPS.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hashPassword } from '../electron/accounts/password.ts';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { startBrowserHost, type BrowserHost } from '../electron/host/browser-host.ts';
import { parseListen } from '../electron/host/listen.ts';
import { loadTlsFiles } from '../electron/host/tls.ts';
import { SAMPLE_PAGE, SCREENSHOTS, hasChromium, launchChromium } from './support.ts';

describe.skipIf(!hasChromium)('team server over HTTPS in the browser', () => {
  let dir = '';
  let host: BrowserHost;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'galley-e2e-tls-'));
    const cert = join(dir, 'server.crt');
    const key = join(dir, 'server.key');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'pipe' });
    const archive = openArchive(join(dir, 'archive.db'));
    archive.importPages([{ sourceName: '衡阳日报/2021-10-29/p01.txt', text: readFileSync(SAMPLE_PAGE, 'utf8'), encoding: 'UTF-8' }], { name: 'setup' });
    const sue = archive.createProfile({ name: 'Sue', role: 'supervisor' }, { name: 'setup' });
    archive.setProfilePassword(sue.id, await hashPassword('sue-secret-pw'), { name: 'Sue', profileId: sue.id, role: 'supervisor' });
    archive.close();
    host = await startBrowserHost({
      archivePath: join(dir, 'archive.db'),
      tokenDir: join(dir, 'host-tokens'),
      listen: parseListen('0.0.0.0'),
      port: 0,
      tls: loadTlsFiles(cert, key)!,
    });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('logs in over https and loads the library', async () => {
    expect(host.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/#token=/);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ignoreHTTPSErrors: true, locale: 'en-US' });
    await context.addInitScript(() => localStorage.setItem('galley.language', 'en'));
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    await page.goto(host.url);
    await page.getByTestId('login-screen').waitFor();
    await page.getByTestId('login-name').fill('Sue');
    await page.getByTestId('login-password').fill('sue-secret-pw');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('account-chip').waitFor();
    await page.getByTestId('issue-row').first().waitFor();
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === `galley_session_${host.port}`);
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
    await page.screenshot({ path: `${SCREENSHOTS}/team-server-tls.tmp.png` });
  }, 120_000);
});
