// accounts.*: passwords in the app (issue 13 §2; contract shared/contract/accounts.ts). Who acts
// is the session's profile, never an id from the request. Every password check goes through the
// account guard (electron/accounts/guard.ts), so wrong old passwords and wrong confirmations are
// counted and rate-limited like logins. The rules match `galley users` (electron/cli/commands/users.ts):
//   - anyone changes their own password knowing the old one, or sets one while they have none;
//   - a local profile may clear its own (not a team-server login: it would lock itself out);
//   - a supervisor sets others' passwords, adds users with one, disables and enables them, with
//     their own password asked again; their own password goes through changeOwn (old one asked),
//     and they cannot disable themselves.
import { AppError } from '../../../shared/app-error.ts';
import { assertAllowed } from '../../../shared/roles.ts';
import { createAccountGuard } from '../../accounts/guard.ts';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, newPasswordSchema } from '../../accounts/password.ts';
import type { HandlerGroup, ServiceContext } from '../service/context.ts';

type AccountChannel = 'accounts.self' | 'accounts.list' | 'accounts.changeOwn' | 'accounts.clearOwn' | 'accounts.setPassword' | 'accounts.setDisabled' | 'accounts.create';

/** Hashes a new password, or refuses it with a reason the UI words (accounts.err.password*). */
async function newHash(password: string): Promise<string> {
  const r = newPasswordSchema.safeParse(password);
  if (!r.success) {
    const why = r.error.issues[0]?.message ?? 'blank';
    const reason = why === 'too-short' ? 'password-too-short' : why === 'too-long' ? 'password-too-long' : 'password-blank';
    throw new AppError('bad-request', reason, `the new password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters and not blank`, {
      min: MIN_PASSWORD_LENGTH,
      max: MAX_PASSWORD_LENGTH,
    });
  }
  return hashPassword(password);
}

export function accountHandlers(ctx: ServiceContext): HandlerGroup<AccountChannel> {
  const { archive, session } = ctx;
  const guard = createAccountGuard(archive);
  /** The acting profile as a real profile (the bootstrap's implicit editor has no account). */
  const self = async () => {
    if (await session.bootstrap()) throw new AppError('no-profile', 'no-profile', 'Choose who is working first: no profile exists yet.');
    return session.acting();
  };
  const target = async (id: string) => {
    const p = await archive.getProfile(id);
    if (!p) throw new AppError('not-found', 'profile-missing', `profile ${id} does not exist`, { profile: id });
    return p;
  };
  return {
    'accounts.self': async () => {
      const login = ctx.login !== undefined;
      if (await session.bootstrap()) return { hasPassword: false, mustSet: false, login };
      const p = await session.profile();
      if (!p) return { hasPassword: false, mustSet: false, login };
      const rule = await guard.rule(p);
      return { hasPassword: rule === 'password', mustSet: rule === 'must-set', login };
    },
    'accounts.list': async () => {
      const { profile } = await self();
      // Reading who has a password is management, but no password is asked just to look.
      assertAllowed(profile, 'profile.manage');
      return archive.listAccounts();
    },
    'accounts.changeOwn': async ({ oldPassword, newPassword }) => {
      const { profile, actor } = await self();
      // Checked first: a wrong old password is counted whatever the new one is.
      if ((await guard.rule(profile)) === 'password') await guard.confirm(profile, oldPassword);
      await archive.setProfilePassword(profile.id, await newHash(newPassword), actor);
      return { ok: true as const };
    },
    'accounts.clearOwn': async ({ oldPassword }) => {
      const { profile, actor } = await self();
      if (ctx.login !== undefined) throw new AppError('forbidden', 'logged-in-clear', 'a team-server login keeps its password: ask a supervisor to disable the account instead');
      if ((await guard.rule(profile)) !== 'password') throw new AppError('bad-request', 'no-password', `${profile.name} has no password to clear`, { name: profile.name });
      await guard.confirm(profile, oldPassword);
      await archive.setProfilePassword(profile.id, null, actor);
      return { ok: true as const };
    },
    'accounts.setPassword': async ({ id, newPassword, password }) => {
      const { profile, actor } = await session.may('profile.manage', password);
      const who = await target(id);
      if (who.id === profile.id) throw new AppError('bad-request', 'own-password', 'change your own password with your old one (accounts.changeOwn)');
      return archive.setProfilePassword(who.id, await newHash(newPassword), actor);
    },
    'accounts.setDisabled': async ({ id, disabled, password }) => {
      const { profile, actor } = await session.may('profile.manage', password);
      const who = await target(id);
      if (who.id === profile.id) throw new AppError('bad-request', 'self-disable', 'you cannot disable yourself; another supervisor can');
      return archive.setProfileDisabled(who.id, disabled, actor);
    },
    'accounts.create': async ({ name, role, newPassword, password }) => {
      const { actor } = await session.may('profile.manage', password);
      // The new password is checked before anything is written.
      const hash = await newHash(newPassword);
      const created = await archive.createProfile({ name, role }, actor);
      await archive.setProfilePassword(created.id, hash, actor);
      return created;
    },
  };
}
