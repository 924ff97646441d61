// Small modules with one job: no source file of the project is over 600 lines (issue 12). Test
// fixtures (real OCR files) are data, not source, and are not counted.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_DIRS = ['core', 'shared', 'electron', 'renderer', 'test', 'e2e', 'bench', 'scripts', 'types'];
export const MAX_LINES = 600;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx|mts|cts|mjs|cjs|js|css)$/.test(name)) out.push(path);
  }
  return out;
}

/** Files of `dirs` under `root` longer than `max` lines, as "path: N lines". */
export function oversized(root: string, dirs: string[], max = MAX_LINES): string[] {
  return dirs
    .flatMap((d) => sources(join(root, d)))
    .map((f) => [relative(root, f), readFileSync(f, 'utf8').split('\n').length - 1] as const)
    .filter(([, n]) => n > max)
    .map(([f, n]) => `${f}: ${n} lines`);
}

describe('file size', () => {
  it(`no source file is over ${MAX_LINES} lines`, () => {
    expect(oversized(ROOT, SOURCE_DIRS)).toEqual([]);
  });

  it('the check counts lines and finds a long file', () => {
    const found = oversized(ROOT, ['test/host'], 10);
    expect(found).toContainEqual(expect.stringMatching(/^test\/host\/file-size\.test\.ts: \d+ lines$/));
  });
});
