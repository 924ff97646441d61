// The import matrix (.dependency-cruiser.cjs) holds on the real tree, and catches every forbidden
// arrow: a throwaway tree inside the repository (so that npm packages resolve) commits one
// violation per rule, and each rule must report its own.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const RULES = (createRequire(import.meta.url)(CONFIG) as { forbidden: { name: string }[] }).forbidden.map((r) => r.name);

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string, folders: string[]): Violation[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [CLI, ...folders, '--config', CONFIG, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    // depcruise exits with the number of errors; the JSON is still on stdout.
    out = (e as { stdout?: string }).stdout ?? '';
    if (!out) throw e;
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

/** One forbidden import per rule: [rule, file, source of that file, other files it needs]. */
const ARROWS: [string, string, string][] = [
  ['shared-is-the-bottom', 'shared/a.ts', "import '../core/x.ts';"],
  ['shared-has-no-platform', 'shared/b.ts', "import 'node:fs';"],
  ['shared-no-packages-but-zod', 'shared/c.ts', "import 'saxes';"],
  ['core-below-hosts', 'core/a.ts', "import '../electron/archive/x.ts';"],
  ['core-has-no-node', 'core/b.ts', "import 'node:path';"],
  ['core-no-platform-packages', 'core/c.ts', "import 'better-sqlite3';"],
  ['core-no-ui-packages', 'core/d.ts', "import 'react';"],
  ['renderer-not-electron', 'renderer/a.ts', "import '../electron/host/x.ts';"],
  ['renderer-has-no-node', 'renderer/b.ts', "import 'node:fs';"],
  ['renderer-no-node-packages', 'renderer/c.ts', "import 'iconv-lite';"],
  ['electron-not-renderer', 'electron/archive/a.ts', "import '../../renderer/x.ts';"],
  ['electron-no-ui-packages', 'electron/host/a.ts', "import 'zustand';"],
  ['node-helpers-are-lowest', 'electron/node/a.ts', "import '../archive/x.ts';"],
  ['archive-below-its-users', 'electron/archive/b.ts', "import '../importer/x.ts';"],
  ['services-below-hosts', 'electron/importer/a.ts', "import '../host/x.ts';"],
  ['host-no-circular', 'electron/host/cycle-a.ts', "import './cycle-b.ts';"],
  ['host-below-entry-points', 'electron/host/b.ts', "import '../cli/x.ts';"],
  ['electron-main-not-cli', 'electron/electron-main/a.ts', "import '../cli/x.ts';"],
  ['cli-not-electron-main', 'electron/cli/a.ts', "import '../electron-main/x.ts';"],
];
/** Files that close a cycle with an arrow above (host-no-circular). */
const CYCLE_BACK: [string, string][] = [['electron/host/cycle-b.ts', "import './cycle-a.ts';"]];
const TARGETS = ['core/x.ts', 'electron/archive/x.ts', 'electron/host/x.ts', 'renderer/x.ts', 'electron/importer/x.ts', 'electron/cli/x.ts', 'electron/electron-main/x.ts'];

describe('layers (dependency-cruiser import matrix)', () => {
  const fixture = (() => {
    mkdirSync(join(ROOT, '.cache'), { recursive: true });
    return mkdtempSync(join(ROOT, '.cache', 'layers-'));
  })();
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('has no forbidden import in the real tree', () => {
    const found = cruise(ROOT, ['core', 'shared', 'electron', 'renderer']).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(found).toEqual([]);
  }, 120_000);

  it('has a test arrow for every rule in the config', () => {
    expect(ARROWS.map(([rule]) => rule).sort()).toEqual([...RULES].sort());
  });

  it('catches every forbidden arrow, each by its own rule', () => {
    writeFileSync(join(fixture, 'tsconfig.json'), JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, moduleResolution: 'Bundler', module: 'ESNext', noEmit: true } }));
    for (const file of [...TARGETS, ...ARROWS.map(([, f]) => f)]) mkdirSync(join(fixture, dirname(file)), { recursive: true });
    for (const file of TARGETS) writeFileSync(join(fixture, file), 'export const x = 1;\n');
    for (const [, file, source] of ARROWS) writeFileSync(join(fixture, file), `${source}\nexport {};\n`);
    for (const [file, source] of CYCLE_BACK) writeFileSync(join(fixture, file), `${source}\nexport const x = 1;\n`);
    const violations = cruise(fixture, ['core', 'shared', 'electron', 'renderer']);
    for (const [rule, file] of ARROWS) {
      expect(violations.filter((v) => v.rule.name === rule).map((v) => v.from), rule).toContain(file);
    }
  }, 120_000);
});
