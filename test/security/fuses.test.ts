// Electron fuses and web preferences (issue 16, finding 6). The packaging config runs the
// after-pack hook; the hook flips the fuses in a binary — checked on a stand-in binary that
// carries a real fuse wire layout, and on Electron's own binary where it is installed. The
// window's web preferences include the ones the red team found missing.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
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
/** The fuses the shipped binary must carry, by name (hard-coded: not read from the hook under test). */
const EXPECTED_FUSES: Record<string, boolean> = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
};

/** A fuse config ({ version, [index]: on }) as { name: on }, every key kept (an unknown index keeps its number). */
function fuseTable(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === 'version') continue;
    out[Object.keys(F).find((name) => String(F[name]) === key) ?? key] = value;
  }
  return out;
}

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

  it('sets exactly these fuses, to exactly these values (any change to the hook fails here)', () => {
    expect(fuseTable(hook.GALLEY_FUSES)).toEqual(EXPECTED_FUSES);
  });

  it('the fuse check catches a fuse switched, dropped or added', () => {
    const flipped = { ...hook.GALLEY_FUSES, [F.RunAsNode!]: true };
    const dropped = { ...hook.GALLEY_FUSES } as Record<string, unknown>;
    delete dropped[F.OnlyLoadAppFromAsar!];
    const added = { ...hook.GALLEY_FUSES, [F.LoadBrowserProcessSpecificV8Snapshot!]: true };
    for (const bad of [flipped, dropped, added]) expect(fuseTable(bad)).not.toEqual(EXPECTED_FUSES);
  });

  it('flips them in the packaged binary', async () => {
    const out = mkdtempSync(join(tmpdir(), 'galley-fuses-'));
    dirs.push(out);
    const binary = join(out, 'galley');
    standInBinary(binary);
    await hook(linuxContext(out));
    const wire = await fuses.getCurrentFuseWire(binary);
    // Every fuse of the table as set, every other one as the binary had it (all on in the stand-in).
    for (let i = 0; i < 9; i++) {
      const name = Object.keys(EXPECTED_FUSES).find((k) => F[k] === i);
      expect(wire[i], name ?? `fuse ${i}`).toBe(name === undefined ? ON : EXPECTED_FUSES[name] ? ON : OFF);
    }
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

/** Every property of each `webPreferences: { … }` object literal in a source, as name -> source text of its value. */
function webPreferencesOf(source: string): Record<string, string>[] {
  const file = ts.createSourceFile('main.ts', source, ts.ScriptTarget.Latest, true);
  const found: Record<string, string>[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && node.name.getText(file) === 'webPreferences' && ts.isObjectLiteralExpression(node.initializer)) {
      const props: Record<string, string> = {};
      for (const p of node.initializer.properties) {
        // A spread, a shorthand or a duplicate name would hide what is set: record it so the table differs.
        const name = ts.isPropertyAssignment(p) ? p.name.getText(file) : `<${ts.SyntaxKind[p.kind]}>`;
        props[name in props ? `${name} (again)` : name] = ts.isPropertyAssignment(p) ? p.initializer.getText(file) : p.getText(file);
      }
      found.push(props);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The window's web preferences, hard-coded (the finding 6 and Electron's security checklist). */
const EXPECTED_WEB_PREFERENCES: Record<string, string> = {
  preload: 'PRELOAD_OUT',
  contextIsolation: 'true',
  nodeIntegration: 'false',
  sandbox: 'true',
  webSecurity: 'true',
  webviewTag: 'false',
  spellcheck: 'false',
  navigateOnDragDrop: 'false',
  disableBlinkFeatures: "'Auxclick'",
  allowRunningInsecureContent: 'false',
  experimentalFeatures: 'false',
  safeDialogs: 'true',
};

describe('Electron web preferences', () => {
  const main = readFileSync(join(ROOT, 'electron', 'electron-main', 'main.ts'), 'utf8');
  it('the one window has exactly these web preferences (a value changed, a key added or removed fails here)', () => {
    expect(webPreferencesOf(main)).toEqual([EXPECTED_WEB_PREFERENCES]);
  });
  it('the check catches a weakened preference, an added one, a spread and a second window', () => {
    const variants = [
      main.replace('sandbox: true', 'sandbox: false'),
      main.replace("disableBlinkFeatures: 'Auxclick',", ''),
      main.replace('safeDialogs: true,', 'safeDialogs: true,\n      nodeIntegrationInWorker: true,'),
      main.replace('safeDialogs: true,', 'safeDialogs: true,\n      ...extra,'),
      main.replace('safeDialogs: true,', 'safeDialogs: true,\n      sandbox: false,'),
      main + '\nnew BrowserWindow({ webPreferences: { sandbox: false } });\n',
    ];
    for (const v of variants) {
      expect(v).not.toBe(main);
      expect(webPreferencesOf(v)).not.toEqual([EXPECTED_WEB_PREFERENCES]);
    }
  });
  it('denies new windows, navigation, redirects and webviews', () => {
    expect(main).toContain("win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))");
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) expect(main).toContain(`win.webContents.on('${event}', (e) => e.preventDefault())`);
  });
  it('never hands the page a file path (the drop goes to the main process as handles)', () => {
    const preload = readFileSync(join(ROOT, 'electron', 'electron-main', 'preload.ts'), 'utf8');
    expect(preload).not.toMatch(/pathForFile\(file\)\s*\{\s*return webUtils/);
    expect(preload).toContain("ipcRenderer.invoke('galley:drop'");
  });
});
