// What `galley sync` sends for a page edited offline: typed edit ops (shared/edit-ops.ts), never
// the whole page. The replica's own edit revisions since it was last in step are replayed as
// they were made (the workspace stores every change as ops); a page whose local history holds
// an older whole-page revision (a replica written before edits were ops: `save`, `restore`)
// takes the legacy path, which works the ops out from the two pages (core/edit page-diff.ts).
// Either way the local `tags` ops are left out and the batch ends with one `tags` op per item
// whose tags differ, from the server's tags (in the server's order) to the local ones, so the
// content and the tags arrive as ONE revision and a tag op never trips on the order of a list.
import { editOpsSchema, type EditOp } from '../../shared/edit-ops.ts';
import type { PageRecord, StoredItem } from '../../shared/domain.ts';
import type { Archive } from '../archive/archive-api.ts';
import { applyOp, EditError, pageDiffOps, type EditPage } from '../../core/edit/index.ts';
import type { ReplicaPage } from './replica-store.ts';

/** How the offline change reaches the server: the replica's own ops, or ops worked out from the pages (and why). */
export type PushPlan = { path: 'ops'; ops: EditOp[] } | { path: 'legacy'; ops: EditOp[]; why: string };

/** Revisions that change no content: tags go as set deltas, states on their own. */
const NO_CONTENT = new Set(['tag', 'state']);

/** The local page's revisions since it was last in step: their edit ops, or the older kinds found. */
export function localEditsSince(local: Archive, row: ReplicaPage): { ops: EditOp[] } | { legacy: string[] } {
  const since = local.listRevisions(row.localPageId).filter((r) => r.pageRevision !== null && r.pageRevision > row.localRevision && !NO_CONTENT.has(r.action));
  const legacy = [...new Set(since.filter((r) => r.action !== 'edit').map((r) => r.action))];
  if (legacy.length > 0) return { legacy };
  const ops: EditOp[] = [];
  for (const r of since) ops.push(...editOpsSchema.parse((local.getRevision(r.id).after as { ops?: unknown } | null)?.ops));
  return { ops };
}

const asEditPage = (p: Pick<PageRecord, 'text' | 'items'>): EditPage => ({ text: p.text, items: p.items });

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && new Set([...a, ...b]).size === new Set(a).size;

/**
 * The ops as the server gets them: the content ops without `tags` ops, then the tags, and each split that gives
 * an item back its id (an undone merge, or the legacy path re-creating an item) names the
 * server's id of that item, or none when the server has no such item free. Checked by applying
 * them to `base`, the server page they will meet: an op that does not fit throws EditError here,
 * before anything is sent.
 */
export function serverOps(base: Pick<PageRecord, 'text' | 'items'>, ops: readonly EditOp[], row: ReplicaPage, here: Pick<PageRecord, 'items'>, legacy: boolean): EditOp[] {
  const originOf = new Map(row.items.map((m) => [m.local, m.origin]));
  const out: EditOp[] = [];
  let cur: EditPage = asEditPage(base);
  for (const op of ops) {
    if (op.op === 'tags') continue;
    let next: EditOp = op;
    if (op.op === 'split') {
      const { restoreId: _r, ...plain } = op;
      // A replayed split names a local id; the legacy path's splits re-create the local items at their starts.
      const localId = legacy ? here.items.find((it: StoredItem) => it.start === op.at)?.id : op.restoreId;
      const origin = localId !== undefined ? originOf.get(localId) : undefined;
      next = origin !== undefined && !cur.items.some((it) => it.id === origin) ? { ...plain, restoreId: origin } : plain;
    }
    cur = applyOp(cur, next, out.length);
    out.push(next);
  }
  if (cur.items.length === here.items.length) {
    here.items.forEach((item, i) => {
      const was = cur.items[i]!.tags;
      if (sameSet(was, item.tags)) return;
      const op: EditOp = { op: 'tags', index: i, from: [...was], to: [...item.tags] };
      cur = applyOp(cur, op, out.length);
      out.push(op);
    });
  }
  return out;
}

/**
 * The ops that take the server page (at the base revision) to the local page, by the path the
 * local history allows. Throws EditError when not even the legacy path can
 * express the change: the caller keeps the local page as a conflict.
 */
export function pushPlan(local: Archive, row: ReplicaPage, here: PageRecord, base: PageRecord): PushPlan {
  const edits = localEditsSince(local, row);
  let why: string;
  if ('ops' in edits) {
    try {
      return { path: 'ops', ops: serverOps(base, edits.ops, row, here, false) };
    } catch (e) {
      // The replica's log does not replay onto the server's page (it should): the pages decide.
      if (!(e instanceof EditError)) throw e;
      why = `the local edits do not replay (${e.message})`;
    }
  } else {
    why = `the local history holds whole-page revisions (${edits.legacy.join(', ')})`;
  }
  return { path: 'legacy', ops: serverOps(base, pageDiffOps(asEditPage(base), asEditPage(here)), row, here, true), why };
}
