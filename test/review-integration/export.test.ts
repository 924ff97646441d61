// Export of approved issues, every format, through the handler table and `galley export`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { stderrBesidesSlowQueries } from '../support/stderr.ts';
import { EXPORT_FORMATS, issueExportSchema } from '../../shared/export.ts';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { main } from '../../electron/cli/main.ts';
import { world, type World } from './world.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function approved(w: World): Promise<void> {
  await w.as('Sue');
  await w.ok('page.setState', { pageId: w.pageId, state: 'proofed' });
  await w.ok('issues.approve', { issueId: w.issueId });
}

function checkManifest(folder: string, manifest: { files: { path: string; size: number; sha256: string }[] }): void {
  for (const f of manifest.files) {
    const bytes = readFileSync(join(folder, ...f.path.split('/')));
    expect(bytes.byteLength, f.path).toBe(f.size);
    expect(sha(bytes), f.path).toBe(f.sha256);
  }
  const onDisk = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
  expect(onDisk).toEqual(manifest);
}

async function galley(...argv: string[]) {
  const io = captureIO();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('issues.export (handler)', () => {
  it('exports every format of an approved issue with a checked manifest and a zip, then marks it exported', async () => {
    const w = world();
    await w.as('Ada');
    await w.ok('tags.setForItem', { itemId: w.firstArticleId, tags: ['衡阳', '合作交流'] });
    await approved(w);
    const out = join(w.dir, 'exports', 'new-folder');
    w.archive.setSetting('export.outDir', out); // the configured export folder (made when missing)
    const r = await w.ok('issues.export', { issueId: w.issueId, formats: [...EXPORT_FORMATS], zip: true });
    expect(r.issue.state).toBe('exported');
    expect(r.folderPath.startsWith(out)).toBe(true);
    expect(r.manifest.formats).toEqual([...EXPORT_FORMATS]);
    checkManifest(r.folderPath, r.manifest);
    // One or more files per format.
    const paths: string[] = r.manifest.files.map((f: { path: string }) => f.path);
    for (const fmt of EXPORT_FORMATS) expect(paths.some((p) => p.startsWith(`${fmt}/`) || p.endsWith(`.${fmt === 'markdown' ? 'md' : fmt}`)), fmt).toBe(true);
    // The JSON is the export contract: items with ids and tags, the approval by Sue.
    const jsonPath = paths.find((p) => p.endsWith('.json'))!;
    const data = issueExportSchema.parse(JSON.parse(readFileSync(join(r.folderPath, ...jsonPath.split('/')), 'utf8')));
    const first = data.pages[0]!.items.find((i) => i.id === w.firstArticleId)!;
    expect(first.tags.sort()).toEqual(['合作交流', '衡阳']);
    expect(data.approvals).toEqual([expect.objectContaining({ action: 'approve', by: 'Sue', role: 'supervisor' })]);
    expect(data.revisions.count).toBeGreaterThanOrEqual(1);
    // The zip holds the same files.
    const zip = unzipSync(readFileSync(r.zipPath));
    for (const f of r.manifest.files) expect(sha(zip[`${r.manifest.folder}/${f.path}`]!)).toBe(f.sha256);
    expect(Object.keys(zip)).toContain(`${r.manifest.folder}/manifest.json`);
    // The export is in the issue's history and the next export lists it as an approval row.
    const { history } = await w.ok('issues.history', { issueId: w.issueId });
    expect(history.at(-1)).toMatchObject({ event: 'export', by: 'Sue', from: 'approved', to: 'exported' });
  });

  it('refuses unapproved issues and non-supervisors with the reason, writing nothing', async () => {
    const w = world();
    const out = join(w.dir, 'out');
    w.archive.setSetting('export.outDir', out);
    await w.as('Sue');
    expect(await w.call('issues.export', { issueId: w.issueId, formats: ['json'] })).toMatchObject({
      ok: false,
      code: 'refused',
      message: 'Only an approved issue can be exported; this one is imported.',
    });
    await approved(w);
    for (const who of ['Ed', 'Ada']) {
      await w.as(who);
      const r = await w.call('issues.export', { issueId: w.issueId, formats: ['json'] });
      expect(r).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringMatching(/^Only a supervisor can export an issue; /) });
    }
    expect(existsSync(out)).toBe(false);
    expect(w.archive.getIssue(w.issueId).state).toBe('approved');
  });

  it('checks the folder: only the configured one (no folder the client names), a folder, creatable', async () => {
    const w = world();
    await approved(w);
    expect(await w.call('issues.export', { issueId: w.issueId, formats: ['txt'], outDir: 'relative/dir' })).toMatchObject({ ok: false, code: 'bad-request' });
    expect(await w.call('issues.export', { issueId: w.issueId, formats: ['txt'], outDir: join(w.dir, 'mine') })).toMatchObject({ ok: false, code: 'bad-request', message: /^Exports go to the export folder / });
    const file = join(w.dir, 'a-file');
    writeFileSync(file, 'x');
    w.archive.setSetting('export.outDir', file);
    expect(await w.call('issues.export', { issueId: w.issueId, formats: ['txt'] })).toMatchObject({ ok: false, code: 'bad-request', message: /is a file/ });
    w.archive.setSetting('export.outDir', join(file, 'below'));
    expect(await w.call('issues.export', { issueId: w.issueId, formats: ['txt'] })).toMatchObject({ ok: false, code: 'bad-request', message: /cannot be (created|used)|is a file/ });
    w.archive.setSetting('export.outDir', join(w.dir, 'default-exports'));
    expect(await w.ok('export.folder', {})).toEqual({ outDir: join(w.dir, 'default-exports'), canChoose: false, download: true });
    expect(await w.call('export.chooseFolder', {})).toMatchObject({ ok: false, code: 'unavailable' });
    const r = await w.ok('issues.export', { issueId: w.issueId, formats: ['txt'] });
    expect(r.folderPath.startsWith(join(w.dir, 'default-exports'))).toBe(true);
  });
});

