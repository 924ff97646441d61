// Who is working and which review dialog is open; the tags and vocabulary labels offered for
// autocomplete. The host decides permissions; `who.allowed` only greys out controls.
import type { Session } from '../../shared/ipc-review.ts';
import type { Role } from '../../shared/roles.ts';
import type { SliceContext } from './slice.ts';

export type Dialog =
  | { type: 'profiles' }
  | { type: 'myPassword' }
  | { type: 'replicaConflicts' }
  | { type: 'vocabulary' }
  | { type: 'search' }
  | { type: 'issueItems'; issueId: number }
  | { type: 'export'; issueId: number }
  | { type: 'reopen'; issueId: number }
  | { type: 'issueHistory'; issueId: number }
  | { type: 'history'; pageId: number; itemId?: number; title: string };

export interface ReviewState {
  who: Session | null;
  pickerOpen: boolean;
  dialog: Dialog | null;
  /** Tags in use and vocabulary labels, for autocomplete (loaded on demand). */
  tagOptions: string[];
}

export interface ReviewActions {
  /** At start: loads the session and asks who is working (once per tab). */
  start(): Promise<void>;
  loadSession(): Promise<Session | null>;
  selectProfile(profileId: string | null): Promise<void>;
  createProfile(name: string, role: Role): Promise<void>;
  updateProfile(id: string, patch: { name?: string; role?: Role }): Promise<void>;
  removeProfile(id: string): Promise<void>;
  setPicker(open: boolean): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  loadTagOptions(): Promise<void>;
}

/** Set in sessionStorage once the question was answered in this tab (a reload does not ask again). */
const ASKED_KEY = 'galley.profileAsked';

export function createReviewSlice(ctx: SliceContext): ReviewState & ReviewActions {
  const { api, set, get } = ctx;
  const onError = (e: unknown) => ctx.fail(e);
  const asked = () => {
    try {
      return typeof sessionStorage !== 'undefined' && sessionStorage.getItem(ASKED_KEY) === '1';
    } catch {
      return false;
    }
  };
  const markAsked = () => {
    try {
      sessionStorage.setItem(ASKED_KEY, '1');
    } catch {
      // storage unavailable: the question comes again at the next start
    }
  };
  return {
    who: null,
    pickerOpen: false,
    dialog: null,
    tagOptions: [],

    async start() {
      const who = await get().loadSession();
      if (!who) return;
      // A team-server login already says who is working: never ask.
      const answered = who.login === true || (asked() && (who.bootstrap || who.profile !== null));
      if (!answered) set({ pickerOpen: true });
    },

    async loadSession() {
      try {
        const who = await api.invoke('session.current', {});
        set({ who });
        return who;
      } catch (e) {
        onError(e);
        return null;
      }
    },

    async selectProfile(profileId) {
      try {
        const who = await api.invoke('session.selectProfile', { profileId });
        markAsked();
        set({ who, pickerOpen: who.profile === null && !who.bootstrap });
      } catch (e) {
        onError(e);
      }
    },

    async createProfile(name, role) {
      try {
        await api.invoke('profiles.create', { name, role });
        const who = await get().loadSession();
        if (who?.profile) {
          markAsked();
          if (get().pickerOpen) set({ pickerOpen: false });
        }
      } catch (e) {
        onError(e);
        throw e;
      }
    },

    async updateProfile(id, patch) {
      try {
        await api.invoke('profiles.update', { id, ...patch });
      } catch (e) {
        onError(e);
      }
      await get().loadSession();
    },

    async removeProfile(id) {
      try {
        await api.invoke('profiles.remove', { id });
      } catch (e) {
        onError(e);
      }
      await get().loadSession();
    },

    setPicker(open) {
      if (!open) markAsked();
      set({ pickerOpen: open });
    },
    openDialog(dialog) {
      set({ dialog });
    },
    closeDialog() {
      set({ dialog: null });
    },
    async loadTagOptions() {
      try {
        const [tags, vocabulary] = await Promise.all([api.invoke('tags.list', {}), api.invoke('vocabulary.list', {})]);
        const names = new Set<string>();
        for (const term of vocabulary) names.add(term.label);
        for (const tag of tags) names.add(tag.name);
        set({ tagOptions: [...names].sort((a, b) => a.localeCompare(b)) });
      } catch {
        // autocomplete is a convenience
      }
    },
  };
}
