// A page changed by typed edit ops (shared/edit-ops.ts, core/edit/): one transaction applies the
// batch to the page as stored, writes the items it changed, and logs ONE small revision holding
// the ops (after_json) and their inverse (before_json) instead of two whole-page snapshots.
// A stale base revision is refused like a save; an op that does not fit the page is refused.
import { z } from 'zod';
import { editOpsSchema } from '../../shared/edit-ops.ts';
import type { StoredItem } from '../../shared/domain.ts';
import { EditError, invertOps } from '../../core/edit/index.ts';
import type { Actor, EditPageInput } from './archive-api.ts';
import { assertAtRevision, checkActor, fail, parseOr, type ArchiveContext } from './context.ts';
import { sealItemSet } from './checksums.ts';
import { assertEditable } from './issue-state.ts';
import { itemValues, loadItems, pageBase, pageRow, replaceItems, writeItemChildren } from './page-rows.ts';
import { logRevision } from './revisions.ts';
import { relinkIssue } from './stories.ts';

const editPageInputSchema = z.object({
  pageId: z.number().int().positive(),
  baseRevision: z.number().int().nonnegative(),
  ops: editOpsSchema,
});

/** Applies the ops in one transaction and logs them with their inverse; returns the new revision and the items' ids in order. */
export function editPage(ctx: ArchiveContext, input: EditPageInput, actor: Actor): { revision: number; itemIds: number[] } {
  const who = checkActor(actor);
  const data = parseOr(editPageInputSchema, input, 'page edit');
  const { db } = ctx;
  return db.tx(() => {
    const page = pageRow(ctx, data.pageId);
    assertAtRevision(page, data.baseRevision);
    assertEditable(ctx, page.issue_id);
    const items = loadItems(ctx, page.id);
    let result: ReturnType<typeof invertOps>;
    try {
      result = invertOps({ text: page.text, items }, data.ops);
    } catch (e) {
      if (e instanceof EditError) fail('invalid-input', `page ${page.id}: ${e.message} (${e.reason})`);
      throw e;
    }
    const { inverse, after } = result;
    const revision = page.revision + 1;
    db.stmt('pages.save', `UPDATE pages SET text = ?, revision = ?, edited = 1, updated_at = ? WHERE id = ?`).run(after.text, revision, ctx.now(), page.id);
    writeChangedItems(ctx, page.id, items, after.items);
    ctx.profiles.writePageFacts(page.id, after.items);
    logRevision(ctx, who, 'page', page.id, 'edit', revision, { ops: inverse }, { ops: data.ops });
    relinkIssue(ctx, page.issue_id);
    const itemIds = db
      .stmt('items.idsInOrder', 'SELECT id FROM items WHERE page_id = ? ORDER BY ord')
      .all<{ id: number }>(page.id)
      .map((r) => r.id);
    return { revision, itemIds };
  });
}

/**
 * Writes only what the ops touched: core/edit keeps an untouched item the same object, so with
 * the same items in the same places only the changed rows are updated (a one-character fix on a
 * page of 300 items writes one item). A split or merge renumbers: then every row is rewritten.
 */
function writeChangedItems(ctx: ArchiveContext, pageId: number, before: readonly (StoredItem & { id: number })[], after: readonly StoredItem[]): void {
  const sameRows = before.length === after.length && after.every((it, i) => it.id === before[i]!.id);
  if (!sameRows) {
    replaceItems(ctx, pageId, [...after], true);
    return;
  }
  const base = pageBase(ctx, pageId);
  after.forEach((item, ord) => {
    if (item === before[ord]) return;
    const id = before[ord]!.id;
    ctx.db
      .stmt(
        'items.updateEdited',
        `UPDATE items SET kind = ?, start_offset = ?, end_offset = ?, kicker = ?, headline = ?, subheadline = ?,
           series = ?, byline = ?, paragraphs_json = ?, continued_on = ?, continued_from = ?, flags_json = ?,
           edited_fields_json = ?, confidence_json = ?
         WHERE id = ?`,
      )
      .run(...itemValues(item, base), id);
    writeItemChildren(ctx, id, item, false);
  });
  // Rewritten rows have new checksums: the page's item set record follows them (migration 0014).
  sealItemSet(ctx.db.raw, pageId);
}
