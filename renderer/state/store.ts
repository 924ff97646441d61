// Application state: one zustand store (vanilla, so it can be tested without React) composed of
// slices, each a file of its own with its state and actions: the window (ui-slice), the library,
// the open page's editing session, imports, who is working and the review dialogs, issues and
// revision history, tags and vocabulary, and search. Components read state and call actions;
// only the slices talk to the host (a test checks that no component imports the API client).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PageDoc } from '../model/page-model.ts';
import { createReplicaSlice, type ReplicaActions, type ReplicaState } from './replica-slice.ts';
import { createAccountsSlice, type AccountsActions, type AccountsState } from './accounts-slice.ts';
import { createConflictSlice, type ConflictActions, type ConflictState } from './conflict-slice.ts';
import { createArchivesSlice, type ArchivesActions, type ArchivesState } from './archives-slice.ts';
import { createImportSlice, type ImportActions, type ImportState } from './import-slice.ts';
import { createIssueSlice, type IssueActions } from './issue-slice.ts';
import { createLibrarySlice, type LibraryActions, type LibraryState } from './library-slice.ts';
import { createReviewSlice, type ReviewActions, type ReviewState } from './review-slice.ts';
import { createSearchSlice, type SearchActions } from './search-slice.ts';
import { createSessionSlice, type SessionActions, type SessionState } from './session-slice.ts';
import type { SliceContext, StoreOptions } from './slice.ts';
import { createTagsSlice, type TagsActions } from './tags-slice.ts';
import { createUiSlice, errorState, type UiActions, type UiState } from './ui-slice.ts';

export type { PageSession, SaveState } from './session-slice.ts';
export type { HostReason, StoreOptions } from './slice.ts';
export type { Dialog } from './review-slice.ts';
export type { AllMatches } from './search-slice.ts';

export type AppState = UiState & LibraryState & SessionState & ImportState & ReviewState & ConflictState & AccountsState & ReplicaState & ArchivesState;
export type Actions = UiActions & LibraryActions & SessionActions & ImportActions & ReviewActions & IssueActions & TagsActions & SearchActions & ConflictActions & AccountsActions & ReplicaActions & ArchivesActions;
export type Store = StoreApi<AppState & Actions>;

export function createAppStore(options: StoreOptions): Store {
  return createStore<AppState & Actions>()((set, get) => {
    const ctx: SliceContext = { api: options.api, options, set, get, fail: (e) => set(errorState(e)) };
    return {
      ...createUiSlice(ctx),
      ...createLibrarySlice(ctx),
      ...createSessionSlice(ctx),
      ...createImportSlice(ctx),
      ...createReviewSlice(ctx),
      ...createIssueSlice(ctx),
      ...createTagsSlice(ctx),
      ...createSearchSlice(ctx),
      ...createConflictSlice(ctx),
      ...createAccountsSlice(ctx),
      ...createReplicaSlice(ctx),
      ...createArchivesSlice(ctx),
    };
  });
}

/** The doc of the open page, or null. */
export function presentDoc(state: AppState): PageDoc | null {
  return state.session?.history.present ?? null;
}
