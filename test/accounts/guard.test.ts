// The password checks every host uses (guard.ts): login by name and password, wrong and unknown
// alike refused, disabled refused, rate-limited per account and per address; confirm asks for the
// acting profile's password when it has one, and a supervisor without one on an archive whose
// supervisors use passwords cannot confirm at all.
import { describe, expect, it } from 'vitest';
import { inProcess } from '../../electron/archive/async-archive.ts';
import { createAccountGuard } from '../../electron/accounts/guard.ts';
import { hashPassword } from '../../electron/accounts/password.ts';
import { createRateLimiter } from '../../electron/accounts/rate-limit.ts';
import { freshArchive } from '../archive/helpers.ts';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

async function setup() {
  const a = freshArchive();
  const sue = a.createProfile({ name: 'Sue', role: 'supervisor' }, { name: 'os' });
  const actor = { name: 'Sue', profileId: sue.id, role: 'supervisor' as const };
  const ed = a.createProfile({ name: 'Ed', role: 'editor' }, actor);
  const ann = a.createProfile({ name: 'Ann', role: 'supervisor' }, actor);
  a.setProfilePassword(sue.id, await hashPassword('sue password', FAST), actor);
  a.setProfilePassword(ed.id, await hashPassword('ed password', FAST), actor);
  let t = 0;
  const guard = createAccountGuard(inProcess(a), { account: createRateLimiter({ limit: 5, now: () => t }), address: createRateLimiter({ limit: 8, now: () => t }) });
  return { a, sue, ed, ann, actor, guard, tick: (ms: number) => (t += ms) };
}

const reason = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code: string; reason: string }) => `${e.code}/${e.reason}`);

describe('account guard', () => {
  it('logs in with the right password only; unknown names and wrong passwords get the same answer', async () => {
    const { guard, sue } = await setup();
    expect((await guard.login('sue', 'sue password')).id).toBe(sue.id);
    expect(await reason(guard.login('Sue', 'wrong one'))).toBe('unauthorized/wrong-credentials');
    expect(await reason(guard.login('Nobody', 'sue password'))).toBe('unauthorized/wrong-credentials');
    // A profile without a password cannot log in at all.
    expect(await reason(guard.login('Ann', ''))).toBe('unauthorized/wrong-credentials');
    expect(await guard.active()).toBe(true);
  });

  it('refuses a disabled profile even with its password', async () => {
    const { a, guard, ed, actor } = await setup();
    a.setProfileDisabled(ed.id, true, actor);
    expect(await reason(guard.login('Ed', 'ed password'))).toBe('forbidden/account-disabled');
    expect(await reason(guard.confirm(a.getProfile(ed.id)!, 'ed password'))).toBe('forbidden/account-disabled');
  });

  it('rate-limits wrong passwords per account (then even the right one waits) and per address', async () => {
    const { guard, tick } = await setup();
    for (let i = 0; i < 5; i++) expect(await reason(guard.login('Ed', 'bad guess', '10.0.0.1'))).toBe('unauthorized/wrong-credentials');
    expect(await reason(guard.login('Ed', 'ed password', '10.0.0.2'))).toBe('forbidden/rate-limited');
    // The address that guessed may still try other accounts, up to its own limit (8 here).
    expect(await reason(guard.login('Sue', 'sue password', '10.0.0.1'))).toBe('ok');
    for (let i = 0; i < 3; i++) expect(await reason(guard.login('Ann', 'spray', '10.0.0.1'))).toBe('unauthorized/wrong-credentials');
    expect(await reason(guard.login('Sue', 'sue password', '10.0.0.1'))).toBe('forbidden/rate-limited');
    expect(await reason(guard.login('Sue', 'sue password', '10.0.0.3'))).toBe('ok');
    const e = await guard.login('Ed', 'ed password').catch((x: { details: Record<string, unknown> }) => x);
    expect((e as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds).toBe(60);
    tick(60_000);
    expect(await reason(guard.login('Ed', 'ed password', '10.0.0.2'))).toBe('ok');
  });

  it('confirm: the password when the profile has one; nothing for an editor without one; never for a passwordless supervisor once supervisors use passwords', async () => {
    const { a, guard, sue, ann, actor } = await setup();
    const plain = a.createProfile({ name: 'Pat', role: 'archivist' }, actor);
    expect(await reason(guard.confirm(sue, undefined))).toBe('forbidden/password-required');
    expect(await reason(guard.confirm(sue, 'nope nope'))).toBe('forbidden/wrong-password');
    expect(await reason(guard.confirm(sue, 'sue password'))).toBe('ok');
    expect(await reason(guard.confirm(plain, undefined))).toBe('ok');
    expect(await reason(guard.confirm(ann, undefined))).toBe('forbidden/password-not-set');
    expect(await guard.rule(ann)).toBe('must-set');
  });
});
