// Tags on PostgreSQL (the SQLite archive's tags.ts, same rules): a tag change is a page revision
// (action 'tag') written through the revision log's hash chain, refused in an approved or
// exported issue; tags are normalised to the controlled vocabulary (../tag-canon.ts).
// Writers lock in one order — the issues (ascending id), then the pages (ascending id) — the
// order page saves use, so two writers of the same pages queue instead of deadlocking.
import { assertIssueEditable } from '../../../core/review/index.ts';
import type { Actor } from '../archive-api.ts';
import { checkActor, fail } from '../context.ts';
import { canonTagsWith } from '../tag-canon.ts';
import { normaliseTags } from '../tags.ts';
import { isRowId, type PgContext, type PgQuery } from './context.ts';
import { lockEditable } from './issue-state.ts';
import { loadItems, pageRow, snapshot, writeItemChildren } from './page-rows.ts';
import { logRevision } from './revisions.ts';

/** Aliases and traditional forms become the vocabulary term; a free tag joins one of the same simplified form. */
async function canonTags(q: PgQuery, tags: readonly string[]): Promise<string[]> {
  if (tags.length === 0) return [];
  const tagRows = await q.all<{ name: string }>('tagCanon.tags', 'SELECT name FROM tags ORDER BY id');
  const vocab = await q.all<{ label: string; aliases_json: string }>('tagCanon.vocabulary', 'SELECT label, aliases_json FROM vocabulary ORDER BY id');
  return canonTagsWith(tagRows, vocab)(tags);
}

async function itemPlace(q: PgQuery, itemId: number): Promise<{ pageId: number; issueId: number }> {
  const r = isRowId(itemId)
    ? await q.one<{ page_id: number; issue_id: number }>(
        'items.place',
        'SELECT i.page_id, p.issue_id FROM items i JOIN pages p ON p.id = i.page_id WHERE i.id = $1',
        [itemId],
      )
    : undefined;
  if (!r) fail('not-found', `item ${itemId} does not exist`);
  return { pageId: r.page_id, issueId: r.issue_id };
}

const sameTags = (a: readonly string[], b: readonly string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/**
 * New tag lists for items of one page (its issue locked by the caller) as one revision; null when
 * nothing changed. `next` maps item id → its tags, or a function of its current tags.
 */
async function retagPage(
  ctx: PgContext,
  q: PgQuery,
  pageId: number,
  next: Map<number, (current: string[]) => string[]>,
  actor: Actor,
): Promise<{ revision: number; changed: number } | null> {
  const page = await pageRow(q, pageId, true);
  const items = await loadItems(q, pageId);
  const changedItems = items.flatMap((i) => {
    const f = next.get(i.id);
    if (!f) return [];
    const tags = f(i.tags);
    return sameTags(tags, i.tags) ? [] : [{ item: i, tags }];
  });
  if (changedItems.length === 0) return null;
  const before = await snapshot(q, pageId);
  for (const { item, tags } of changedItems) await writeItemChildren(q, item.id, { ...item, tags }, false);
  const revision = page.revision + 1;
  await q.run('pages.retag', 'UPDATE pages SET revision = $1, edited = true, updated_at = $2 WHERE id = $3', [revision, ctx.now(), pageId]);
  await logRevision(ctx, q, actor, 'page', pageId, 'tag', revision, before, await snapshot(q, pageId));
  return { revision, changed: changedItems.length };
}

/** Replaces an item's tags (one page revision, action 'tag'); unchanged tags write nothing. */
export function setItemTags(ctx: PgContext, itemId: number, tags: string[], actor: Actor): Promise<{ pageId: number; revision: number; tags: string[] }> {
  const who = checkActor(actor);
  const normal = normaliseTags(tags);
  return ctx.tx(async (q) => {
    const wanted = await canonTags(q, normal);
    const { pageId, issueId } = await itemPlace(q, itemId);
    const state = await lockEditable(q, issueId, false);
    const current = (await loadItems(q, pageId)).find((i) => i.id === itemId)!;
    // As in SQLite: an approved issue refuses a change, but setting the same tags is no change.
    if (!sameTags(wanted, current.tags)) assertIssueEditable(state);
    const done = await retagPage(ctx, q, pageId, new Map([[itemId, () => wanted]]), who);
    const after = (await loadItems(q, pageId)).find((i) => i.id === itemId)!;
    return { pageId, revision: done?.revision ?? (await pageRow(q, pageId)).revision, tags: after.tags };
  });
}

/** Adds and removes tags on many items in one transaction, one revision per page changed. */
export function changeItemTags(
  ctx: PgContext,
  itemIds: number[],
  add: string[],
  remove: string[],
  actor: Actor,
): Promise<{ changed: number; pages: { pageId: number; revision: number }[] }> {
  const who = checkActor(actor);
  const plusRaw = normaliseTags(add);
  const minusRaw = normaliseTags(remove);
  return ctx.tx(async (q) => {
    const plus = await canonTags(q, plusRaw);
    const minus = new Set(await canonTags(q, minusRaw));
    const places = new Map<number, { pageId: number; issueId: number }>();
    for (const id of new Set(itemIds)) places.set(id, await itemPlace(q, id));
    // Refuse the whole batch when any item is in an approved issue, before writing anything.
    for (const issueId of [...new Set([...places.values()].map((p) => p.issueId))].sort((a, b) => a - b)) await lockEditable(q, issueId);
    const byPage = new Map<number, Map<number, (current: string[]) => string[]>>();
    for (const [id, { pageId }] of places) {
      const page = byPage.get(pageId) ?? new Map<number, (current: string[]) => string[]>();
      page.set(id, (current) => [...new Set([...current, ...plus])].filter((t) => !minus.has(t)));
      byPage.set(pageId, page);
    }
    // Pages are locked in id order; the result lists them in the order the items came, as SQLite's.
    const done = new Map<number, { revision: number; changed: number }>();
    for (const [pageId, next] of [...byPage].sort((a, b) => a[0] - b[0])) {
      const r = await retagPage(ctx, q, pageId, next, who);
      if (r) done.set(pageId, r);
    }
    const pages = [...byPage.keys()].flatMap((pageId) => {
      const r = done.get(pageId);
      return r ? [{ pageId, revision: r.revision }] : [];
    });
    return { changed: [...done.values()].reduce((n, r) => n + r.changed, 0), pages };
  });
}

/** Every tag in use with its number of items, most used first. */
export function listTags(ctx: PgContext): Promise<{ name: string; count: number }[]> {
  return ctx.read((q) =>
    q.all<{ name: string; count: number }>(
      'tags.counts',
      'SELECT t.name, count(*)::int AS count FROM tags t JOIN item_tags it ON it.tag_id = t.id GROUP BY t.id, t.name ORDER BY count DESC, t.name',
    ),
  );
}
