// replica.*: a checked-out replica's sync conflicts in the app (issue 13 §5; contract
// shared/contract/replica.ts, archive side electron/archive/replica-conflicts.ts). Anyone working
// here may look; keeping one's own version changes the page, so it takes the right to save pages
// (editor, supervisor); keeping the server's or both changes nothing here but the conflict.
import type { HandlerGroup, ServiceContext } from '../service/context.ts';

type ReplicaChannel = 'replica.conflicts' | 'replica.resolveConflict';

export function replicaHandlers(ctx: ServiceContext): HandlerGroup<ReplicaChannel> {
  const { archive, session } = ctx;
  return {
    'replica.conflicts': ({ all }) => archive.listSyncConflicts(all === true),
    'replica.resolveConflict': async ({ id, choice }) => {
      const { actor } = choice === 'mine' ? await session.may('page.save') : await session.acting();
      const resolved = await archive.resolveSyncConflict(id, choice, actor);
      if (choice === 'mine') ctx.changed();
      return resolved;
    },
  };
}
