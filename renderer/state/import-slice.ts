// The import in progress (or the last one): progress from the host, the report, a failure.
import type { Drop, ImportProgress, ImportReport } from '../../shared/ipc.ts';
import { messageOf, type SliceContext } from './slice.ts';

export interface ImportState {
  importProgress: ImportProgress | null;
  importReport: ImportReport | null;
  importError: string | null;
}

export interface ImportActions {
  importDrop(drop: Drop): Promise<void>;
  /** The native dialog (Electron): files, or with `folder` one or more folders. */
  importDialog(folder?: boolean): Promise<void>;
  onImportProgress(p: ImportProgress): void;
  /** Asks the host to stop the running import (pages imported so far stay). */
  cancelImport(): Promise<void>;
  dismissImport(): void;
}

export function createImportSlice(ctx: SliceContext): ImportState & ImportActions {
  const { api, set, get } = ctx;
  return {
    importProgress: null,
    importReport: null,
    importError: null,

    async importDrop(drop) {
      set({ importProgress: { done: 0, total: drop.items.length, current: null, errors: [], finished: false }, importReport: null, importError: null });
      try {
        const report = await api.importDropped(drop);
        set({ importReport: report });
      } catch (e) {
        set({ importError: messageOf(e) });
      }
      await get().refreshLibrary();
    },

    async importDialog(folder = false) {
      try {
        const report = await api.invoke('import.dialog', folder ? { folder: true } : {});
        if (report) set({ importReport: report });
      } catch (e) {
        set({ importError: messageOf(e) });
      }
      await get().refreshLibrary();
    },

    onImportProgress(p) {
      set({ importProgress: p });
    },

    async cancelImport() {
      try {
        await api.invoke('import.cancel', {});
      } catch (e) {
        ctx.fail(e);
      }
    },

    dismissImport() {
      set({ importProgress: null, importReport: null, importError: null });
    },
  };
}
