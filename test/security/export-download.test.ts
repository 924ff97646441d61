// Browser exports are a download (issue 16: "the renderer never names a file path"). The browser
// host's issues.export writes only under the configured export folder and hands the zip to the tab
// in its answer, which the renderer saves with the browser's own download (e2e/review.e2e.ts drives
// that through Chromium's download event). The answer's bytes are the zip in the folder, whose
// entries match the manifest; a folder the client names is refused, as before.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { world, type World } from '../review-integration/world.ts';

async function approved(w: World): Promise<void> {
  await w.as('Sue');
  await w.ok('page.setState', { pageId: w.pageId, state: 'proofed' });
  await w.ok('issues.approve', { issueId: w.issueId });
}

describe('browser-host export as a download', () => {
  it('answers with the zip (even when no zip was asked for), the same bytes as the copy in the export folder', async () => {
    const w = world();
    await approved(w);
    const folder = join(w.dir, 'exports');
    w.archive.setSetting('export.outDir', folder);
    expect(await w.ok('export.folder', {})).toMatchObject({ outDir: folder, download: true });
    const r = await w.ok('issues.export', { issueId: w.issueId, formats: ['json', 'csv'], zip: false });
    expect(r.download).toBeTruthy();
    expect(r.zipPath).not.toBeNull();
    expect(r.zipPath!.startsWith(folder)).toBe(true);
    expect(r.download!.name).toMatch(/\.zip$/);
    const bytes = Buffer.from(r.download!.base64, 'base64');
    expect(bytes.equals(readFileSync(r.zipPath!))).toBe(true);
    const files = unzipSync(new Uint8Array(bytes));
    const manifestName = Object.keys(files).find((n) => n.endsWith('/manifest.json'))!;
    const manifest = JSON.parse(strFromU8(files[manifestName]!)) as { files: { path: string; sha256: string }[] };
    expect(manifest).toEqual(JSON.parse(JSON.stringify(r.manifest)));
    for (const f of manifest.files) {
      const entry = Object.keys(files).find((n) => n.endsWith(`/${f.path}`));
      expect(entry, f.path).toBeDefined();
      expect(createHash('sha256').update(files[entry!]!).digest('hex')).toBe(f.sha256);
    }
    expect(Object.keys(files).some((n) => n.endsWith('.csv'))).toBe(true);
    // Generous: the shared 2-core machine runs approve + export in 10 s at load 18.
  }, 60_000);

  it('refuses any folder the client names, creating nothing', async () => {
    const w = world();
    await approved(w);
    w.archive.setSetting('export.outDir', join(w.dir, 'exports'));
    for (const outDir of [join(w.dir, 'mine'), join(w.dir, 'exports', '..', 'elsewhere'), '/tmp/galley-nested/a/b']) {
      expect(await w.call('issues.export', { issueId: w.issueId, formats: ['txt'], outDir })).toMatchObject({ ok: false, code: 'bad-request' });
      expect(existsSync(outDir)).toBe(false);
    }
  }, 60_000);
});
