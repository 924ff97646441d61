// Is dist/node current? Kept free of esbuild so the launchers can ask on every start for about a
// millisecond: build.json lists every source the build read with its size and mtime, and any
// difference (or a missing file, or no build) means stale. A new command file can only be reached
// through a changed importer (electron/cli/main.ts), so checking the inputs is enough.
import { readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const NODE_OUT = join(ROOT, 'dist', 'node');
export const BUILD_STATE = join(NODE_OUT, 'build.json');

/** Output name → source entry. Every lazily imported module below them is split out on its own. */
export const ENTRIES = {
  galley: 'electron/cli/main.ts',
  start: 'electron/start.ts',
  'electron-main': 'electron/electron-main/main.ts',
  'import-worker': 'electron/importer/pool/worker.ts',
  'archive-worker': 'electron/archive/worker/archive-worker.ts',
};

/** size:mtime per file, keyed by the path relative to the project root. */
export function fingerprint(paths) {
  const out = {};
  for (const path of paths) {
    const info = statSync(path);
    out[relative(ROOT, path).split(sep).join('/')] = `${info.size}:${info.mtimeMs}`;
  }
  return out;
}

/** Why the build is stale, or null when every input is as it was built. */
export function staleReason() {
  let state;
  try {
    state = JSON.parse(readFileSync(BUILD_STATE, 'utf8'));
  } catch {
    return 'no build yet';
  }
  if (state?.format !== 1 || typeof state.inputs !== 'object' || state.inputs === null) return 'unknown build format';
  // Runs before every command (~340 files): ROOT + rel instead of path.join (its normalising was a
  // third of this loop's time), and no exception object for a missing file.
  for (const [rel, stamp] of Object.entries(state.inputs)) {
    let info;
    try {
      info = statSync(ROOT + rel, { throwIfNoEntry: false });
    } catch {
      // ENOTDIR, EACCES: as good as gone.
    }
    if (info === undefined) return `${rel} is gone`;
    if (`${info.size}:${info.mtimeMs}` !== stamp) return `${rel} changed`;
  }
  return null;
}

/**
 * The URL to import for an entry: the compiled file, rebuilt first when any source changed since
 * the last build. When the sources do not compile (someone is half-way through an edit of a
 * module this command may never load), the entry runs from the TypeScript sources through tsx
 * instead, as it did before there was a build: slower, never stale.
 */
export async function entryUrl(name) {
  const source = ENTRIES[name];
  if (source === undefined) throw new Error(`unknown build entry ${name}`);
  if (staleReason() !== null) {
    const { buildNode } = await import('./build.mjs');
    try {
      await buildNode();
    } catch {
      const { register } = await import('tsx/esm/api');
      register();
      return pathToFileURL(join(ROOT, source)).href;
    }
  }
  return pathToFileURL(join(NODE_OUT, `${name}.js`)).href;
}
