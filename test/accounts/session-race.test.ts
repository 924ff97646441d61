// A session ended by one request while another is still checking it (the e2e race of session 5:
// after a password change the tab reloads, and /auth/status and an /api/ call arrive together).
// The status request had read the session before the other one ended it, and found the login
// record gone afterwards — it used to take "no record" as "nothing to compare" and answered with
// the profile, so the window showed the workspace instead of the login screen.
import { describe, expect, it } from 'vitest';
import type { AccountGuard } from '../../electron/accounts/guard.ts';
import { createHttpAuth } from '../../electron/accounts/http-auth.ts';
import type { Profile } from '../../shared/roles.ts';

const ED: Profile = { id: 'p-ed', name: 'Ed', role: 'editor' } as Profile;

function setUp() {
  let hash = 'hash-1';
  // Each archive read waits for the test to let it go, so the interleaving is chosen, not timed.
  const gates: Array<() => void> = [];
  const held = <V>(v: () => V) => new Promise<V>((resolve) => gates.push(() => resolve(v())));
  const archive = {
    getProfile: (id: string) => held(() => (id === ED.id ? ED : null)),
    profileCredentials: (id: string) => held(() => (id === ED.id ? { hash, disabled: false } : null)),
  };
  const guard = { active: async () => true, login: async () => ED } as unknown as AccountGuard;
  const auth = createHttpAuth({ archive: archive as never, guard, tableFor: (p) => ({ for: p.name }), port: () => 4870 });
  const releaseAll = async () => {
    for (let i = 0; i < 20; i++) {
      while (gates.length) gates.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { auth, gates, releaseAll, changePassword: () => void (hash = 'hash-2') };
}

const cookieOf = (headers: Record<string, string> | undefined) => String(headers?.['Set-Cookie'] ?? '').split(';')[0]!;

describe('a session ended while another request is checking it', () => {
  it('the slower request sees it ended: /auth/status says nobody, the /api/ call is refused', async () => {
    const { auth, gates, releaseAll, changePassword } = setUp();
    const loggingIn = auth.route('/auth/login', { name: 'Ed', password: 'pw-of-ed' }, undefined, '127.0.0.1');
    await releaseAll();
    const cookie = cookieOf((await loggingIn).headers);
    expect(cookie).toMatch(/^galley_session_4870=/);
    changePassword();

    // Both requests read the session, then wait on the archive.
    const status = auth.route('/auth/status', {}, cookie, '127.0.0.1');
    const call = auth.resolve(cookie, { for: 'open' });
    await new Promise((r) => setTimeout(r, 0));
    expect(gates.length).toBe(4);
    // The API call's reads finish first: it finds the new password and ends the session…
    gates.splice(2, 2).forEach((g) => g());
    expect(await call).toMatchObject({ refused: { status: 401 } });
    // …then the status request's reads finish, after its session has gone.
    await releaseAll();
    expect((await status).body).toEqual({ ok: true, value: { active: true, profile: null } });
  });

  it('a session whose password is unchanged still acts as its profile, however its requests interleave', async () => {
    const { auth, releaseAll } = setUp();
    const loggingIn = auth.route('/auth/login', { name: 'Ed', password: 'pw-of-ed' }, undefined, '127.0.0.1');
    await releaseAll();
    const cookie = cookieOf((await loggingIn).headers);
    const status = auth.route('/auth/status', {}, cookie, '127.0.0.1');
    const call = auth.resolve(cookie, { for: 'open' });
    await releaseAll();
    expect((await status).body).toEqual({ ok: true, value: { active: true, profile: ED } });
    expect(await call).toEqual({ table: { for: 'Ed' }, profile: ED });
  });
});
