import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Actions, AppState, Store } from './store.ts';

export const StoreContext = createContext<Store | null>(null);

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
