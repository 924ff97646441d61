// What autosave sends: the typed edit ops from the doc the archive holds to the doc on screen
// (renderer/model/edit-links.ts) as page.edit — after an undo these are the inverse ops. A long
// session's ops go in batches the contract accepts, each on the revision the one before made.
import type { StoredItem } from '../../shared/domain.ts';
import { MAX_EDIT_OPS } from '../../shared/edit-ops.ts';
import type { GalleyApi } from '../../shared/ipc.ts';
import { linkedMapper, opsBetween, pin, type PageDoc } from '../model/edit-links.ts';
import { pageDiffOps } from '../../core/edit/index.ts';

/** Sends the ops turning `saved` into `doc`; the archive's new revision (unchanged when there is nothing to send). */
export async function sendEdits(
  api: GalleyApi,
  pageId: number,
  baseRevision: number,
  saved: PageDoc,
  doc: PageDoc,
  opts?: { keepalive?: boolean },
): Promise<{ revision: number; itemIds: number[] | null }> {
  // A doc with no history back to the saved one (nothing makes one today): the ops are worked out
  // from the two pages rather than the edit lost (an EditError when none reach it: the save fails).
  const ops = opsBetween(saved, doc) ?? pageDiffOps(saved, doc);
  if (ops.length === 0) {
    pin(doc);
    return { revision: baseRevision, itemIds: null };
  }
  let revision = baseRevision;
  let itemIds: number[] | null = null;
  for (let i = 0; i < ops.length; i += MAX_EDIT_OPS) {
    ({ revision, itemIds } = await api.invoke('page.edit', { pageId, baseRevision: revision, ops: ops.slice(i, i + MAX_EDIT_OPS) }, opts));
  }
  // The archive now holds `doc`: the next save starts from it, so its link must stay.
  pin(doc);
  return { revision, itemIds };
}

/**
 * The archive's ids for the items a save created (a split), or gave another id than the doc
 * expected (an undone merge whose old id was taken meanwhile): every doc holding one of those
 * item objects gets it with the archive's id, so it can be tagged without reloading. Null when
 * every id already agrees.
 */
export function itemIdsMapper(doc: PageDoc, itemIds: readonly number[] | null): ((d: PageDoc) => PageDoc) | null {
  const ids = new Map<StoredItem, number>();
  if (itemIds?.length === doc.items.length) doc.items.forEach((it, i) => it.id !== itemIds[i] && ids.set(it, itemIds[i]!));
  if (ids.size === 0) return null;
  const named = new Map<StoredItem, StoredItem>();
  const withId = (it: StoredItem): StoredItem => {
    const id = ids.get(it);
    if (id === undefined) return it;
    if (!named.has(it)) named.set(it, { ...it, id });
    return named.get(it)!;
  };
  return linkedMapper((d) => (d.items.some((it) => ids.has(it)) ? { ...d, items: d.items.map(withId) } : d));
}
