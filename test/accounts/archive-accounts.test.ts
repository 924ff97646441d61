// The archive's account methods (accounts.ts, migration 0012): set and remove a password hash,
// disable and enable, the last enabled supervisor stays enabled, every change is in the revision
// log without the hash, and a clear-text "hash" is refused.
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../electron/accounts/password.ts';
import { freshArchive } from '../archive/helpers.ts';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('archive accounts', () => {
  it('keeps a hash, reports only whether there is one, and logs each change without it', async () => {
    const a = freshArchive();
    const sue = a.createProfile({ name: 'Sue', role: 'supervisor' }, { name: 'os' });
    const ed = a.createProfile({ name: 'Ed', role: 'editor' }, { name: 'Sue', profileId: sue.id, role: 'supervisor' });
    const actor = { name: 'Sue', profileId: sue.id, role: 'supervisor' as const };
    expect(a.profileCredentials(ed.id)).toEqual({ hash: null, disabled: false });
    const hash = await hashPassword('editor password', FAST);
    const account = a.setProfilePassword(ed.id, hash, actor);
    expect(account).toEqual({ id: ed.id, name: 'Ed', role: 'editor', hasPassword: true, disabled: false });
    expect(a.profileCredentials(ed.id)).toEqual({ hash, disabled: false });
    expect(a.listAccounts().map((x) => [x.name, x.hasPassword])).toEqual([
      ['Ed', true],
      ['Sue', false],
    ]);
    // listProfiles (what clients get) carries no credential field at all.
    expect(Object.keys(a.listProfiles()[0]!).sort()).toEqual(['id', 'name', 'role']);
    a.setProfilePassword(ed.id, null, actor);
    expect(a.profileCredentials(ed.id)?.hash).toBeNull();
    const log = a.db.raw.prepare(`SELECT action, before_json, after_json FROM revisions WHERE entity = 'profile' AND action = 'password' ORDER BY id`).all() as {
      before_json: string;
      after_json: string;
    }[];
    expect(log).toHaveLength(2);
    expect(JSON.parse(log[0]!.after_json)).toMatchObject({ name: 'Ed', hasPassword: true });
    const everything = JSON.stringify(a.db.raw.prepare('SELECT * FROM revisions').all());
    expect(everything).not.toContain(hash.split('$')[5]);
    expect(a.profileCredentials('nobody')).toBeNull();
  });

  it('refuses a value that is not a scrypt hash string', () => {
    const a = freshArchive();
    const sue = a.createProfile({ name: 'Sue', role: 'supervisor' }, { name: 'os' });
    expect(() => a.setProfilePassword(sue.id, 'hunter22 in clear', { name: 'Sue' })).toThrow(/password hash/);
    expect(a.profileCredentials(sue.id)?.hash).toBeNull();
  });

  it('disables and enables; the last enabled supervisor cannot be disabled', () => {
    const a = freshArchive();
    const sue = a.createProfile({ name: 'Sue', role: 'supervisor' }, { name: 'os' });
    const actor = { name: 'Sue', profileId: sue.id, role: 'supervisor' as const };
    const ann = a.createProfile({ name: 'Ann', role: 'supervisor' }, actor);
    expect(a.setProfileDisabled(ann.id, true, actor).disabled).toBe(true);
    expect(() => a.setProfileDisabled(sue.id, true, actor)).toThrow(/last enabled supervisor/);
    expect(a.setProfileDisabled(ann.id, false, actor).disabled).toBe(false);
    expect(a.setProfileDisabled(sue.id, true, actor).disabled).toBe(true);
    const actions = (a.db.raw.prepare(`SELECT action FROM revisions WHERE entity = 'profile' ORDER BY id`).all() as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['create', 'create', 'disable', 'enable', 'disable']);
    expect(() => a.setProfileDisabled('nobody', true, actor)).toThrow(/does not exist/);
  });
});
