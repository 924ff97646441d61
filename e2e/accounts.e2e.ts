// Accounts on the team server (issue 13 §2) through the real UI in Debian Chromium, on both
// archives a team server can serve: a SQLite file (`galley serve --archive FILE`) and PostgreSQL on a
// throwaway cluster (`galley serve --db postgresql://…`). Three users of different roles, each in a
// browser of their own, log in on the zh-CN login screen (a wrong password is refused there); the
// editor proofs the page, the archivist tags an item, the supervisor approves and is asked for the
// password again (cancel: nothing happens; wrong: said so; right: approved), then exports the
// approved issue, the password asked again for that too. The archive then names each user for what
// they did, holds the tag, and holds no clear password. Screenshots of the login screen, the
// password dialog and the workspace after the export.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../electron/accounts/password.ts';
import { openArchiveFor } from '../electron/archive/open-any.ts';
import { EXPORT_DIR_SETTING } from '../electron/export/archive-export.ts';
import { findPostgres, startPostgresCluster, type PostgresCluster } from '../test/support/postgres-cluster.ts';
import { SAMPLE_PAGE, SCREENSHOTS, hasChromium, launchChromium, startTestHost, type TestHost } from './support.ts';

const USERS = {
  主编王: { role: 'supervisor', password: 'wang-zhubian-2024' },
  编辑李: { role: 'editor', password: 'li-bianji-2024' },
  资料员赵: { role: 'archivist', password: 'zhao-ziliao-2024' },
} as const;
type Name = keyof typeof USERS;

/** An archive the team server runs on: where it is, what the badge says, and its raw rows for the last check. */
interface ServedArchive {
  name: string;
  available: boolean;
  /** Starts what the archive needs and gives its target (a file path or a postgresql:// URL). */
  start(dir: string): string;
  stop(): void;
  badge: { kind: 'local' | 'team'; text: string };
  /** Every row of the named tables, read past the archive's own code. */
  rows(target: string, tables: readonly string[]): Promise<unknown[]>;
  /** Screenshot names (without .tmp.png) for the login screen, the password dialog and the end. */
  shots: { login: string; password: string; end: string };
}

let cluster: PostgresCluster | undefined;
const ARCHIVES: ServedArchive[] = [
  {
    name: 'a SQLite archive (galley serve --archive FILE)',
    available: true,
    start: (dir) => join(dir, 'archive.db'),
    stop: () => undefined,
    badge: { kind: 'local', text: '本地档案' },
    rows: async (target, tables) => {
      const db = new Database(target, { readonly: true });
      try {
        return tables.map((t) => db.prepare(`SELECT * FROM ${t}`).all());
      } finally {
        db.close();
      }
    },
    shots: { login: 'login-zh', password: 'password-dialog-zh', end: 'export-team-zh' },
  },
  {
    name: 'a PostgreSQL archive (galley serve --db URL)',
    available: !!findPostgres(),
    start: () => (cluster = startPostgresCluster()).url,
    stop: () => cluster?.stop(),
    badge: { kind: 'team', text: '团队档案' },
    rows: async (target, tables) => {
      const client = new pg.Client({ connectionString: target });
      await client.connect();
      try {
        const out: unknown[] = [];
        for (const t of tables) out.push((await client.query(`SELECT * FROM ${t}`)).rows);
        return out;
      } finally {
        await client.end();
      }
    },
    shots: { login: 'login-postgres-zh', password: 'password-dialog-postgres-zh', end: 'accounts-postgres-zh' },
  },
];

