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
import type { Actor, Archive } from '../../archive/archive-api.ts';

export const SESSION_PROFILE_SETTING = 'session.profile';

export interface Acting {
  profile: Profile;
  actor: Actor;
}

export interface Session {
  /** The selected profile, or null. */
  profile(): Profile | null;
  /** Selects a profile (null: none) and remembers it for the next start (unless created with remember: false). */
  select(profileId: string | null): void;
  /** Selects a profile for this process only (the command line's --as NAME). */
  use(profileId: string): void;
  /** The profile acting for a write and its actor for the revision log; throws 'no-profile'. */
  acting(): Acting;
  /** The acting profile, refused ('forbidden') unless its role may do `action`. */
  may(action: Action): Acting;
  /** True while no profile exists (the bootstrap rule applies). */
  bootstrap(): boolean;
  describe(): SessionView;
}

/** remember: keep the selection in the archive for the next start (hosts; not the command line). */
export function createSession(archive: Archive, osUser: Actor, { remember = true }: { remember?: boolean } = {}): Session {
  let loaded = false;
  let current: string | null = null;
  const load = () => {
    if (loaded) return;
    loaded = true;
    current = archive.getSetting(SESSION_PROFILE_SETTING);
  };
  const profile = (): Profile | null => {
    load();
    if (current === null) return null;
    const p = archive.getProfile(current);
    if (!p) current = null;
    return p;
  };
  const known = (profileId: string) => {
    if (!archive.getProfile(profileId)) throw new AppError('not-found', 'profile-missing', `profile ${profileId} does not exist`, { profile: profileId });
  };
  const bootstrap = () => archive.listProfiles().length === 0;
  const acting = (): Acting => {
    const p = profile();
    if (p) return { profile: p, actor: { name: p.name, profileId: p.id, role: p.role } };
    if (bootstrap()) return { profile: { id: `user:${osUser.name}`, name: osUser.name, role: 'editor' }, actor: { name: osUser.name } };
    throw new AppError('no-profile', 'no-profile', 'Choose who is working first: no profile is selected.');
  };
  return {
    profile,
    bootstrap,
    acting,
    may(action) {
      const who = acting();
      assertAllowed(who.profile, action);
      return who;
    },
    select(profileId) {
      load();
      if (profileId !== null) known(profileId);
      current = profileId;
      if (remember) archive.setSetting(SESSION_PROFILE_SETTING, profileId);
    },
    use(profileId) {
      known(profileId);
      loaded = true;
      current = profileId;
    },
    describe() {
      const p = profile();
      const none = bootstrap();
      const allowed: Action[] = p ? allowedActions(p.role) : none ? [...allowedActions('editor'), 'profile.manage'] : [];
      return { profile: p, profiles: archive.listProfiles(), allowed, bootstrap: none };
    },
  };
}
