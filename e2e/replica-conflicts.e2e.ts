// A replica's sync conflicts in the app (issue 13 §5), through the real UI in Debian Chromium: a
// laptop archive checked out with `galley checkout`, both pages of its issue edited there and on
// the server, `galley sync` keeps two conflicts; the browser host opened on the replica shows a
// badge with the count, the screen lists each page with both versions and who synced; the editor
// keeps their version of one page (the page view shows it) and both of the other; the next
// `galley sync` sends the kept page and marks the copy kept on the server. zh-CN and en screenshots.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { ReplicaStore } from '../electron/sync/replica-store.ts';
import { fakeSegment } from '../test/archive/fake-segmenter.ts';
import { galley, sqliteServer } from '../test/sync/support.ts';
import { SCREENSHOTS, hasChromium, launchChromium, startTestHost, type TestHost } from './support.ts';

const quiet = { segment: fakeSegment, learner: null, logger: { warn: () => {} } };
const withArchive = <R,>(path: string, fn: (a: ReturnType<typeof openArchive>) => R): R => {
  const a = openArchive(path, quiet);
  try {
    return fn(a);
  } finally {
    a.close();
  }
};

describe.skipIf(!hasChromium)('a replica’s conflicts in the app', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  let server = '';
  let local = '';
  const pages: { origin: number; local: number; mine: string; theirs: string }[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'galley-e2e-replica-'));
    // A copy of its own: the test helpers remove their folders after each test.
    server = join(dir, 'server.sqlite');
    copyFileSync(await sqliteServer(), server);
    local = join(dir, 'archive.db');
    const issue = withArchive(server, (a) => a.listIssues().find((i) => i.date === '2021-10-29')!);
    await galley(['checkout', String(issue.id), '--from', server, '--to', local, '--user', 'Sue']);
    const rows = withArchive(local, (a) => new ReplicaStore(a.db).pages());
    for (const [n, row] of rows.entries()) {
      const theirs = withArchive(server, (a) => {
        const p = a.getPage(row.originPageId);
        const text = `${p.text}\n服务器上的更正${n + 1}。`;
        a.savePage({ pageId: p.id, baseRevision: p.revision, text, items: p.items }, { name: 'Ed' });
        return text;
      });
      const mine = withArchive(local, (a) => {
        const p = a.getPage(row.localPageId);
        const text = `${p.text}\n离线时的更正${n + 1}。`;
        a.savePage({ pageId: p.id, baseRevision: p.revision, text, items: p.items }, { name: 'Ed' });
        return text;
      });
      pages.push({ origin: row.originPageId, local: row.localPageId, mine, theirs });
    }
    await galley(['sync', local, '--user', 'Sue'], 2);
    host = await startTestHost({ dir });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('shows the conflicts of the replica with both versions (zh-CN)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await context.addInitScript(() => localStorage.setItem('galley.language', 'zh-CN'));
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    await page.goto(host.host.url);
    await page.locator('[data-testid=profile-choice][data-name="Ed"]').click();
    await expect.poll(() => page.getByTestId('profile-picker').count()).toBe(0);
    await expect.poll(() => page.getByTestId('replica-badge').getAttribute('data-open')).toBe('2');
    expect(await page.getByTestId('replica-badge').textContent()).toBe('离线副本：2 处冲突');
    await page.getByTestId('replica-badge').click();
    await page.getByTestId('replica-conflicts').waitFor();
    const cards = page.getByTestId('replica-conflict');
    expect(await cards.count()).toBe(2);
    const first = cards.first();
    expect(await first.getByTestId('replica-mine').textContent()).toContain('离线时的更正');
    expect(await first.getByTestId('replica-current').textContent()).toContain('服务器上的更正');
    expect(await first.textContent()).toContain('由 Sue 于');
    expect(await first.textContent()).toContain('本地和服务器都修改过');
    await page.screenshot({ path: join(SCREENSHOTS, 'replica-conflicts-zh.tmp.png') });
  });

  it('keeps mine on one page and both on the other; the next sync carries the choices', async () => {
    const card = (n: number) => page.locator('[data-testid=replica-conflict]').filter({ hasText: `离线时的更正${n}` });
    await card(1).getByTestId('replica-keep-mine').click();
    await expect.poll(() => page.getByTestId('replica-conflict').count()).toBe(1);
    await card(2).getByTestId('replica-keep-both').click();
    await page.getByTestId('replica-none').waitFor();
    await page.getByTestId('replica-show-all').check();
    await expect.poll(() => page.getByTestId('replica-resolved').count()).toBe(2);
    expect(await page.getByTestId('replica-resolved').first().textContent()).toContain('将在下次同步时发送到服务器');
    expect(withArchive(local, (a) => a.getPage(pages[0]!.local).text)).toBe(pages[0]!.mine);
    expect(withArchive(local, (a) => a.getPage(pages[1]!.local).text)).toBe(pages[1]!.theirs);
    const report = JSON.parse(await galley(['sync', local, '--user', 'Sue', '--json']));
    expect(report).toMatchObject({ saved: 1, conflicts: [], choices: 2 });
    expect(withArchive(server, (a) => a.getPage(pages[0]!.origin).text)).toBe(pages[0]!.mine);
    // The screen says the choices were sent (after a reload of the list), in English too.
    await page.getByTestId('replica-close').click();
    await page.getByTestId('language-select').selectOption('en');
    await page.getByTestId('replica-badge').click();
    await page.getByTestId('replica-show-all').check();
    await expect.poll(() => page.getByTestId('replica-resolved').first().textContent()).toContain('sent to the server');
    await page.screenshot({ path: join(SCREENSHOTS, 'replica-conflicts-en.tmp.png') });
  });
});
