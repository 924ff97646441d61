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

  /**
   * A full-page screenshot of `html` at `scale` device pixels per CSS pixel (default 1), as PNG, or as
   * JPEG at `jpegQuality` (a scan saved lossy: ringing and blocks around the strokes).
   */
  async render(html: string, image: string, o: { scale?: number; jpegQuality?: number } = {}): Promise<void> {
    const page = await this.browser.newPage({ viewport: { width: PAGE_WIDTH, height: 1200 }, deviceScaleFactor: o.scale ?? 1 });
    try {
      await page.setContent(html, { waitUntil: 'load' });
      // Runs in the page; the string form keeps DOM types out of the Node layer's program.
      await page.evaluate('document.fonts.ready');
      await page.screenshot(o.jpegQuality === undefined ? { path: image, fullPage: true } : { path: image, fullPage: true, type: 'jpeg', quality: o.jpegQuality });
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
