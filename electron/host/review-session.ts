// Who is working: the host's session. The selected profile is remembered in the archive's
// settings table (session.profile) and selected again at the next start. Every data-changing
// handler asks `acting()` first: no profile selected → a clear 'no-profile' error.
//
// Bootstrap rule: while the archive has no profile at all, the session acts as an implicit
// editor named after the OS user (so proofing works before anyone sets up profiles); the first
// profile created becomes a supervisor and is selected.
import { allowedActions, type Action, type Profile } from '../../shared/roles.ts';
import type { Session } from '../../shared/ipc-review.ts';
import type { Actor, Archive } from '../archive/archive-api.ts';
import { HostError } from './handlers.ts';

export const SESSION_PROFILE_SETTING = 'session.profile';

export interface ReviewSession {
  /** The selected profile, or null. */
  profile(): Profile | null;
  select(profileId: string | null): void;
  /** The profile acting for a write and its actor for the revision log; throws 'no-profile'. */
  acting(): { profile: Profile; actor: Actor };
  /** True while no profile exists (the bootstrap rule applies). */
  bootstrap(): boolean;
  describe(): Session;
}

export function createReviewSession(archive: Archive, osUser: Actor): ReviewSession {
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
  const bootstrap = () => archive.listProfiles().length === 0;
  const session: ReviewSession = {
    profile,
    bootstrap,
    select(profileId) {
      load();
      if (profileId !== null && !archive.getProfile(profileId)) throw new HostError('not-found', `profile ${profileId} does not exist`);
      current = profileId;
      archive.setSetting(SESSION_PROFILE_SETTING, profileId);
    },
    acting() {
      const p = profile();
      if (p) return { profile: p, actor: { name: p.name, profileId: p.id, role: p.role } };
      if (bootstrap()) return { profile: { id: `user:${osUser.name}`, name: osUser.name, role: 'editor' }, actor: { name: osUser.name } };
      throw new HostError('no-profile', 'Choose who is working first: no profile is selected.');
    },
    describe() {
      const p = profile();
      const none = bootstrap();
      const allowed: Action[] = p ? allowedActions(p.role) : none ? [...allowedActions('editor'), 'profile.manage'] : [];
      return { profile: p, profiles: archive.listProfiles(), allowed, bootstrap: none };
    },
  };
  return session;
}
