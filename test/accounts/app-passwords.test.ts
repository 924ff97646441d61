// Passwords in the app (issue 13 §2; electron/host/handlers/accounts.ts) through the handler
// table, as the desktop and the browser host serve it: a profile sets, changes (old one asked,
// wrong ones counted and rate-limited) and clears its own password; a supervisor sets another's
// password, adds a user with one and disables one, with their own password asked again; an editor
// gets 'forbidden' for all of it; new passwords are checked (too short, blank); the revision log
// never holds a hash or a clear password.
import { describe, expect, it } from 'vitest';
import { createAccountGuard } from '../../electron/accounts/guard.ts';
import { hashPassword } from '../../electron/accounts/password.ts';
import { inProcess } from '../../electron/archive/async-archive.ts';
import { dispatch } from '../../electron/host/dispatch.ts';
import { createHandlers } from '../../electron/host/handlers.ts';
import { engineAdapter, importerAdapter } from '../../electron/host/load-backend.ts';
import { freshArchive } from '../archive/helpers.ts';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
// Names of their own: the login rate limit counts per account name for the whole process.
const uniq = (n: string) => `${n}-${Math.random().toString(36).slice(2, 8)}`;

async function setup() {
  const a = freshArchive();
  const names = { sue: uniq('Sue'), ed: uniq('Ed'), ann: uniq('Ann') };
  const sue = a.createProfile({ name: names.sue, role: 'supervisor' }, { name: 'os' });
  const actor = { name: sue.name, profileId: sue.id, role: 'supervisor' as const };
  const ed = a.createProfile({ name: names.ed, role: 'editor' }, actor);
  const ann = a.createProfile({ name: names.ann, role: 'archivist' }, actor);
  a.setProfilePassword(sue.id, await hashPassword('sue password', FAST), actor);
  const archive = inProcess(a);
  const table = () => createHandlers({ archive, engine: engineAdapter, importer: importerAdapter({ name: 'os' }), host: 'electron', version: 't', actor: { name: 'os' }, emit: () => undefined });
  const call = async (t: ReturnType<typeof table>, channel: string, request: unknown) => {
    const r = await dispatch(t, channel, request);
    return r.ok ? { ok: true as const, value: r.value } : { ok: false as const, why: `${r.code}/${r.reason}`, details: r.details };
  };
  return { a, archive, sue, ed, ann, table, call };
}

