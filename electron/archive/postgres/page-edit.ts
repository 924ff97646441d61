// A page changed by typed edit ops on PostgreSQL (as ../page-edit.ts): one transaction applies the
// batch (core/edit) to the page as stored, writes the items it changed and logs ONE small revision
// holding the ops and their inverse. Locks and the base-revision check are savePage's.
import { z } from 'zod';
import { editOpsSchema } from '../../../shared/edit-ops.ts';
import type { StoredItem } from '../../../shared/domain.ts';
import { assertIssueEditable } from '../../../core/review/index.ts';
import { EditError, invertOps } from '../../../core/edit/index.ts';
import type { Actor, EditPageInput } from '../archive-api.ts';
import { assertAtRevision, checkActor, fail, parseOr } from '../context.ts';
import { itemValues } from '../page-rows.ts';
import { sealItemSet } from './checksum-sets.ts';
import type { PgContext, PgQuery, PgValue } from './context.ts';
import { lockEditable } from './issue-state.ts';
import { loadItems, pageChecksum, pageRow, replaceItems, writeItemChildren, writePageFacts } from './page-rows.ts';
import { ITEM_COLUMNS, rowChecksum } from '../checksums.ts';
import { logRevision } from './revisions.ts';
import { relinkIssue } from './stories.ts';

const editPageInputSchema = z.object({
  pageId: z.number().int().positive(),
  baseRevision: z.number().int().nonnegative(),
  ops: editOpsSchema,
});

export function editPage(ctx: PgContext, input: EditPageInput, actor: Actor): Promise<{ revision: number; itemIds: number[] }> {
  const who = checkActor(actor);
  const data = parseOr(editPageInputSchema, input, 'page edit');
  return ctx.tx(async (q) => {
    const { issue_id } = await pageRow(q, data.pageId);
    const issueState = await lockEditable(q, issue_id, false);
    const page = await pageRow(q, data.pageId, true);
    assertAtRevision(page, data.baseRevision);
    assertIssueEditable(issueState);
    const items = await loadItems(q, page.id);
    let result: ReturnType<typeof invertOps>;
    try {
      result = invertOps({ text: page.text, items }, data.ops);
    } catch (e) {
      if (e instanceof EditError) fail('invalid-input', `page ${page.id}: ${e.message} (${e.reason})`);
      throw e;
    }
    const { inverse, after } = result;
    const revision = page.revision + 1;
    await q.run('pages.edit', 'UPDATE pages SET text = $1, revision = $2, edited = true, updated_at = $3, checksum = $4 WHERE id = $5', [
      after.text,
      revision,
      ctx.now(),
      pageChecksum({ raw_text: page.raw_text, text: after.text, masthead_json: page.masthead_json }),
      page.id,
    ]);
    await writeChangedItems(q, page.id, items, after.items);
    await writePageFacts(ctx, q, page.id, after.items);
    await logRevision(ctx, q, who, 'page', page.id, 'edit', revision, { ops: inverse }, { ops: data.ops });
    await relinkIssue(q, page.issue_id);
    const itemIds = (await q.all<{ id: number }>('items.idsInOrder', 'SELECT id FROM items WHERE page_id = $1 ORDER BY ord', [page.id])).map((r) => r.id);
    return { revision, itemIds };
  });
}

/** Writes only the items the ops touched (core/edit keeps an untouched item the same object); a split or merge rewrites all. */
async function writeChangedItems(q: PgQuery, pageId: number, before: readonly (StoredItem & { id: number })[], after: readonly StoredItem[]): Promise<void> {
  const sameRows = before.length === after.length && after.every((it, i) => it.id === before[i]!.id);
  if (!sameRows) {
    await replaceItems(q, pageId, [...after], true);
    return;
  }
  for (const [ord, item] of after.entries()) {
    if (item === before[ord]) continue;
    const id = before[ord]!.id;
    const values = [pageId, ord, ...itemValues(item, '')] as PgValue[]; // paragraphs as text in PostgreSQL
    await q.run(
      'items.updateEdited',
      `UPDATE items SET kind = $2, start_offset = $3, end_offset = $4, kicker = $5, headline = $6, subheadline = $7,
         series = $8, byline = $9, paragraphs_json = $10, continued_on = $11, continued_from = $12, flags_json = $13,
         edited_fields_json = $14, confidence_json = $15, checksum = $16
       WHERE id = $1`,
      [id, ...values.slice(2), rowChecksum(values.slice(0, ITEM_COLUMNS.length))],
    );
    await writeItemChildren(q, id, item, false);
  }
  // Rewritten rows have new checksums: the page's item-set record follows them (migration 0003).
  await sealItemSet(q, pageId);
}
