// "Open archive…" (issue 13 §6): the dialog's state and the calls behind it. The host lists the
// archives it offers (archives.known: ids and labels, never a path the renderer could name) and
// opens one by id, through the desktop app's own file dialog, or by PostgreSQL URL
// (archives.open, password asked again through the API wrapper). Once the host has switched it
// tells every window (event archive.switched) and they reload. A team server is not opened by
// the host: the tab goes to the server's address (its login screen).
import type { ArchiveEntry, OpenTarget } from '../../shared/contract/archives.ts';
import { messageOf, reasonOf, type HostReason, type SliceContext } from './slice.ts';

export interface ArchiveDialogState {
  entries: ArchiveEntry[];
  canSwitch: boolean;
  canBrowse: boolean;
  /** Listing or opening is under way. */
  busy: boolean;
  /** The last refusal, worded by the dialog (messages.ts). */
  error: { message: string; reason: HostReason | null } | null;
}

export interface ArchivesState {
  archiveDialog: ArchiveDialogState | null;
}

export interface ArchivesActions {
  showArchiveDialog(): Promise<void>;
  closeArchiveDialog(): void;
  /** Opens a target in this host; true once the host works on it (the window then reloads). */
  openArchive(target: OpenTarget): Promise<boolean>;
}

/** The address of a team server, checked before the tab goes there: http(s) only, nothing else. */
export function teamServerAddress(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname || url.username || url.password) return null;
  return url.href;
}

export function createArchivesSlice(ctx: SliceContext): ArchivesState & ArchivesActions {
  const { api, set, get } = ctx;
  const patch = (p: Partial<ArchiveDialogState>) => {
    const d = get().archiveDialog;
    if (d) set({ archiveDialog: { ...d, ...p } });
  };
  const failure = (e: unknown) => ({ message: messageOf(e), reason: reasonOf(e) });
  return {
    archiveDialog: null,
    async showArchiveDialog() {
      set({ archiveDialog: { entries: [], canSwitch: false, canBrowse: false, busy: true, error: null } });
      try {
        const known = await api.invoke('archives.known', {});
        patch({ ...known, busy: false });
      } catch (e) {
        patch({ busy: false, error: failure(e) });
      }
    },
    closeArchiveDialog() {
      set({ archiveDialog: null });
    },
    async openArchive(target) {
      patch({ busy: true, error: null });
      try {
        // The open page's edit goes to the archive it belongs to before the host switches.
        await get().flushSave();
        const result = await api.invoke('archives.open', { target });
        if (!result.opened) {
          patch({ busy: false });
          return false;
        }
        // The host's event reloads every window; this one reloads at once as well.
        set({ archive: { kind: result.kind, path: result.label } });
        return true;
      } catch (e) {
        patch({ busy: false, error: failure(e) });
        return false;
      }
    },
  };
}
