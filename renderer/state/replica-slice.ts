// A replica's sync conflicts (issue 13 §5): the archive's replica status and its conflicts, and
// resolving one by the user's choice (keep mine / the server's / both). Keeping mine changes the
// page here, so an open copy of it is loaded again and the library refreshed.
import type { ConflictChoice, ReplicaStatus } from '../../shared/contract/replica.ts';
import type { FormRefusal } from './accounts-slice.ts';
import { messageOf, reasonOf, type SliceContext } from './slice.ts';

export interface ReplicaState {
  /** null until loaded; `replica` null inside it: this archive is not a replica. */
  replicaStatus: ReplicaStatus | null;
  /** Whether resolved conflicts are listed too. */
  replicaShowAll: boolean;
}

export interface ReplicaActions {
  loadReplica(all?: boolean): Promise<void>;
  resolveSyncConflict(id: string, choice: ConflictChoice): Promise<FormRefusal | null>;
}

export function createReplicaSlice(ctx: SliceContext): ReplicaState & ReplicaActions {
  const { api, set, get } = ctx;
  return {
    replicaStatus: null,
    replicaShowAll: false,
    async loadReplica(all) {
      const showAll = all ?? get().replicaShowAll;
      // The checkbox follows at once; the list when the host answers.
      set({ replicaShowAll: showAll });
      try {
        set({ replicaStatus: await api.invoke('replica.conflicts', { all: showAll }) });
      } catch {
        // An older host without the channel: no replica screen.
        set({ replicaStatus: { replica: null, conflicts: [] } });
      }
    },
    async resolveSyncConflict(id, choice) {
      let pageId: number | null = null;
      try {
        pageId = (await api.invoke('replica.resolveConflict', { id, choice })).localPageId;
      } catch (e) {
        const r = reasonOf(e) ?? { code: 'internal', reason: null, state: null, details: null };
        return { ...r, message: messageOf(e) };
      }
      await get().loadReplica();
      if (choice === 'mine') {
        if (pageId !== null && get().session?.pageId === pageId) await get().reloadPage();
        void get().refreshLibrary();
      }
      return null;
    },
  };
}
