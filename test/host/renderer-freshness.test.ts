// The renderer bundle holds the engine and the committed weights (the preview worker's model), so a
// newer weight file makes a built renderer stale: `npm start` on an updated checkout rebuilds it
// instead of previewing with the old model (and refusing profiles learned over the new one).
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIsFresh, RENDERER_SOURCES, ROOT } from '../../electron/host/build-renderer.ts';

describe('renderer build freshness', () => {
  it('counts the committed weights among the renderer’s sources', () => {
    expect(RENDERER_SOURCES).toContain(join(ROOT, 'resources', 'model'));
    expect(RENDERER_SOURCES).toContain(join(ROOT, 'core'));
  });

  it('a source newer than the build, nested or not, makes it stale; a missing source does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-fresh-'));
    try {
      const index = join(dir, 'dist', 'index.html');
      const model = join(dir, 'resources', 'model');
      mkdirSync(join(dir, 'dist'));
      mkdirSync(model, { recursive: true });
      writeFileSync(join(model, 'weights.json'), '{}');
      writeFileSync(index, '<html></html>');
      const t = new Date('2026-01-01T00:00:00Z');
      utimesSync(join(model, 'weights.json'), t, t);
      utimesSync(model, t, t);
      utimesSync(index, t, new Date(t.getTime() + 1000));
      const sources = [model, join(dir, 'missing')];
      expect(buildIsFresh(index, sources)).toBe(true);
      utimesSync(join(model, 'weights.json'), t, new Date(t.getTime() + 5000));
      expect(buildIsFresh(index, sources)).toBe(false);
      expect(buildIsFresh(join(dir, 'no-build.html'), sources)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
