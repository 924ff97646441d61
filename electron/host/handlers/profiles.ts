// session.*, profiles.*: who is working, and the profiles of the archive. Anyone may create the
// first profile (it becomes a supervisor and is selected); afterwards only supervisors manage them.
// The archive keeps "never remove or demote the last supervisor" as its own fence; the service
// checks it first so the refusal carries a reason and the name the UI words it with.
import { AppError } from '../../../shared/app-error.ts';
import type { Profile } from '../../../shared/roles.ts';
import type { HandlerGroup, ServiceContext } from '../service/context.ts';

type ProfileChannel = 'session.current' | 'session.selectProfile' | 'profiles.list' | 'profiles.create' | 'profiles.update' | 'profiles.remove';

export function profileHandlers(ctx: ServiceContext): HandlerGroup<ProfileChannel> {
  const { archive, session } = ctx;
  const lastSupervisor = async (id: string): Promise<Profile | null> => {
    const profiles = await archive.listProfiles();
    const old = profiles.find((p) => p.id === id);
    if (!old || old.role !== 'supervisor') return null;
    return profiles.filter((p) => p.role === 'supervisor').length === 1 ? old : null;
  };
  return {
    'session.current': () => session.describe(),
    // A profile with a password is selected only with it (a forged id gets 'forbidden'); profile
    // management takes the acting supervisor's password again when it has one.
    'session.selectProfile': async ({ profileId, password }) => {
      await session.select(profileId, password);
      return session.describe();
    },
    'profiles.list': () => archive.listProfiles(),
    'profiles.create': async ({ name, role, password }) => {
      const first = await session.bootstrap();
      const actor = first ? { name } : (await session.may('profile.manage', password)).actor;
      const profile = await archive.createProfile({ name, role }, actor);
      if (first) await session.select(profile.id);
      return profile;
    },
    'profiles.update': async ({ id, name, role, password }) => {
      const { actor } = await session.may('profile.manage', password);
      const last = role !== undefined && role !== 'supervisor' ? await lastSupervisor(id) : null;
      if (last) {
        throw new AppError('bad-request', 'last-supervisor', `${last.name} is the last supervisor; make someone else a supervisor first`, { name: last.name });
      }
      return archive.updateProfile(id, { ...(name !== undefined ? { name } : {}), ...(role !== undefined ? { role } : {}) }, actor);
    },
    'profiles.remove': async ({ id, password }) => {
      const { actor } = await session.may('profile.manage', password);
      const last = await lastSupervisor(id);
      if (last) throw new AppError('bad-request', 'last-supervisor-remove', `${last.name} is the last supervisor and cannot be removed`, { name: last.name });
      await archive.removeProfile(id, actor);
      return { ok: true as const };
    },
  };
}
