// The command line's archive commands run through the hosts' handler table (electron/cli/service.ts):
// roles and issue states are checked in one place, and --as NAME selects the acting profile
// through the session service for this run only (the app's remembered profile stays as it was).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.ts';
import { openService } from '../../electron/cli/service.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { SESSION_PROFILE_SETTING } from '../../electron/host/service/session.ts';
import { freshArchive, tempDir } from '../archive/helpers.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out: () => out.join(''), err: () => err.join(''), io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), isTTY: false } };
}

function emptyArchive(): string {
  const path = join(tempDir(), 'archive.sqlite');
  freshArchive({ path }).close();
  return path;
}

describe('the command line through the handler table', () => {
  it('creates the first profile without --as, then checks the role of the --as profile like a host', { timeout: 60_000 }, async () => {
    const path = emptyArchive();
    const first = io();
    expect(await main(['profiles', 'add', 'Chen', '--role', 'supervisor', '--archive', path], first.io)).toBe(0);
    expect(first.out()).toBe('Added Chen (supervisor)\n');
    const second = io();
    expect(await main(['profiles', 'add', 'Li', '--role', 'editor', '--as', 'Chen', '--archive', path], second.io)).toBe(0);
    // The handler's refusal (ForbiddenError → AppError 'forbidden'), printed as its English line.
    const refused = io();
    expect(await main(['profiles', 'add', 'Wu', '--role', 'archivist', '--as', 'Li', '--archive', path], refused.io)).toBe(1);
    expect(refused.err()).toBe('galley: Only a supervisor can manage profiles; Li is an editor.\n');
    const unknown = io();
    expect(await main(['profiles', 'add', 'Wu', '--as', 'Nobody', '--archive', path], unknown.io)).toBe(1);
    expect(unknown.err()).toMatch(/^galley: no profile named Nobody \(profiles: Chen \(supervisor\), Li \(editor\)\)/);
    const archive = openArchive(path, { logger: { warn: () => {} } });
    try {
      expect(archive.listProfiles().map((p) => p.name).sort()).toEqual(['Chen', 'Li']);
      // Creating the first profile selects it in a host; the command line remembers nothing.
      expect(archive.getSetting(SESSION_PROFILE_SETTING)).toBeNull();
    } finally {
      archive.close();
    }
  });

  it('acts as the --as profile and answers refusals as the AppErrors a host sends', { timeout: 60_000 }, async () => {
    const path = emptyArchive();
    expect(await main(['profiles', 'add', 'Chen', '--role', 'supervisor', '--archive', path], io().io)).toBe(0);
    expect(await main(['profiles', 'add', 'Li', '--role', 'editor', '--as', 'Chen', '--archive', path], io().io)).toBe(0);
    const service = await openService(io().io, { archive: path, as: 'Li' });
    try {
      const session = await service.call('session.current', {});
      expect(session.profile).toMatchObject({ name: 'Li', role: 'editor' });
      await expect(service.call('profiles.remove', { id: session.profiles.find((p) => p.name === 'Chen')!.id })).rejects.toMatchObject({
        name: 'AppError',
        code: 'forbidden',
        reason: 'profile.manage',
        details: { action: 'profile.manage', role: 'editor' },
      });
      await expect(service.call('issues.approve', { issueId: 999 })).rejects.toMatchObject({ code: 'forbidden', reason: 'issue.approve' });
    } finally {
      await service.close();
    }
    const boss = await openService(io().io, { archive: path, as: 'Chen' });
    try {
      await expect(boss.call('issues.approve', { issueId: 999 })).rejects.toMatchObject({ code: 'not-found', reason: 'not-found' });
      const li = (await boss.call('profiles.list', {})).find((p) => p.name === 'Li')!;
      await boss.call('profiles.update', { id: li.id, role: 'archivist' });
      expect((await boss.archive.getProfile(li.id))?.role).toBe('archivist');
    } finally {
      await boss.close();
    }
  });
});
