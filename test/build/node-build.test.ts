// The compiled Node build (scripts/build.mjs): every CLI command is in it without being listed,
// it behaves like the sources, and a changed source makes it stale (so the launchers rebuild).
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, main as sourceMain } from '../../electron/cli/main.ts';
import type { CliIO } from '../../electron/cli/cli-io.ts';
import { buildNode } from '../../scripts/build.mjs';
import { BUILD_STATE, NODE_OUT, ROOT, staleReason } from '../../scripts/build-state.mjs';

type Main = (argv: string[], io?: CliIO) => Promise<number>;

function capture(): { io: CliIO; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s), isTTY: false } as unknown as CliIO,
    out: () => out,
    err: () => err,
  };
}

describe('the compiled build', () => {
  let builtMain: Main;
  beforeAll(async () => {
    await buildNode();
    builtMain = ((await import(pathToFileURL(join(NODE_OUT, 'galley.js')).href)) as { main: Main }).main;
  }, 120_000);

  it('lists every command module it compiled as an input, with no list of its own', () => {
    const state = JSON.parse(readFileSync(BUILD_STATE, 'utf8')) as { inputs: Record<string, string> };
    for (const name of Object.keys(COMMANDS)) {
      const rel = `electron/cli/commands/${name}.ts`;
      if (statSync(join(ROOT, rel), { throwIfNoEntry: false })) expect(Object.keys(state.inputs)).toContain(rel);
    }
    expect(Object.keys(state.inputs)).toContain('electron/importer/pool/worker.ts');
  });

  it('prints the version and segments a page exactly as the sources do', { timeout: 180_000 }, async () => {
    const page = join(ROOT, 'resources', 'pages', 'hengyang-daily-2021-10-29-p1.txt');
    for (const argv of [['--version'], ['segment', page, '--json'], ['segment', page]]) {
      const a = capture();
      const b = capture();
      expect(await builtMain(argv, a.io)).toBe(await sourceMain(argv, b.io));
      expect(a.out()).toBe(b.out());
      expect(a.err()).toBe(b.err());
    }
  });

  it('is stale as soon as a source it was built from changes', { timeout: 120_000 }, async () => {
    // Built again here: in a shared working tree someone may have saved a source since beforeAll.
    await buildNode();
    expect(staleReason()).toBeNull();
    const file = join(ROOT, 'scripts', 'build-state.mjs');
    const before = statSync(file);
    try {
      utimesSync(file, before.atime, new Date(before.mtimeMs + 5_000));
      expect(staleReason()).toBe('scripts/build-state.mjs changed');
    } finally {
      utimesSync(file, before.atime, before.mtime);
    }
  });
});
