// An import revision that refers to the page instead of copying it (issue 15, the lean archive).
//
// An import (or re-import) used to log the whole page as its "after": the text and every item a
// second time, 2.7× the page text on disk, for a copy equal to the page row written in the same
// transaction. It now logs PAGE_REF, and the page as it then was is read back when the history
// asks: walking back from the page as it is now, over the revisions after the import —
// - a save, restore, tag or re-import logged the whole page before it (its "before"): that is the
//   page at that point, exactly;
// - an edit logged its inverse ops: applied to the page after the edit they give the page before;
// - a state change logged the state before it.
// So the history, restore and the audit chain stay what they were: the revision row is
// checksummed and chained like any other, and the page rows it resolves to are checksummed too.
// An older archive keeps its full import snapshots (the audit trail is never rewritten).
import type { StoredItem } from '../../shared/domain.ts';
import { applyOps, SNAPSHOT_ACTIONS } from '../../core/edit/index.ts';
import { editOpsSchema } from '../../shared/edit-ops.ts';
import type { RevisionDetail } from './archive-api.ts';

/** What an import or re-import revision stores as its "after": "the page as this revision stored it". */
export const PAGE_REF = { ref: 'page' } as const;
/** PAGE_REF as logRevision stores it (JSON.stringify). */
export const PAGE_REF_JSON = JSON.stringify(PAGE_REF);

export const isPageRef = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && (v as { ref?: unknown }).ref === 'page' && Object.keys(v).length === 1;

/** A whole page as a revision records it. */
export interface PageSnapshotLike {
  text: string;
  state: unknown;
  items: StoredItem[];
}

const isSnapshot = (v: unknown): v is PageSnapshotLike =>
  typeof v === 'object' && v !== null && typeof (v as PageSnapshotLike).text === 'string' && Array.isArray((v as PageSnapshotLike).items);

/** A logged snapshot as the page it shows (a restore's "before" also names what it restored). */
const pageOf = (v: PageSnapshotLike): PageSnapshotLike => ({ text: v.text, state: v.state, items: v.items });

/** The page before revision `r`, given the page after it (null: not known). */
function pageBefore(r: RevisionDetail, after: PageSnapshotLike | null): PageSnapshotLike | null {
  if (SNAPSHOT_ACTIONS.has(r.action)) return isSnapshot(r.before) ? pageOf(r.before) : null;
  if (!after) return null;
  if (r.action === 'state') {
    const state = (r.before as { state?: unknown } | null)?.state;
    return state === undefined ? null : { ...after, state };
  }
  if (r.action === 'edit') {
    const inverse = editOpsSchema.safeParse((r.before as { ops?: unknown } | null)?.ops);
    if (!inverse.success) return null;
    try {
      const page = applyOps(after, inverse.data);
      return { text: page.text, state: after.state, items: [...page.items] };
    } catch {
      // The inverse no longer fits (a page changed outside the log): the page before is unknown.
      return null;
    }
  }
  return null;
}

/**
 * A page's revisions (oldest first, as stored) with every PAGE_REF "after" replaced by the page as
 * that revision stored it; `current` reads the page as it is now (only when a row refers to it). Items come back without their row
 * ids, as the import logged them. Rows without a reference are returned as they are.
 */
export function resolvePageRefs(rows: readonly RevisionDetail[], current: () => PageSnapshotLike): RevisionDetail[] {
  if (!rows.some((r) => isPageRef(r.after))) return [...rows];
  const out = [...rows];
  let after: PageSnapshotLike | null = current();
  for (let k = out.length - 1; k >= 0; k--) {
    const r = out[k]!;
    if (isPageRef(r.after)) {
      out[k] = {
        ...r,
        after: after ? { text: after.text, state: after.state, items: after.items.map(({ id: _id, ...item }) => item) } : null,
      };
    }
    after = pageBefore(r, after);
  }
  return out;
}
