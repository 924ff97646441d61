// Shared helpers for the end-to-end tests and the UI bench: a browser host on a temporary
// archive, and Debian's Chromium driven by playwright-core.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
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

export const hasChromium = existsSync(CHROMIUM);

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface TestHost {
  host: BrowserHost;
  dir: string;
  close(): Promise<void>;
}

export async function startTestHost(): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-e2e-'));
  const host = await startBrowserHost({ archivePath: join(dir, 'archive.db') });
  return {
    host,
    dir,
    async close() {
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

/** Puts the Monaco cursor at the start of a 1-based line: scroll it into view, click its number, collapse. */
export async function clickLine(page: Page, line: number): Promise<void> {
  const editor = page.locator('[data-testid=raw-editor] .monaco-editor');
  const box = (await editor.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const number = page.locator('[data-testid=raw-editor] .line-numbers', { hasText: new RegExp(`^${line}$`) });
  let direction = 0;
  for (let i = 0; i < 80 && (await number.count()) === 0; i++) {
    if (direction === 0) {
      const first = Number(await page.locator('[data-testid=raw-editor] .line-numbers').first().textContent());
      direction = line < first ? -1 : 1;
    }
    await page.mouse.wheel(0, direction * 200);
    await page.waitForTimeout(30);
  }
  await number.first().click();
  await page.keyboard.press('ArrowLeft');
}

/** Line numbers (1-based) where items start, read from the cards. */
export async function cardStartLines(page: Page): Promise<number[]> {
  return page.locator('[data-testid=item-card]').evaluateAll((cards) => cards.map((c) => Number((c as HTMLElement).dataset.lineFrom)));
}
