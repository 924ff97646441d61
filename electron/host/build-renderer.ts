// Makes sure dist/renderer holds a build of the current renderer sources (built with Vite when
// missing or older than any source), so `npm start` works on a fresh clone without a build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_DIST = join(ROOT, 'dist', 'renderer');

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * What the renderer bundle is built from: its sources, shared/, core/ (the engine and core/edit are
 * bundled in) and the committed weights (the preview worker's model). A change in any needs a build.
 */
export const RENDERER_SOURCES = ['renderer', 'shared', 'core', join('resources', 'model'), 'vite.config.ts'].map((p) => join(ROOT, p));

/** Whether the build whose index.html is `index` is newer than every one of `sources` (missing ones aside). */
export function buildIsFresh(index: string, sources: readonly string[]): boolean {
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return sources.filter((p) => existsSync(p)).every((p) => newestMtime(p) <= built);
}

export function rendererBuildIsFresh(): boolean {
  return buildIsFresh(join(RENDERER_DIST, 'index.html'), RENDERER_SOURCES);
}

let building: Promise<string> | null = null;

/** Builds the renderer unless a fresh build exists; returns the folder to serve. */
export function ensureRendererBuilt(log: (line: string) => void = () => undefined): Promise<string> {
  if (rendererBuildIsFresh()) return Promise.resolve(RENDERER_DIST);
  building ??= (async () => {
    log('Building the renderer (first run or sources changed)…');
    const { build } = await import('vite');
    // Vite builds React's development bundle whenever NODE_ENV is set to anything but
    // "production" — and vitest sets it to "test", so a build started by a test run (the e2e
    // host) served a development renderer, several times slower, to every later run and bench.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    return RENDERER_DIST;
  })().finally(() => {
    building = null;
  });
  return building;
}
