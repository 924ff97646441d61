// Renders page HTML to a PNG with Debian's Chromium through playwright-core (no browser download).
import type { Browser } from 'playwright-core';
import { PAGE_WIDTH } from '../page-units.ts';

const CHROMIUM = process.env.GALLEY_CHROMIUM ?? '/usr/bin/chromium';

export class PageRenderer {
  private constructor(private readonly browser: Browser) {}

  static async start(): Promise<PageRenderer> {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    return new PageRenderer(browser);
  }

  /** A full-page screenshot of `html` at one device pixel per CSS pixel. */
  async render(html: string, png: string): Promise<void> {
    const page = await this.browser.newPage({ viewport: { width: PAGE_WIDTH, height: 1200 }, deviceScaleFactor: 1 });
    try {
      await page.setContent(html, { waitUntil: 'load' });
      // Runs in the page; the string form keeps DOM types out of the Node layer's program.
      await page.evaluate('document.fonts.ready');
      await page.screenshot({ path: png, fullPage: true });
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
