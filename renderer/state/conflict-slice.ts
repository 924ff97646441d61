// Two people saved the same page: the archive refused this tab's save (its base revision is no
// longer the page's). Nothing typed is thrown away: the tab asks what to do, and "reload and keep
// my change as a copy" loads the page as the archive has it while the editor's version stays here
// as a copy (kept across reloads of the tab) to compare, copy from or download.
import type { PageDoc } from '../model/page-model.ts';
import type { SliceContext } from './slice.ts';

/** The editor's version of a page, kept after a conflict. */
export interface ConflictCopy {
  pageId: number;
  sourceName: string;
  text: string;
  /** When the copy was made (ms since the epoch). */
  at: number;
  /** The archive the page belongs to, when the copy was kept because the host switched archives (page ids are per archive). */
  archivePath?: string;
}

export interface ConflictState {
  /** The page whose save was refused as a conflict, waiting for the editor's choice. */
  conflict: { pageId: number; sourceName: string; mine: PageDoc } | null;
  conflictCopies: ConflictCopy[];
}

export interface ConflictActions {
  /** Called by the save when the archive answers revision-conflict. */
  onSaveConflict(pageId: number, mine: PageDoc): void;
  /** keep-copy: reload the page and keep this tab's version as a copy; discard: reload only. */
  resolveConflict(choice: 'keep-copy' | 'discard'): Promise<void>;
  dropConflictCopy(copy: ConflictCopy): void;
  /**
   * The host switched to another archive: this tab's unsaved edits cannot be saved any more (the
   * page's id means nothing in the new archive), so they are kept as a copy tied to the old archive.
   * True when there was something to keep.
   */
  keepUnsavedAsCopy(): boolean;
}

const STORAGE_KEY = 'galley.conflictCopies';
/** Copies kept at most (the oldest go first). */
const MAX_COPIES = 20;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function loadCopies(): ConflictCopy[] {
  try {
    const raw = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? '[]') as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (c): c is ConflictCopy =>
        !!c &&
        typeof c === 'object' &&
        Number.isInteger(c.pageId) &&
        typeof c.sourceName === 'string' &&
        typeof c.text === 'string' &&
        typeof c.at === 'number' &&
        (c.archivePath === undefined || typeof c.archivePath === 'string'),
    );
  } catch {
    return [];
  }
}

function saveCopies(copies: ConflictCopy[]): void {
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(copies));
  } catch {
    // A full or disabled storage keeps the copies for this tab's life only.
  }
}

export function createConflictSlice(ctx: SliceContext): ConflictState & ConflictActions {
  const { set, get, options } = ctx;
  const now = options.now ?? (() => Date.now());
  return {
    conflict: null,
    conflictCopies: loadCopies(),

    onSaveConflict(pageId, mine) {
      const s = get().session;
      set({ conflict: { pageId, sourceName: s?.pageId === pageId ? s.sourceName : String(pageId), mine } });
    },

    async resolveConflict(choice) {
      const c = get().conflict;
      if (!c) return;
      if (choice === 'keep-copy') {
        const copies = [...get().conflictCopies, { pageId: c.pageId, sourceName: c.sourceName, text: c.mine.text, at: now() }].slice(-MAX_COPIES);
        saveCopies(copies);
        set({ conflictCopies: copies });
      }
      // The editor's version is in the copy (or let go): the tab no longer holds it as unsaved, so
      // opening the page again loads the archive's version without another save.
      const s = get().session;
      if (s && s.pageId === c.pageId) set({ session: { ...s, savedDoc: s.history.present }, saveState: 'saved', saveError: null, saveErrorReason: null });
      set({ conflict: null });
      await get().openPage(c.pageId, { quiet: true });
    },

    keepUnsavedAsCopy() {
      const s = get().session;
      if (!s || s.history.present === s.savedDoc) return false;
      const archivePath = get().archive?.path;
      const copy: ConflictCopy = { pageId: s.pageId, sourceName: s.sourceName, text: s.history.present.text, at: now(), ...(archivePath ? { archivePath } : {}) };
      const copies = [...get().conflictCopies, copy].slice(-MAX_COPIES);
      saveCopies(copies);
      set({ conflictCopies: copies });
      return true;
    },

    dropConflictCopy(copy) {
      const copies = get().conflictCopies.filter((c) => c !== copy);
      saveCopies(copies);
      set({ conflictCopies: copies });
    },
  };
}
