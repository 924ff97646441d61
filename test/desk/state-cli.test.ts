// Issue 14: `galley state` sets page states from the command line, checked like every write: the
// profile's role (page.setState) and the issue's state (not approved).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/commands/state.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { freshArchive, tempDir } from '../archive/helpers.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), isTTY: false } };
}

function world() {
  const path = join(tempDir(), 'archive.sqlite');
  const a = freshArchive({ path });
  const boss = a.createProfile({ name: 'Chen', role: 'supervisor' }, { name: 'os' });
  const actor = { name: boss.name, profileId: boss.id, role: boss.role };
  a.createProfile({ name: 'Li', role: 'editor' }, actor);
  a.createProfile({ name: 'Wu', role: 'archivist' }, actor);
  const seg = { schema: 'galley.segmentation/1' as const, masthead: { title: '衡阳日报', titleLatin: null, date: '2021-10-29', weekday: null, lunarDate: null, issueNumber: null, pageCount: null, serial: null, publisher: null, hotlines: [] }, items: [] };
  const p1 = a.importPage({ sourceName: 'p1.txt', text: 'a', encoding: 'UTF-8', segmentation: seg }, actor);
  a.importPage({ sourceName: 'p2.txt', text: 'b', encoding: 'UTF-8', pageNumberHint: 2, segmentation: { ...seg, masthead: null } , dateHint: '2021-10-29', publicationHint: '衡阳日报' }, actor);
  const issueId = p1.issueId!;
  a.close();
  return { path, issueId, pageId: p1.pageId! };
}

describe('galley state', () => {
  it('an editor proofs a page and a whole issue; the issue follows', { timeout: 60_000 }, async () => {
    const w = world();
    const a = io();
    expect(await run([`page:${w.pageId}`, 'proofed', '--as', 'Li', '--archive', w.path], a.io)).toBe(0);
    expect(a.out.join('')).toMatch(/^1 page set to proofed/);
    const b = io();
    expect(await run([String(w.issueId), 'proofed', '--as', 'Li', '--archive', w.path], b.io)).toBe(0);
    const archive = openArchive(w.path, { logger: { warn: () => {} } });
    try {
      expect(archive.listPages(w.issueId).every((p) => p.state === 'proofed')).toBe(true);
      expect(archive.getIssue(w.issueId).state).toBe('proofed');
    } finally {
      archive.close();
    }
  });

  it('refuses a role without page.setState, an approved issue, and states that belong to the issue', { timeout: 60_000 }, async () => {
    const w = world();
    await expect(run([`page:${w.pageId}`, 'proofed', '--as', 'Wu', '--archive', w.path], io().io)).rejects.toThrow(/Only/);
    await run([String(w.issueId), 'proofed', '--as', 'Li', '--archive', w.path], io().io);
    const archive = openArchive(w.path, { logger: { warn: () => {} } });
    const boss = archive.findProfile('Chen')!;
    archive.issueEvent(w.issueId, { type: 'approve' }, { name: boss.name, profileId: boss.id, role: boss.role });
    archive.close();
    await expect(run([`page:${w.pageId}`, 'in-progress', '--as', 'Chen', '--archive', w.path], io().io)).rejects.toThrow(/approved/);
    await expect(run([`page:${w.pageId}`, 'approved', '--as', 'Chen', '--archive', w.path], io().io)).rejects.toThrow(/must be one of imported, in-progress, proofed/);
  });
});
