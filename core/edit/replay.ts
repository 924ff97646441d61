// A page as it was at an earlier revision, from the nearest whole snapshot before it (an import,
// a restore, a tag change) and the edit revisions after it: their ops applied in order. Both
// archives (SQLite, PostgreSQL) read history and restore a revision through this.
import { editOpsSchema, type EditOp } from '../../shared/edit-ops.ts';
import { applyOps, type EditPage } from './apply.ts';

export interface EditRevisionRow {
  /** The page revision this edit produced. */
  pageRevision: number;
  ops: readonly EditOp[];
}

/** What an edit revision stores: the ops (after) and their inverse (before). */
export const storedEdit = (ops: readonly EditOp[], inverse: readonly EditOp[]) => ({ after: { ops }, before: { ops: inverse } });

/** The ops of a stored edit revision's JSON column (`{ ops: [...] }`), checked. */
export function opsOfStored(json: string | null): EditOp[] {
  if (json === null) throw new Error('an edit revision without its ops');
  const parsed = JSON.parse(json) as { ops?: unknown };
  return editOpsSchema.parse(parsed.ops);
}

/** The page after each edit, from `base` (the page before the first); pages[i] follows edits[i]. */
export function pageAtRevision(base: EditPage, edits: readonly EditRevisionRow[]): EditPage[] {
  const pages: EditPage[] = [];
  let cur = base;
  for (const e of edits) {
    cur = applyOps(cur, e.ops);
    pages.push(cur);
  }
  return pages;
}

/** Revision actions whose after_json is the whole page (text, state, items). */
export const SNAPSHOT_ACTIONS: ReadonlySet<string> = new Set(['import', 'reimport', 'save', 'restore', 'tag']);

interface RevisionLike {
  action: string;
  before: unknown;
  after: unknown;
}

interface Snapshot extends EditPage {
  state?: unknown;
}

const isSnapshot = (v: unknown): v is Snapshot =>
  typeof v === 'object' && v !== null && typeof (v as Snapshot).text === 'string' && Array.isArray((v as Snapshot).items);

/**
 * A page's revisions (oldest first) with each 'edit' revision's before and after as whole pages,
 * replayed from the snapshot before it, so the history view and restore read every revision
 * alike. The stored ops stay in `ops` / `inverse`. An edit with no snapshot before it (a log
 * cut short) keeps its ops as they are.
 */
export function withEditSnapshots<R extends RevisionLike>(rows: readonly R[]): (R & { ops?: EditOp[]; inverse?: EditOp[] })[] {
  let cur: Snapshot | null = null;
  return rows.map((r) => {
    if (SNAPSHOT_ACTIONS.has(r.action)) {
      cur = isSnapshot(r.after) ? r.after : null;
      return r;
    }
    if (r.action === 'state' && cur) {
      const state = (r.after as { state?: unknown } | null)?.state;
      cur = { ...cur, state };
      return r;
    }
    if (r.action !== 'edit') return r;
    const ops = editOpsSchema.safeParse((r.after as { ops?: unknown } | null)?.ops);
    const inverse = editOpsSchema.safeParse((r.before as { ops?: unknown } | null)?.ops);
    if (!ops.success || !cur) {
      cur = null;
      return r;
    }
    const before: Snapshot = cur;
    const page = applyOps(before, ops.data);
    const after: Snapshot = { text: page.text, state: before.state, items: page.items };
    cur = after;
    return { ...r, before, after, ops: ops.data, ...(inverse.success ? { inverse: inverse.data } : {}) };
  });
}
