// Shared helpers for the end-to-end tests and the UI bench: a browser host on a temporary
// archive, and Debian's Chromium driven by playwright-core.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../electron/host/browser-host.ts';

export const CHROMIUM = process.env.GALLEY_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SAMPLE_PAGE = fileURLToPath(new URL('../resources/pages/hengyang-daily-2021-10-29-p1.txt', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/**
 * Whether Chromium is here to drive. Where it is missing the e2e tests skip on a developer's
 * machine, but in CI (CI set) that is a failure, never a green skip of the whole suite.
 */
export function chromiumPresent(path: string = CHROMIUM, env: Record<string, string | undefined> = process.env): boolean {
  if (existsSync(path)) return true;
  if (env.CI && env.CI !== 'false' && env.CI !== '0') {
    throw new Error(`Chromium is missing at ${path} and CI is set: the end-to-end tests must run in CI (apt-get install chromium, or set GALLEY_CHROMIUM)`);
  }
  return false;
}

export const hasChromium = chromiumPresent();

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface TestHost {
  host: BrowserHost;
  dir: string;
  close(): Promise<void>;
}

/** `archive`: another target than the folder's SQLite file, e.g. a postgresql:// URL (galley serve --db). */
export async function startTestHost(options: { port?: number; dir?: string; archive?: string } = {}): Promise<TestHost> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'galley-e2e-'));
  // The per-archive token is kept in the test's folder, not the user's data folder.
  const host = await startBrowserHost({
    archivePath: options.archive ?? join(dir, 'archive.db'),
    tokenDir: join(dir, 'host-tokens'),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  return {
    host,
    dir,
    async close() {
      await host.close();
      // A folder the caller gave (a restart on the same archive) is the caller's to remove.
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The app in Chromium on a prepared archive folder (its archive.db), the profile picker answered "Not now". */
export interface AppOnArchive {
  host: TestHost;
  browser: Browser;
  page: Page;
  /** Closes the browser and the host, and removes the folder. */
  close(): Promise<void>;
}

export async function openAppOnArchive(dir: string, locale = 'en-US'): Promise<AppOnArchive> {
  const host = await startTestHost({ dir });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale });
  await page.goto(host.host.url);
  await skipProfilePicker(page);
  return {
    host,
    browser,
    page,
    async close() {
      await browser.close();
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Drops files on the window the way a file manager does (a DataTransfer holding File objects). */
export async function dropFiles(page: Page, files: { name: string; path: string }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, data: readFileSync(f.path).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: 'text/plain' }));
    }
    return dt;
  }, payload);
  await page.dispatchEvent('.app', 'dragover', { dataTransfer });
  await page.dispatchEvent('.app', 'drop', { dataTransfer });
}

/** Puts the Monaco cursor on a 1-based line: click its number when shown, else walk there by keyboard. */
export async function clickLine(page: Page, line: number): Promise<void> {
  const number = page.locator('[data-testid=raw-editor] .line-numbers', { hasText: new RegExp(`^${line}$`) });
  if ((await number.count()) > 0 && (await number.first().isVisible())) {
    await number.first().click();
    await page.keyboard.press('ArrowLeft');
    return;
  }
  await page.keyboard.press('Control+Shift+Digit2');
  const editor = page.getByTestId('raw-editor');
  for (let i = 0; i < 800; i++) {
    const current = Number((await editor.getAttribute('data-cursor-line')) ?? 1);
    if (current === line) break;
    await page.keyboard.press(current < line ? 'ArrowDown' : 'ArrowUp');
  }
  await page.keyboard.press('Home');
}

/**
 * A card field's value (`[data-field=NAME]` in a card): a field is shown as text until it is entered
 * (renderer/components/card-field.tsx), then it is the input, textarea or select itself.
 */
export function fieldValue(field: Locator): Promise<string> {
  return field.evaluate((e) => (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement || e instanceof HTMLSelectElement ? e.value : (e.textContent ?? '')));
}

/** The values of one field on every card, in order. */
export function cardFieldValues(page: Page, name: string): Promise<string[]> {
  return page
    .locator(`[data-testid=item-card] [data-field=${name}]`)
    .evaluateAll((els) => els.map((e) => (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement ? e.value : (e.textContent ?? ''))));
}

/** Enters a card field (its text becomes the control, focused), then fills it as typing would. */
export async function fillCardField(field: Locator, value: string): Promise<void> {
  await field.focus();
  await field.fill(value);
}

/** Chooses a card's kind: enters the kind field (a select once focused), then picks the option. */
export async function selectCardKind(card: Locator, kind: string): Promise<void> {
  const field = card.locator('[data-field=kind]');
  await field.focus();
  await field.selectOption(kind);
}

/** Line numbers (1-based) where items start, read from the cards. */
export async function cardStartLines(page: Page): Promise<number[]> {
  return page.locator('[data-testid=item-card]').evaluateAll((cards) => cards.map((c) => Number((c as HTMLElement).dataset.lineFrom)));
}

/** Answers the start-up "who is working?" question of an archive without profiles with "Not now". */
export async function skipProfilePicker(page: Page): Promise<void> {
  // The picker shows once the app's first requests are answered; on a loaded CI core that can take
  // longer than 10 s, so this waits as long as any other step (Playwright's default, 30 s).
  await page.getByTestId('profile-later').click();
  await page.getByTestId('profile-picker').waitFor({ state: 'detached' });
}

/** Opens every issue in the library: a page's masthead may date it apart from the other pages of its issue. */
export async function openEveryIssue(page: Page): Promise<void> {
  for (const issue of await page.getByTestId('issue-row').all()) await issue.click();
}

/** Opens the page with this archive id from the library (every issue opened first): its cards are shown. */
export async function openPageById(page: Page, pageId: number): Promise<void> {
  await openEveryIssue(page);
  await page.locator(`[data-testid=page-row][data-page-id="${pageId}"]`).click();
  await page.waitForSelector('[data-testid=item-card]');
}

/** Imports the sample page through the import panel, closes the panel and opens the page: its cards are shown. */
export async function importAndOpenSamplePage(page: Page): Promise<void> {
  await page.setInputFiles('[data-testid=import-input]', SAMPLE_PAGE);
  await page.waitForSelector('[data-testid=import-done]', { timeout: 30_000 });
  await page.click('[data-testid=import-panel] button');
  await page.getByTestId('issue-row').first().click();
  await page.getByTestId('page-row').first().click();
  await page.waitForSelector('[data-testid=item-card]');
}

/** The desk as issue 14 asks to see it: each UI language at 1366×768 and 1920×1080. */
export const DESK_VIEWS = (['zh-CN', 'en'] as const).flatMap((lang) =>
  ([[1366, 768], [1920, 1080]] as const).map(([width, height]) => ({
    lang,
    locale: lang === 'zh-CN' ? 'zh-CN' : 'en-US',
    width,
    height,
    label: `${lang}, ${width}×${height}`,
  })),
);
export type DeskView = (typeof DESK_VIEWS)[number];

/** A tab in `view`'s language and size on the host, past the profile picker. */
export async function openDesk(browser: Browser, url: string, view: DeskView): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: view.width, height: view.height }, locale: view.locale });
  await page.addInitScript(`localStorage.setItem('galley.language', '${view.lang}')`);
  await page.goto(url);
  await skipProfilePicker(page);
  return page;
}
