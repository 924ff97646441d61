// Items by id and an issue's item list on PostgreSQL (as getItem / listIssueItems of ../tags.ts).
import type { IssueItemRow, ItemRef } from '../archive-api.ts';
import { fail } from '../context.ts';
import { isRowId, type PgContext, type PgQuery } from './context.ts';
import { issueState } from './issue-state.ts';
import { loadItems } from './page-rows.ts';
import { listPagesIn } from './pages.ts';

export async function getItemIn(q: PgQuery, itemId: number): Promise<ItemRef> {
  const row = isRowId(itemId)
    ? await q.one<{ page_id: number; issue_id: number; page_number: number | null }>(
        'items.ref',
        'SELECT i.page_id, p.issue_id, p.page_number FROM items i JOIN pages p ON p.id = i.page_id WHERE i.id = $1',
        [itemId],
      )
    : undefined;
  if (!row) fail('not-found', `item ${itemId} does not exist`);
  const item = (await loadItems(q, row.page_id)).find((i) => i.id === itemId)!;
  return { item, pageId: row.page_id, issueId: row.issue_id, pageNumber: row.page_number };
}

export const getItem = (ctx: PgContext, itemId: number) => ctx.read((q) => getItemIn(q, itemId));

export function listIssueItems(ctx: PgContext, issueId: number): Promise<IssueItemRow[]> {
  return ctx.read(async (q) => {
    await issueState(q, issueId);
    const out: IssueItemRow[] = [];
    for (const p of await listPagesIn(q, issueId)) {
      for (const i of await loadItems(q, p.id)) out.push({ itemId: i.id, pageId: p.id, pageNumber: p.pageNumber, kind: i.kind, headline: i.headline, tags: i.tags });
    }
    return out;
  });
}
