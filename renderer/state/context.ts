import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { GalleyApi } from '../../shared/ipc.ts';
import type { Actions, AppState, Store } from './store.ts';
import type { ReviewActions, ReviewState, ReviewStore } from './review.ts';

export const StoreContext = createContext<Store | null>(null);
export const ReviewContext = createContext<ReviewStore | null>(null);
export const ApiContext = createContext<GalleyApi | null>(null);

export function useApp<T>(selector: (s: AppState & Actions) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('no store');
  return useStore(store, selector);
}

export function useStoreApi(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error('no store');
  return store;
}

export function useReview<T>(selector: (s: ReviewState & ReviewActions) => T): T {
  const store = useContext(ReviewContext);
  if (!store) throw new Error('no review store');
  return useStore(store, selector);
}

export function useReviewApi(): ReviewStore {
  const store = useContext(ReviewContext);
  if (!store) throw new Error('no review store');
  return store;
}

export function useApi(): GalleyApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('no api');
  return api;
}
