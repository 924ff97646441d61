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
import { AppError } from '../../../shared/app-error.ts';
import { allowedActions, assertAllowed, type Action, type Profile } from '../../../shared/roles.ts';
import type { Session as SessionView } from '../../../shared/ipc-review.ts';
import type { Actor } from '../../archive/archive-api.ts';
import type { AsyncArchive } from '../../archive/async-archive.ts';

export const SESSION_PROFILE_SETTING = 'session.profile';

export interface Acting {
  profile: Profile;
  actor: Actor;
}

export interface Session {
  /** The selected profile, or null. */
  profile(): Promise<Profile | null>;
  /** Selects a profile (null: none) and remembers it for the next start (unless created with remember: false). */
  select(profileId: string | null): Promise<void>;
  /** Selects a profile for this process only (the command line's --as NAME). */
  use(profileId: string): Promise<void>;
  /** The profile acting for a write and its actor for the revision log; throws 'no-profile'. */
  acting(): Promise<Acting>;
  /** The acting profile, refused ('forbidden') unless its role may do `action`. */
  may(action: Action): Promise<Acting>;
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
  { remember = true, profileName }: { remember?: boolean; profileName?: string } = {},
): Session {
  // The selection, read at first use (undefined: not read yet): the profile --as NAME names, else
  // the one the archive's settings remember.
  let current: string | null | undefined;
  const selected = async (): Promise<string | null> => {
    if (current !== undefined) return current;
    if (profileName === undefined) {
      current = await archive.getSetting(SESSION_PROFILE_SETTING);
      return current;
    }
    const named = await archive.findProfile(profileName);
    if (!named) throw new AppError('not-found', 'profile-missing', `no profile named ${profileName}`, { profile: profileName });
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
    if (p) return { profile: p, actor: { name: p.name, profileId: p.id, role: p.role } };
    if (await bootstrap()) return { profile: { id: `user:${osUser.name}`, name: osUser.name, role: 'editor' }, actor: { name: osUser.name } };
    throw new AppError('no-profile', 'no-profile', 'Choose who is working first: no profile is selected.');
  };
  return {
    profile,
    bootstrap,
    acting,
    async may(action) {
      const who = await acting();
      assertAllowed(who.profile, action);
      return who;
    },
    async select(profileId) {
      if (profileId !== null) await known(profileId);
      current = profileId;
      if (remember) await archive.setSetting(SESSION_PROFILE_SETTING, profileId);
    },
    async use(profileId) {
      await known(profileId);
      current = profileId;
    },
    async describe() {
      const p = await profile();
      const none = await bootstrap();
      const allowed: Action[] = p ? allowedActions(p.role) : none ? [...allowedActions('editor'), 'profile.manage'] : [];
      return { profile: p, profiles: await archive.listProfiles(), allowed, bootstrap: none };
    },
  };
}
