// The Electron host: runs where Electron's binary exists, reported skipped where it does not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { _electron } from 'playwright-core';
import { electronBinary } from '../electron/electron-main/binary.ts';
import { buildPreload } from '../electron/electron-main/build-preload.ts';
import { ROOT } from '../electron/host/build-renderer.ts';

const binary = electronBinary();

describe('Electron host', () => {
  it.skipIf(!binary)('opens one sandboxed window with the workspace and the typed bridge only', async () => {
    await buildPreload();
    const dir = mkdtempSync(join(tmpdir(), 'galley-electron-'));
    const app = await _electron.launch({ executablePath: binary!, args: [ROOT, '--archive', join(dir, 'archive.db')] });
    try {
      const win = await app.firstWindow();
      await win.waitForSelector('[data-testid=library]');
      expect(app.windows()).toHaveLength(1);
      const probe = await win.evaluate(() => ({
        bridge: typeof (window as unknown as { galley?: { invoke?: unknown } }).galley?.invoke,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(probe).toEqual({ bridge: 'function', require: 'undefined', process: 'undefined' });
      expect(await win.textContent('.host-badge')).toMatch(/Desktop|桌面版/);
      // Navigation away is blocked.
      await win.evaluate(() => {
        location.href = 'https://example.com/';
      });
      await win.waitForTimeout(300);
      expect(win.url()).toMatch(/^galley:\/\/app\//);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds out whether the binary is present', () => {
    expect(binary === null || binary.length > 0).toBe(true);
  });
});
