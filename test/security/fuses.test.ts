// Electron fuses and web preferences (issue 16, finding 6). The packaging config runs the
// after-pack hook; the hook flips the fuses in a binary — checked on a stand-in binary that
// carries a real fuse wire layout, and on Electron's own binary where it is installed. The
// window's web preferences include the ones the red team found missing.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '..', '..');
const fuses = require('@electron/fuses') as {
  getCurrentFuseWire(path: string): Promise<Record<string, unknown>>;
  FuseV1Options: Record<string, number>;
};
const hook = require('../../scripts/after-pack.cjs') as ((context: unknown) => Promise<void>) & { GALLEY_FUSES: Record<string, unknown> };
const { FuseV1Options: F } = fuses;
const ON = 49; // '1'
const OFF = 48; // '0'
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A file laid out like an Electron binary around its fuse wire: sentinel, version 1, 9 fuses, all on. */
function standInBinary(path: string): void {
  const sentinel = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'latin1');
  writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 0x90), sentinel, Buffer.from([1, 9]), Buffer.alloc(9, ON), Buffer.alloc(4096, 0x90)]));
}

const linuxContext = (appOutDir: string) => ({
  appOutDir,
  electronPlatformName: 'linux',
  arch: 1,
  packager: { appInfo: { productFilename: 'Galley' }, executableName: 'galley' },
});

describe('Electron fuses', () => {
  it('electron-builder runs the after-pack hook', () => {
    const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/^afterPack: scripts\/after-pack\.cjs$/m);
    expect(existsSync(join(ROOT, 'scripts', 'after-pack.cjs'))).toBe(true);
  });

  it('sets the fuses the issue names', () => {
    expect(hook.GALLEY_FUSES[F.RunAsNode!]).toBe(false);
    expect(hook.GALLEY_FUSES[F.EnableNodeOptionsEnvironmentVariable!]).toBe(false);
    expect(hook.GALLEY_FUSES[F.EnableNodeCliInspectArguments!]).toBe(false);
    expect(hook.GALLEY_FUSES[F.OnlyLoadAppFromAsar!]).toBe(true);
  });

  it('flips them in the packaged binary', async () => {
    const out = mkdtempSync(join(tmpdir(), 'galley-fuses-'));
    dirs.push(out);
    const binary = join(out, 'galley');
    standInBinary(binary);
    await hook(linuxContext(out));
    const wire = await fuses.getCurrentFuseWire(binary);
    expect(wire[F.RunAsNode!]).toBe(OFF);
    expect(wire[F.EnableNodeOptionsEnvironmentVariable!]).toBe(OFF);
    expect(wire[F.EnableNodeCliInspectArguments!]).toBe(OFF);
    expect(wire[F.OnlyLoadAppFromAsar!]).toBe(ON);
    expect(wire[F.EnableCookieEncryption!]).toBe(ON);
  });

  const electron = join(ROOT, 'node_modules', 'electron', 'dist', 'electron');
  it.runIf(existsSync(electron))('flips them in the real Electron binary (where it is installed)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'galley-fuses-real-'));
    dirs.push(out);
    copyFileSync(electron, join(out, 'galley'));
    await hook(linuxContext(out));
    const wire = await fuses.getCurrentFuseWire(join(out, 'galley'));
    expect(wire[F.RunAsNode!]).toBe(OFF);
    expect(wire[F.OnlyLoadAppFromAsar!]).toBe(ON);
  });
});

describe('Electron web preferences', () => {
  const main = readFileSync(join(ROOT, 'electron', 'electron-main', 'main.ts'), 'utf8');
  const prefs = /webPreferences: \{([\s\S]*?)\n    \}/.exec(main)?.[1] ?? '';
  it.each([
    ["disableBlinkFeatures: 'Auxclick'"],
    ['contextIsolation: true'],
    ['nodeIntegration: false'],
    ['sandbox: true'],
    ['webSecurity: true'],
    ['webviewTag: false'],
    ['navigateOnDragDrop: false'],
    ['allowRunningInsecureContent: false'],
  ])('has %s', (setting) => {
    expect(prefs).toContain(setting);
  });
  it('never hands the page a file path (the drop goes to the main process as handles)', () => {
    const preload = readFileSync(join(ROOT, 'electron', 'electron-main', 'preload.ts'), 'utf8');
    expect(preload).not.toMatch(/pathForFile\(file\)\s*\{\s*return webUtils/);
    expect(preload).toContain("ipcRenderer.invoke('galley:drop'");
  });
});