describe.skipIf(!hasChromium).each(ARCHIVES.filter((a) => a.available))('team server accounts in the browser, on $name', (served) => {
  let target = '';
  let host: TestHost;
  let browser: Browser;
  const pages = new Map<Name, Page>();
  const ids = new Map<Name, string>();
  let pageId = 0;
  let issueId = 0;
  let taggedItem = 0;
  let dir = '';

  const open = async (name: Name): Promise<Page> => {
    // A browser context of its own: its own cookie, as on another person's machine.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await context.addInitScript(() => localStorage.setItem('galley.language', 'zh-CN'));
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    await page.goto(host.host.url);
    await page.getByTestId('login-screen').waitFor();
    pages.set(name, page);
    return page;
  };
  const login = async (page: Page, name: Name, password: string = USERS[name].password) => {
    await page.getByTestId('login-name').fill(name);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  };
  const openSamplePage = async (page: Page) => {
    await page.getByTestId('issue-row').first().click();
    await page.getByTestId('page-row').first().click();
    await page.waitForSelector('[data-testid=item-card]');
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'galley-e2e-accounts-'));
    target = served.start(dir);
    // The team archive: the sample page and three accounts, set up through its API.
    const archive = await openArchiveFor(target);
    try {
      const out = await archive.importPage({ sourceName: '衡阳日报/2021-10-29/p01.txt', text: readFileSync(SAMPLE_PAGE, 'utf8'), encoding: 'UTF-8' }, { name: 'setup' });
      pageId = out.pageId;
      issueId = (await archive.getPage(pageId)).issueId;
      let first: { name: string; profileId: string; role: 'supervisor' } | null = null;
      for (const [name, u] of Object.entries(USERS) as [Name, (typeof USERS)[Name]][]) {
        const p = await archive.createProfile({ name, role: u.role }, first ?? { name: 'setup' });
        first ??= { name: p.name, profileId: p.id, role: 'supervisor' };
        await archive.setProfilePassword(p.id, await hashPassword(u.password), first);
        ids.set(name, p.id);
      }
      // Exports go only to the archive's configured export folder (on the server's disk).
      await archive.setSetting(EXPORT_DIR_SETTING, join(dir, 'exports'));
    } finally {
      await archive.close();
    }
    // The host on that archive, as `galley serve` starts it.
    host = await startTestHost({ dir, archive: target });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    served.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the login screen in Chinese and refuses a wrong password', async () => {
    const page = await open('编辑李');
    expect(await page.getByTestId('login-screen').textContent()).toContain('登录 Galley 校对');
    await page.screenshot({ path: join(SCREENSHOTS, `${served.shots.login}.tmp.png`) });
    await login(page, '编辑李', 'not-the-password');
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toBe('用户名或密码错误。');
    // The workspace has not been shown, and the API answers nothing without the login.
    expect(await page.getByTestId('issue-row').count()).toBe(0);
  });

  it('the editor logs in and proofs the page', async () => {
    const page = pages.get('编辑李')!;
    await login(page, '编辑李');
    await page.getByTestId('account-chip').waitFor();
    expect(await page.getByTestId('account-chip').textContent()).toContain('已登录：编辑李');
    // The badge says which archive the server works on.
    await page.waitForSelector(`[data-testid=archive-badge][data-kind=${served.badge.kind}]`);
    await openSamplePage(page);
    // Proofing teaches the publication's profile inside the state change (archive/pages.ts): about a
    // second of CPU, measured at 11–15 s with the machine at load 25. The UI can show "proofed" only
    // once the host has answered, so the test waits for that answer (the state), then for the UI.
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/page.setState'), { timeout: 50_000 });
    await page.getByTestId('page-state-select').selectOption('proofed');
    expect(await (await answered).json()).toMatchObject({ ok: true });
    await expect.poll(() => page.getByTestId('issue-state').first().getAttribute('data-state')).toBe('proofed');
  });

  it('the archivist logs in and tags an item', async () => {
    const page = await open('资料员赵');
    await login(page, '资料员赵');
    await openSamplePage(page);
    taggedItem = await page.evaluate(async (id) => {
      const api = (window as unknown as { __galley: { api: { invoke(c: string, r: unknown): Promise<unknown> } } }).__galley.api;
      const p = (await api.invoke('page.get', { pageId: id })) as { items: { id: number }[] };
      await api.invoke('tags.setForItem', { itemId: p.items[1]!.id, tags: ['衡阳'] });
      return p.items[1]!.id;
    }, pageId);
    expect(taggedItem).toBeGreaterThan(0);
  });

  it('the supervisor approves with the password asked again', async () => {
    const page = await open('主编王');
    await login(page, '主编王');
    await openSamplePage(page);
    await page.getByTestId('issue-approve').click();
    await page.getByTestId('password-dialog').waitFor();
    expect(await page.getByTestId('password-dialog').textContent()).toContain('批准本期需要再次输入您的密码。');
    await page.screenshot({ path: join(SCREENSHOTS, `${served.shots.password}.tmp.png`) });
    // Cancel: nothing approved.
    await page.getByTestId('password-cancel').click();
    await expect.poll(() => page.getByTestId('password-dialog').count()).toBe(0);
    expect(await page.getByTestId('issue-state').first().getAttribute('data-state')).toBe('proofed');
    // A wrong password is said so, in the dialog; the right one approves.
    await page.getByTestId('issue-approve').click();
    await page.getByTestId('password-input').fill('wrong-password-1');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-error').waitFor();
    expect(await page.getByTestId('password-error').textContent()).toBe('主编王 的密码错误。');
    await page.getByTestId('password-input').fill(USERS['主编王'].password);
    // The approval's own answer first (the state), then what the UI shows of it.
    const approved = page.waitForResponse((r) => r.url().endsWith('/api/issues.approve') && r.status() === 200, { timeout: 50_000 });
    await page.getByTestId('password-submit').click();
    expect(await (await approved).json()).toMatchObject({ ok: true });
    await expect.poll(() => page.getByTestId('issue-state').first().getAttribute('data-state')).toBe('approved');
  });

  it('the supervisor exports the approved issue, the password asked again', async () => {
    const page = pages.get('主编王')!;
    await page.getByTestId('issue-export').click();
    await page.getByTestId('export-dialog').waitFor();
    const download = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByTestId('export-run').click();
    await page.getByTestId('password-dialog').waitFor();
    expect(await page.getByTestId('password-dialog').textContent()).toContain('导出本期需要再次输入您的密码。');
    await page.getByTestId('password-input').fill(USERS['主编王'].password);
    await page.getByTestId('password-submit').click();
    await page.getByTestId('export-result').waitFor({ timeout: 30_000 });
    expect((await download).suggestedFilename()).toMatch(/\.zip$/);
    await expect.poll(() => page.getByTestId('issue-state').first().getAttribute('data-state')).toBe('exported');
    // The workspace after the export: the archive's badge, the issue exported, the supervisor logged in.
    await page.getByTestId('export-dialog').locator('button', { hasText: /^关闭$/ }).click();
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('archive-badge').textContent()).toContain(served.badge.text);
    expect(await page.getByTestId('account-chip').textContent()).toContain('已登录：主编王');
    await page.screenshot({ path: join(SCREENSHOTS, `${served.shots.end}.tmp.png`) });
  });

  it('the archive names each user for what they did, holds the tag, and holds no clear password', async () => {
    const archive = await openArchiveFor(target);
    try {
      const revisions = await archive.listRevisionDetails(pageId);
      expect(revisions.some((r) => r.profileId === ids.get('编辑李') && r.role === 'editor')).toBe(true);
      expect(revisions.some((r) => r.profileId === ids.get('资料员赵') && r.role === 'archivist')).toBe(true);
      const history = await archive.listIssueHistory(issueId);
      expect(history.find((h) => h.event === 'approve')).toMatchObject({ profileId: ids.get('主编王') });
      expect(history.at(-1)).toMatchObject({ event: 'export', profileId: ids.get('主编王') });
      // The archivist's tag is on the item.
      expect((await archive.getPage(pageId)).items.find((i) => i.id === taggedItem)?.tags).toEqual(['衡阳']);
    } finally {
      await archive.close();
    }
    const dump = JSON.stringify(await served.rows(target, ['profiles', 'revisions']));
    for (const u of Object.values(USERS)) expect(dump).not.toContain(u.password);
  });
});
