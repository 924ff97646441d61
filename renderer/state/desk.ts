// Desk UI state that changes often or belongs to no page: the cursor position (for the status
// bar), the go-to-line box, the tour step and the open menu. Kept out of the app store so a cursor
// move does not wake the editor's and cards' subscriptions.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export interface DeskState {
  cursor: { line: number; col: number } | null;
  gotoOpen: boolean;
  /** Index into TOUR_STEPS, or null when the tour is not showing. */
  tourStep: number | null;
  /** A short notice in the status bar (i18n key), cleared by the next cursor move. */
  hint: string | null;
}

export const deskStore = createStore<DeskState>()(() => ({ cursor: null, gotoOpen: false, tourStep: null, hint: null }));

export function useDesk<T>(selector: (s: DeskState) => T): T {
  return useStore(deskStore, selector);
}
