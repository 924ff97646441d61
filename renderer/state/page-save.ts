// What autosave sends: the typed edit ops from the doc the archive holds to the doc on screen
// (renderer/model/edit-links.ts) as page.edit — after an undo these are the inverse ops. A long
// session's ops go in batches the contract accepts, each on the revision the one before made.
import { MAX_EDIT_OPS } from '../../shared/edit-ops.ts';
import type { GalleyApi } from '../../shared/ipc.ts';
import { opsBetween, pin, type PageDoc } from '../model/edit-links.ts';

export class UnlinkedDocError extends Error {
  override readonly name = 'UnlinkedDocError';
  constructor() {
    super('the page on screen does not descend from the saved page; reload it');
  }
}

/** Sends the ops turning `saved` into `doc`; the archive's new revision (unchanged when there is nothing to send). */
export async function sendEdits(
  api: GalleyApi,
  pageId: number,
  baseRevision: number,
  saved: PageDoc,
  doc: PageDoc,
  opts?: { keepalive?: boolean },
): Promise<{ revision: number }> {
  const ops = opsBetween(saved, doc);
  if (ops === null) throw new UnlinkedDocError();
  let revision = baseRevision;
  for (let i = 0; i < ops.length; i += MAX_EDIT_OPS) {
    revision = (await api.invoke('page.edit', { pageId, baseRevision: revision, ops: ops.slice(i, i + MAX_EDIT_OPS) }, opts)).revision;
  }
  // The archive now holds `doc`: the next save starts from it, so its link must stay.
  pin(doc);
  return { revision };
}
