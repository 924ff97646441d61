// Review, part two: items by id and their tags. A tag change is a page revision (action 'tag'),
// refused in an approved issue; tags are normalised to the controlled vocabulary (tag-canon.ts).
import { z } from 'zod';
import { tagNameSchema } from '../../shared/ipc-review.ts';
import type { Actor, IssueItemRow, ItemRef } from './archive-api.ts';
import { fail, parseOr, type ArchiveContext } from './context.ts';
import { assertEditable, issueState } from './issue-state.ts';
import { loadItems, pageRow, snapshot, writeItemChildren } from './page-rows.ts';
import { listPages } from './pages.ts';
import { logRevision } from './revisions.ts';
import { createTagCanon } from './tag-canon.ts';

/** Tags as stored: trimmed, unique, in the order given. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(parseOr(z.array(tagNameSchema), tags, 'tags'))];
}

// Aliases and traditional forms become the vocabulary term (tag-canon.ts).
const canonTags = (ctx: ArchiveContext, tags: readonly string[]) => createTagCanon(ctx.db)(tags);

export function getItem(ctx: ArchiveContext, itemId: number): ItemRef {
  const row = ctx.db
    .stmt('items.ref', 'SELECT i.page_id, p.issue_id, p.page_number FROM items i JOIN pages p ON p.id = i.page_id WHERE i.id = ?')
    .get<{ page_id: number; issue_id: number; page_number: number | null }>(itemId);
  if (!row) fail('not-found', `item ${itemId} does not exist`);
  const item = loadItems(ctx, row.page_id).find((i) => i.id === itemId)!;
  return { item, pageId: row.page_id, issueId: row.issue_id, pageNumber: row.page_number };
}

export function listIssueItems(ctx: ArchiveContext, issueId: number): IssueItemRow[] {
  issueState(ctx, issueId);
  return listPages(ctx, issueId).flatMap((p) =>
    loadItems(ctx, p.id).map((i) => ({ itemId: i.id, pageId: p.id, pageNumber: p.pageNumber, kind: i.kind, headline: i.headline, tags: i.tags })),
  );
}

/** Applies new tag lists to items of one page as one revision; returns null when nothing changed. */
function retagPage(ctx: ArchiveContext, pageId: number, next: Map<number, string[]>, actor: Actor): { revision: number; changed: number } | null {
  const page = pageRow(ctx, pageId);
  const items = loadItems(ctx, pageId);
  const changedItems = items.filter((i) => {
    const tags = next.get(i.id);
    return tags !== undefined && JSON.stringify([...tags].sort()) !== JSON.stringify([...i.tags].sort());
  });
  if (changedItems.length === 0) return null;
  assertEditable(ctx, page.issue_id);
  const before = snapshot(ctx, pageId);
  for (const item of changedItems) writeItemChildren(ctx, item.id, { ...item, tags: next.get(item.id)! }, false);
  const revision = page.revision + 1;
  ctx.db.stmt('pages.retag', 'UPDATE pages SET revision = ?, edited = 1, updated_at = ? WHERE id = ?').run(revision, ctx.now(), pageId);
  logRevision(ctx, actor, 'page', pageId, 'tag', revision, before, snapshot(ctx, pageId));
  return { revision, changed: changedItems.length };
}

/** Replaces an item's tags (one page revision, action 'tag'); unchanged tags write nothing. */
export function setItemTags(ctx: ArchiveContext, itemId: number, tags: string[], actor: Actor) {
  const wanted = canonTags(ctx, normaliseTags(tags));
  return ctx.db.tx(() => {
    const ref = getItem(ctx, itemId);
    const done = retagPage(ctx, ref.pageId, new Map([[itemId, wanted]]), actor);
    return { pageId: ref.pageId, revision: done?.revision ?? pageRow(ctx, ref.pageId).revision, tags: getItem(ctx, itemId).item.tags };
  });
}

/** Adds and removes tags on many items in one transaction, one revision per page changed. */
export function changeItemTags(ctx: ArchiveContext, itemIds: number[], add: string[], remove: string[], actor: Actor) {
  const plus = canonTags(ctx, normaliseTags(add));
  const minus = new Set(canonTags(ctx, normaliseTags(remove)));
  return ctx.db.tx(() => {
    const byPage = new Map<number, Map<number, string[]>>();
    for (const id of new Set(itemIds)) {
      const ref = getItem(ctx, id);
      // Refuse the whole batch when any item is in an approved issue, before writing anything.
      assertEditable(ctx, ref.issueId);
      const tags = [...new Set([...ref.item.tags, ...plus])].filter((t) => !minus.has(t));
      const page = byPage.get(ref.pageId) ?? new Map<number, string[]>();
      page.set(id, tags);
      byPage.set(ref.pageId, page);
    }
    let changed = 0;
    const pages: { pageId: number; revision: number }[] = [];
    for (const [pageId, next] of byPage) {
      const done = retagPage(ctx, pageId, next, actor);
      if (!done) continue;
      changed += done.changed;
      pages.push({ pageId, revision: done.revision });
    }
    return { changed, pages };
  });
}

/** Every tag in use with its number of items, most used first. */
export function listTags(ctx: ArchiveContext): { name: string; count: number }[] {
  return ctx.db
    .stmt('tags.counts', `SELECT t.name, count(*) AS count FROM tags t JOIN item_tags it ON it.tag_id = t.id GROUP BY t.id ORDER BY count DESC, t.name`)
    .all<{ name: string; count: number }>();
}