describe('galley export / approve / reopen / tag / profiles (CLI)', () => {
  it('exports every format as PUBLICATION:DATE with --as a supervisor, refuses others with the reason', async () => {
    const w = world();
    const archivePath = w.archive.path;
    const out = join(w.dir, 'cli-out');
    w.archive.close();
    const base = ['--archive', archivePath];

    let r = await galley('export', '衡阳日报:2021-10-29', '--format', 'json', '--out', out, '--as', 'Sue', ...base);
    expect(r).toMatchObject({ code: 1, err: 'galley: Only an approved issue can be exported; this one is imported.\n' });
    r = await galley('approve', '衡阳日报:2021-10-29', '--as', 'Sue', ...base);
    expect(r).toMatchObject({ code: 1, err: 'galley: Only a proofed issue can be approved; this one is imported.\n' });
    r = await galley('approve', '1', '--as', 'Ed', ...base);
    expect(r).toMatchObject({ code: 1, err: 'galley: Only a supervisor can approve an issue; Ed is an editor.\n' });
    r = await galley('tag', String(w.firstArticleId), '衡阳', '苏州', '--as', 'Ed', ...base);
    expect(r).toMatchObject({ code: 1, err: 'galley: Only an archivist or a supervisor can tag an item; Ed is an editor.\n' });
    r = await galley('tag', String(w.firstArticleId), '衡阳', '苏州', '--as', 'Ada', ...base);
    expect(r).toMatchObject({ code: 0, out: `#${w.firstArticleId}: 苏州, 衡阳\n` });
    r = await galley('tag', String(w.firstArticleId), '衡阳', ...base);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^galley: say who is working with --as NAME \(profiles: Ada \(archivist\), Ed \(editor\), Otto \(editor\), Sue \(supervisor\)\)/);

    // Proof the page (the app does this; the archive API stands in), approve, export.
    const { openArchive } = await import('../../electron/archive/sqlite-archive.ts');
    const a = openArchive(archivePath);
    a.setPageState(w.pageId, 'proofed', { name: 'Ed', profileId: a.findProfile('Ed')!.id, role: 'editor' });
    a.close();
    expect(await galley('approve', '衡阳日报:2021-10-29', '--as', 'Sue', ...base)).toMatchObject({ code: 0, out: 'Issue 1 (2021-10-29) is approved.\n' });
    r = await galley('export', '衡阳日报:2021-10-29', '--format', 'json', '--out', out, '--as', 'Ada', ...base);
    expect(r).toMatchObject({ code: 1, err: 'galley: Only a supervisor can export an issue; Ada is an archivist.\n' });
    r = await galley('export', '衡阳日报:2021-10-29', '--format', EXPORT_FORMATS.join(','), '--out', out, '--zip', '--json', '--as', 'sue', ...base);
    expect(stderrBesidesSlowQueries(r.err)).toEqual([]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.manifest.formats).toEqual([...EXPORT_FORMATS]);
    checkManifest(result.folderPath, result.manifest);
    expect(existsSync(result.zipPath)).toBe(true);
    expect(readdirSync(out).sort()).toEqual([result.manifest.folder, `${result.manifest.folder}.zip`].sort());
    r = await galley('export', '1', '--format', 'pdf', '--out', out, '--as', 'Sue', ...base);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^galley: --format: must be one or more of json, nitf/);

    // Reopen needs a reason.
    r = await galley('reopen', '1', '--as', 'Sue', ...base);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/missing --reason TEXT/);
    expect(await galley('reopen', '1', '--reason', '版面调整', '--as', 'Sue', ...base)).toMatchObject({ code: 0, out: 'Issue 1 (2021-10-29) is in-progress again.\n' });
  });

  it('profiles: the first profile added to an archive is a supervisor, then --as must name a supervisor', async () => {
    const w = world({ empty: true });
    const archivePath = w.archive.path;
    w.archive.close();
    const base = ['--archive', archivePath];
    expect(await galley('profiles', 'list', ...base)).toMatchObject({ code: 0, out: /No profiles yet/ });
    expect(await galley('profiles', 'add', '王编', '--role', 'editor', ...base)).toMatchObject({ code: 0, out: 'Added 王编 (supervisor) — the first profile of an archive is its supervisor\n' });
    expect((await galley('profiles', 'add', '李', '--role', 'editor', ...base)).err).toMatch(/say who is working with --as NAME/);
    expect(await galley('profiles', 'add', '李', '--role', 'editor', '--as', '王编', ...base)).toMatchObject({ code: 0, out: 'Added 李 (editor)\n' });
    expect(await galley('profiles', 'add', '赵', '--role', 'archivist', '--as', '李', ...base)).toMatchObject({ code: 1, err: 'galley: Only a supervisor can manage profiles; 李 is an editor.\n' });
    expect(await galley('profiles', 'list', ...base)).toMatchObject({ code: 0, out: '李\teditor\n王编\tsupervisor\n' });
  });
});
