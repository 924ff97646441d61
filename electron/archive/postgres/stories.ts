// Stories on PostgreSQL: items that jump lines carry across the pages of an issue, linked by
// items.story_id and recomputed per issue after every import or save (the linking itself is the
// SQLite archive's pure storyLinks).
import type { StoryPart } from '../archive-api.ts';
import { fail } from '../context.ts';
import { storyLinks, type JumpRow } from '../stories.ts';
import { isRowId, type PgContext, type PgQuery } from './context.ts';

export async function relinkIssue(q: PgQuery, issueId: number): Promise<void> {
  await q.run(
    'items.clearStories',
    `UPDATE items SET story_id = NULL WHERE story_id IS NOT NULL AND page_id IN (SELECT id FROM pages WHERE issue_id = $1)`,
    [issueId],
  );
  // NULLS FIRST: SQLite sorts NULL before numbers, and the linking depends on the order.
  const rows = await q.all<JumpRow>(
    'items.jumpsOfIssue',
    `SELECT i.id, i.continued_on, i.continued_from, p.page_number FROM items i JOIN pages p ON p.id = i.page_id
     WHERE p.issue_id = $1 AND (i.continued_on IS NOT NULL OR i.continued_from IS NOT NULL)
     ORDER BY p.page_number NULLS FIRST, i.ord`,
    [issueId],
  );
  const links = storyLinks(rows);
  if (links.length === 0) return;
  await q.run(
    'items.setStories',
    'UPDATE items SET story_id = s.story FROM unnest($1::int[], $2::int[]) AS s(story, item) WHERE items.id = s.item',
    [links.map((l) => l[0]), links.map((l) => l[1])],
  );
}

/** The parts of the story an item belongs to, in page order (just the item when it has no jump lines). */
export function getStory(ctx: PgContext, itemId: number): Promise<StoryPart[]> {
  return ctx.read(async (q) => {
    const row = isRowId(itemId) ? await q.one<{ story_id: number | null }>('items.story', 'SELECT story_id FROM items WHERE id = $1', [itemId]) : undefined;
    if (!row) fail('not-found', `item ${itemId} does not exist`);
    const rows = await q.all<{ id: number; page_id: number; page_number: number | null; headline: string | null; continued_on: number | null; continued_from: number | null }>(
      row.story_id === null ? 'items.storySingle' : 'items.storyParts',
      `SELECT i.id, i.page_id, p.page_number, i.headline, i.continued_on, i.continued_from
       FROM items i JOIN pages p ON p.id = i.page_id WHERE ${row.story_id === null ? 'i.id = $1' : 'i.story_id = $1'}
       ORDER BY p.page_number NULLS FIRST, i.ord`,
      [row.story_id ?? itemId],
    );
    return rows.map((r) => ({ itemId: r.id, pageId: r.page_id, pageNumber: r.page_number, headline: r.headline, continuedOn: r.continued_on, continuedFrom: r.continued_from }));
  });
}
