// The session (electron/host/service/session.ts) with accounts, as the desktop and the local
// browser host use it: a forged or guessed profile id of a protected profile gets 'forbidden'
// without its password, a remembered protected profile is not restored at the next start, a
// disabled profile never acts, approve takes the password again, and a supervisor without a
// password cannot approve once another supervisor has one. The command line's --as is checked too.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../electron/accounts/password.ts';
import { inProcess } from '../../electron/archive/async-archive.ts';
import { openService } from '../../electron/cli/service.ts';
import type { PasswordInput } from '../../electron/cli/password-input.ts';
import { createSession } from '../../electron/host/service/session.ts';
import { freshArchive, tempDir } from '../archive/helpers.ts';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string; reason?: string; message?: string }) => (e.code ? `${e.code}/${e.reason}` : String(e.message)));

async function setup(path?: string) {
  const a = freshArchive(path ? { path } : {});
  const sue = a.createProfile({ name: 'Sue', role: 'supervisor' }, { name: 'os' });
  const actor = { name: 'Sue', profileId: sue.id, role: 'supervisor' as const };
  const ed = a.createProfile({ name: 'Ed', role: 'editor' }, actor);
  const ann = a.createProfile({ name: 'Ann', role: 'supervisor' }, actor);
  a.setProfilePassword(sue.id, await hashPassword('sue password', FAST), actor);
  return { a, sue, ed, ann, actor, archive: inProcess(a) };
}

describe('session with accounts', () => {
  it('selecting a protected profile needs its password; an open one does not', async () => {
    const { archive, sue, ed } = await setup();
    const s = createSession(archive, { name: 'os' });
    await s.select(ed.id);
    expect(await code(s.select(sue.id))).toBe('forbidden/password-required');
    expect(await code(s.select(sue.id, 'guess guess'))).toBe('forbidden/wrong-password');
    expect((await s.profile())?.name).toBe('Ed');
    expect(await code(s.select(sue.id, 'sue password'))).toBe('ok');
    expect((await s.profile())?.name).toBe('Sue');
    // Approve asks again.
    expect(await code(s.may('issue.approve'))).toBe('forbidden/password-required');
    expect(await code(s.may('issue.approve', 'sue password'))).toBe('ok');
    // Not a RECONFIRM action: no password needed.
    expect(await code(s.may('page.save'))).toBe('ok');
    // A new session of the same host: the remembered protected profile is not restored.
    const next = createSession(archive, { name: 'os' });
    expect(await next.profile()).toBeNull();
  });

  it('a passwordless supervisor cannot approve once another supervisor has a password; a disabled profile never acts', async () => {
    const { archive, a, ann, ed, actor } = await setup();
    const s = createSession(archive, { name: 'os' });
    await s.select(ann.id);
    expect(await code(s.may('issue.approve'))).toBe('forbidden/password-not-set');
    expect(await code(s.may('page.save'))).toBe('ok');
    await s.select(ed.id);
    a.setProfileDisabled(ed.id, true, actor);
    expect(await code(s.may('page.save'))).toBe('forbidden/account-disabled');
    expect(await code(createSession(archive, { name: 'os' }).select(ed.id))).toBe('forbidden/account-disabled');
  });

  it('the command line: --as a protected profile needs GALLEY_PASSWORD (or a prompt), checked before anything runs', async () => {
    const path = join(tempDir(), 'cli.sqlite');
    const { a } = await setup(path);
    a.close();
    const io = { stdout: () => {}, stderr: () => {}, isTTY: false };
    const input = (env?: string): PasswordInput => ({ interactive: false, prompt: () => Promise.reject(new Error('no terminal')), firstLine: async () => '', env: () => env });
    expect(await code(openService(io, { archive: path, as: 'Sue', passwords: input() }))).toMatch(/Sue has a password: set GALLEY_PASSWORD/);
    expect(await code(openService(io, { archive: path, as: 'Sue', passwords: input('wrong one') }))).toBe('forbidden/wrong-password');
    const service = await openService(io, { archive: path, as: 'Sue', passwords: input('sue password') });
    expect((await service.call('session.current', {})).profile?.name).toBe('Sue');
    await service.close();
    // An open profile still needs no password.
    const ed = await openService(io, { archive: path, as: 'Ed', passwords: input() });
    expect((await ed.call('session.current', {})).profile?.name).toBe('Ed');
    await ed.close();
  });
});
