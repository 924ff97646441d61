// F8 / Shift+F8 and Confirm: walking the open page's doubts and settling one (renderer/model/doubts.ts).
import { isDoubtful } from '../../shared/segmentation.ts';
import { nextDoubt } from '../model/doubts.ts';
import type { Store } from './store.ts';

/** Selects the next (1) or previous (-1) doubtful item and reveals it in the OCR text; false when the page has none. */
export function goToDoubt(store: Store, dir: 1 | -1): boolean {
  const s = store.getState().session;
  if (!s) return false;
  const i = nextDoubt(s.history.present.items, s.selected, dir);
  if (i === null) return false;
  store.getState().select(i, true);
  return true;
}

/** Whether the selected item is a doubt the editor could confirm. */
export function selectedIsDoubt(store: Store): boolean {
  const s = store.getState().session;
  const item = s?.history.present.items[s.selected];
  return !!item && isDoubtful(item);
}

export function confirmSelected(store: Store): void {
  const s = store.getState().session;
  if (s) store.getState().confirmItem(s.selected);
}
