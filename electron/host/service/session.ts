// Who is working: the one session of the service layer, the same for the Electron host, the
// browser host and the command line. The actor of every write comes from here — from the profile
// the session selected — never from a name or id the client sends with a request.
//
// Hosts remember the selected profile in the archive's settings table (session.profile) and select
// it again at the next start. The command line selects the profile `--as NAME` names for one run
// and does not remember it.
//
// Bootstrap rule: while the archive has no profile at all, the session acts as an implicit editor
// named after the OS user (so proofing works before anyone sets up profiles); the first profile
// created becomes a supervisor and is selected.
//
// Accounts (issue 13 §2, electron/accounts/guard.ts): a profile with a password is selected only
// with it, a remembered one is not selected again at the next start, a disabled one never acts;
// approve, reopen, export and profile management take the password again (RECONFIRM). A
// team-server login pins the session to its profile (`login`): no switching. The command line
// hands over the password it already checked (`password`).
import { AppError } from '../../../shared/app-error.ts';
import { createAccountGuard } from '../../accounts/guard.ts';
import { allowedActions, assertAllowed, type Action, type Profile } from '../../../shared/roles.ts';
import type { Session as SessionView } from '../../../shared/ipc-review.ts';
import type { Actor } from '../../archive/archive-api.ts';
import type { AsyncArchive } from '../../archive/async-archive.ts';

export const SESSION_PROFILE_SETTING = 'session.profile';

/** Actions that take the acting user's password again whenever the profile has one (issue 13 §2). */
export const RECONFIRM: ReadonlySet<Action> = new Set<Action>(['issue.approve', 'issue.reopen', 'issue.export', 'profile.manage', 'archive.switch']);

export interface Acting {
  profile: Profile;
  actor: Actor;
}

export interface Session {
  /** The selected profile, or null. */
  profile(): Promise<Profile | null>;
  /** Selects a profile (null: none) and remembers it for the next start (unless created with remember: false); its password when it has one. */
  select(profileId: string | null, password?: string): Promise<void>;
  /** Selects a profile for this process only (the command line's --as NAME). */
  use(profileId: string): Promise<void>;
  /** The profile acting for a write and its actor for the revision log; throws 'no-profile'. */
  acting(): Promise<Acting>;
  /** The acting profile, refused ('forbidden') unless its role may do `action` (and, for RECONFIRM actions, the password is right). */
  may(action: Action, password?: string): Promise<Acting>;
  /** True while no profile exists (the bootstrap rule applies). */
  bootstrap(): Promise<boolean>;
  describe(): Promise<SessionView>;
}

/**
 * remember: keep the selection in the archive for the next start (hosts; not the command line).
 * profileName: the command line's --as NAME, selected for this run only.
 */
export function createSession(
  archive: AsyncArchive,
  osUser: Actor,
  {
    remember = true,
    profileName,
    login,
    password: givenPassword,
  }: {
    remember?: boolean;
    profileName?: string;
    /** A team-server login: the profile id this session acts for, and only it. */
    login?: string;
    /** The command line: the password of the --as profile (checked again here). */
    password?: string;
  } = {},
): Session {
  const guard = createAccountGuard(archive);
  /** Whether a profile needs its password to be selected: it has one, or it is disabled (refused either way). */
  const locked = async (profileId: string) => {
    const c = await archive.profileCredentials(profileId);
    return c !== null && (c.hash !== null || c.disabled);
  };
  // The selection, read at first use (undefined: not read yet): the login's profile, the profile
  // --as NAME names, else the one the archive's settings remember.
  let current: string | null | undefined = login;
  const selected = async (): Promise<string | null> => {
    if (current !== undefined) return current;
    if (profileName === undefined) {
      const remembered = await archive.getSetting(SESSION_PROFILE_SETTING);
      // A profile with a password is never selected again without it.
      current = remembered !== null && (await locked(remembered)) ? null : remembered;
      return current;
    }
    const named = await archive.findProfile(profileName);
    if (!named) throw new AppError('not-found', 'profile-missing', `no profile named ${profileName}`, { profile: profileName });
    if (await locked(named.id)) await guard.confirm(named, givenPassword);
    current = named.id;
    return current;
  };
  const profile = async (): Promise<Profile | null> => {
    const id = await selected();
    if (id === null) return null;
    const p = await archive.getProfile(id);
    if (!p) current = null;
    return p;
  };
  const known = async (profileId: string) => {
    if (!(await archive.getProfile(profileId))) throw new AppError('not-found', 'profile-missing', `profile ${profileId} does not exist`, { profile: profileId });
  };
  const bootstrap = async () => (await archive.listProfiles()).length === 0;
  const acting = async (): Promise<Acting> => {
    const p = await profile();
    if (p && (await archive.profileCredentials(p.id))?.disabled) throw new AppError('forbidden', 'account-disabled', `${p.name} is disabled`, { name: p.name });
    if (p) return { profile: p, actor: { name: p.name, profileId: p.id, role: p.role } };
    if (await bootstrap()) return { profile: { id: `user:${osUser.name}`, name: osUser.name, role: 'editor' }, actor: { name: osUser.name } };
    throw new AppError('no-profile', 'no-profile', 'Choose who is working first: no profile is selected.');
  };
  return {
    profile,
    bootstrap,
    acting,
    async may(action, password) {
      const who = await acting();
      assertAllowed(who.profile, action);
      if (RECONFIRM.has(action)) await guard.confirm(who.profile, password ?? givenPassword);
      return who;
    },
    async select(profileId, password) {
      if (login !== undefined) {
        if (profileId === login) return;
        throw new AppError('forbidden', 'logged-in', 'this session is a login: log out to work as someone else');
      }
      if (profileId !== null) {
        await known(profileId);
        // A forged or guessed id of a protected profile gets 'forbidden' without its password.
        if (await locked(profileId)) await guard.confirm((await archive.getProfile(profileId))!, password);
      }
      current = profileId;
      if (remember) await archive.setSetting(SESSION_PROFILE_SETTING, profileId);
    },
    async use(profileId) {
      await known(profileId);
      if (await locked(profileId)) await guard.confirm((await archive.getProfile(profileId))!, givenPassword);
      current = profileId;
    },
    async describe() {
      const p = await profile();
      const none = await bootstrap();
      const allowed: Action[] = p ? allowedActions(p.role) : none ? [...allowedActions('editor'), 'profile.manage'] : [];
      return { profile: p, profiles: await archive.listProfiles(), allowed, bootstrap: none, ...(login !== undefined ? { login: true } : {}) };
    },
  };
}