describe('passwords in the app', () => {
  it('a profile sets, changes (old one asked) and clears its own password', async () => {
    const { a, archive, ed, table, call } = await setup();
    const t = table();
    expect((await call(t, 'session.selectProfile', { profileId: ed.id })).ok).toBe(true);
    expect((await call(t, 'accounts.self', {})).value).toEqual({ hasPassword: false, mustSet: false, login: false });
    // New passwords are checked before anything is written.
    expect(await call(t, 'accounts.changeOwn', { newPassword: 'short' })).toMatchObject({ why: 'bad-request/password-too-short', details: { min: 8 } });
    expect(await call(t, 'accounts.changeOwn', { newPassword: '          ' })).toMatchObject({ why: 'bad-request/password-blank' });
    expect(a.profileCredentials(ed.id)!.hash).toBeNull();
    // No password yet: set without an old one.
    expect((await call(t, 'accounts.changeOwn', { newPassword: 'ed first password' })).ok).toBe(true);
    expect((await call(t, 'accounts.self', {})).value).toMatchObject({ hasPassword: true });
    // Now the old one is asked, and must be right.
    expect(await call(t, 'accounts.changeOwn', { newPassword: 'ed second password' })).toMatchObject({ why: 'forbidden/password-required' });
    expect(await call(t, 'accounts.changeOwn', { oldPassword: 'not it at all', newPassword: 'ed second password' })).toMatchObject({ why: 'forbidden/wrong-password' });
    expect((await call(t, 'accounts.changeOwn', { oldPassword: 'ed first password', newPassword: 'ed second password' })).ok).toBe(true);
    const guard = createAccountGuard(archive);
    await expect(guard.login(ed.name, 'ed first password')).rejects.toMatchObject({ reason: 'wrong-credentials' });
    expect((await guard.login(ed.name, 'ed second password')).id).toBe(ed.id);
    // Another window must now give the password to work as Ed.
    expect(await call(table(), 'session.selectProfile', { profileId: ed.id })).toMatchObject({ why: 'forbidden/password-required' });
    // Clearing takes the current password.
    expect(await call(t, 'accounts.clearOwn', { oldPassword: 'ed first password' })).toMatchObject({ why: 'forbidden/wrong-password' });
    expect((await call(t, 'accounts.clearOwn', { oldPassword: 'ed second password' })).ok).toBe(true);
    expect(a.profileCredentials(ed.id)!.hash).toBeNull();
    expect(await call(t, 'accounts.clearOwn', { oldPassword: 'ed second password' })).toMatchObject({ why: 'bad-request/no-password' });
    // Logged as profile changes, never with the hash or the password.
    const log = JSON.stringify(a.db.raw.prepare("SELECT * FROM revisions WHERE entity = 'profile'").all());
    expect(log).toContain('hasPassword');
    expect(log).not.toMatch(/scrypt\$|ed first password|ed second password/);
  });

  it('wrong old passwords are rate-limited like logins', async () => {
    const { ed, table, call } = await setup();
    const t = table();
    await call(t, 'session.selectProfile', { profileId: ed.id });
    await call(t, 'accounts.changeOwn', { newPassword: 'ed first password' });
    for (let i = 0; i < 5; i++) expect(await call(t, 'accounts.changeOwn', { oldPassword: `guess number ${i}`, newPassword: 'ed taken over!' })).toMatchObject({ why: 'forbidden/wrong-password' });
    // Past the limit even the right one is refused, with the wait.
    const r = await call(t, 'accounts.changeOwn', { oldPassword: 'ed first password', newPassword: 'ed taken over!' });
    expect(r).toMatchObject({ why: 'forbidden/rate-limited' });
    expect(Number(r.details?.retryAfterSeconds)).toBeGreaterThan(0);
  });

  it('a supervisor sets another user’s password, adds a user with one and disables one, the own password asked again', async () => {
    const { a, archive, sue, ed, ann, table, call } = await setup();
    const t = table();
    await call(t, 'session.selectProfile', { profileId: sue.id, password: 'sue password' });
    expect(await call(t, 'accounts.setPassword', { id: ed.id, newPassword: 'ed reset password' })).toMatchObject({ why: 'forbidden/password-required' });
    expect(await call(t, 'accounts.setPassword', { id: ed.id, newPassword: 'ed reset password', password: 'wrong one!' })).toMatchObject({ why: 'forbidden/wrong-password' });
    const set = await call(t, 'accounts.setPassword', { id: ed.id, newPassword: 'ed reset password', password: 'sue password' });
    expect(set.value).toMatchObject({ id: ed.id, hasPassword: true, disabled: false });
    expect((await createAccountGuard(archive).login(ed.name, 'ed reset password')).id).toBe(ed.id);
    // Their own goes through changeOwn (the old one), and they cannot disable themselves.
    expect(await call(t, 'accounts.setPassword', { id: sue.id, newPassword: 'sue sneaky new', password: 'sue password' })).toMatchObject({ why: 'bad-request/own-password' });
    expect(await call(t, 'accounts.setDisabled', { id: sue.id, disabled: true, password: 'sue password' })).toMatchObject({ why: 'bad-request/self-disable' });
    expect(await call(t, 'accounts.setPassword', { id: 'no-such-id', newPassword: 'whatever123', password: 'sue password' })).toMatchObject({ why: 'not-found/profile-missing' });
    // Adding a user with a password: one call, the new password checked first.
    const name = uniq('Wu');
    expect(await call(t, 'accounts.create', { name, role: 'archivist', newPassword: 'short', password: 'sue password' })).toMatchObject({ why: 'bad-request/password-too-short' });
    expect(a.findProfile(name)).toBeNull();
    const wu = await call(t, 'accounts.create', { name, role: 'archivist', newPassword: 'wu new password', password: 'sue password' });
    expect(wu.value).toMatchObject({ name, role: 'archivist' });
    expect((await createAccountGuard(archive).login(name, 'wu new password')).name).toBe(name);
    // Disable and enable.
    expect((await call(t, 'accounts.setDisabled', { id: ann.id, disabled: true, password: 'sue password' })).value).toMatchObject({ id: ann.id, disabled: true });
    expect(a.profileCredentials(ann.id)!.disabled).toBe(true);
    expect((await call(t, 'accounts.setDisabled', { id: ann.id, disabled: false, password: 'sue password' })).value).toMatchObject({ disabled: false });
    const list = (await call(t, 'accounts.list', {})).value as { name: string; hasPassword: boolean }[];
    expect(list.find((x) => x.name === ed.name)?.hasPassword).toBe(true);
    expect(list.find((x) => x.name === ann.name)?.hasPassword).toBe(false);
  });

  it('an editor reaches none of user management; a passwordless supervisor must set one first', async () => {
    const { a, sue, ed, table, call } = await setup();
    const t = table();
    await call(t, 'session.selectProfile', { profileId: ed.id });
    expect(await call(t, 'accounts.list', {})).toMatchObject({ why: 'forbidden/profile.manage' });
    expect(await call(t, 'accounts.setPassword', { id: sue.id, newPassword: 'taken over!!', password: 'x' })).toMatchObject({ why: 'forbidden/profile.manage' });
    expect(await call(t, 'accounts.setDisabled', { id: sue.id, disabled: true })).toMatchObject({ why: 'forbidden/profile.manage' });
    expect(await call(t, 'accounts.create', { name: uniq('Mole'), role: 'supervisor', newPassword: 'mole password' })).toMatchObject({ why: 'forbidden/profile.manage' });
    expect(a.profileCredentials(sue.id)!.disabled).toBe(false);
    // A second supervisor without a password: told to set one, and may.
    const bo = a.createProfile({ name: uniq('Bo'), role: 'supervisor' }, { name: sue.name, profileId: sue.id, role: 'supervisor' });
    const t2 = table();
    await call(t2, 'session.selectProfile', { profileId: bo.id });
    expect((await call(t2, 'accounts.self', {})).value).toEqual({ hasPassword: false, mustSet: true, login: false });
    expect(await call(t2, 'accounts.list', {})).toMatchObject({ ok: true });
    expect(await call(t2, 'accounts.setPassword', { id: ed.id, newPassword: 'ed by bo!!' })).toMatchObject({ why: 'forbidden/password-not-set' });
    expect((await call(t2, 'accounts.changeOwn', { newPassword: 'bo own password' })).ok).toBe(true);
    expect((await call(t2, 'accounts.setPassword', { id: ed.id, newPassword: 'ed by bo!!', password: 'bo own password' })).ok).toBe(true);
  });
});
