// Stories: items that jump lines ("转第6版" / "上接第一版") carry across the pages of an issue,
// linked by items.story_id (migration 0003) and recomputed per issue after every import or save.
import type { StoryPart } from './archive-api.ts';
import { fail, type ArchiveContext } from './context.ts';

export function relinkIssue(ctx: ArchiveContext, issueId: number): void {
  const { db } = ctx;
  db.stmt(
    'items.clearStories',
    `UPDATE items SET story_id = NULL WHERE story_id IS NOT NULL AND page_id IN (SELECT id FROM pages WHERE issue_id = ?)`,
  ).run(issueId);
  const rows = db
    .stmt(
      'items.jumpsOfIssue',
      `SELECT i.id, i.continued_on, i.continued_from, p.page_number FROM items i JOIN pages p ON p.id = i.page_id
       WHERE p.issue_id = ? AND (i.continued_on IS NOT NULL OR i.continued_from IS NOT NULL)
       ORDER BY p.page_number, i.ord`,
    )
    .all<JumpRow>(issueId);
  const setStory = db.stmt('items.setStory', 'UPDATE items SET story_id = ? WHERE id = ?');
  for (const [storyId, itemId] of storyLinks(rows)) setStory.run(storyId, itemId);
}

export interface JumpRow {
  id: number;
  continued_on: number | null;
  continued_from: number | null;
  page_number: number | null;
}

/**
 * Pure: which story each jump-line item belongs to, as [story id, item id] pairs (the story id is
 * its first item's id). rows: the issue's items with jump lines, in page order.
 */
export function storyLinks(rows: readonly JumpRow[]): [number, number][] {
  const links: [number, number][] = [];
  const next = new Map<number, number>();
  const hasPrev = new Set<number>();
  for (const a of rows) {
    if (a.continued_on === null || a.page_number === null) continue;
    const b = rows.find(
      (r) => r.page_number === a.continued_on && r.continued_from === a.page_number && !hasPrev.has(r.id) && r.id !== a.id,
    );
    if (!b) continue;
    next.set(a.id, b.id);
    hasPrev.add(b.id);
  }
  for (const head of rows) {
    if (hasPrev.has(head.id) || !next.has(head.id)) continue;
    const seen = new Set<number>();
    for (let id: number | undefined = head.id; id !== undefined && !seen.has(id); id = next.get(id)) {
      seen.add(id);
      links.push([head.id, id]);
    }
  }
  return links;
}

/** The parts of the story an item belongs to, in page order (just the item when it has no jump lines). */
export function getStory(ctx: ArchiveContext, itemId: number): StoryPart[] {
  const { db } = ctx;
  const row = db.stmt('items.story', 'SELECT story_id FROM items WHERE id = ?').get<{ story_id: number | null }>(itemId);
  if (!row) fail('not-found', `item ${itemId} does not exist`);
  const sql = `SELECT i.id, i.page_id, p.page_number, i.headline, i.continued_on, i.continued_from
    FROM items i JOIN pages p ON p.id = i.page_id WHERE ${row.story_id === null ? 'i.id = ?' : 'i.story_id = ?'}
    ORDER BY p.page_number, i.ord`;
  return db
    .stmt(row.story_id === null ? 'items.storySingle' : 'items.storyParts', sql)
    .all<{
      id: number;
      page_id: number;
      page_number: number | null;
      headline: string | null;
      continued_on: number | null;
      continued_from: number | null;
    }>(row.story_id ?? itemId)
    .map((r) => ({
      itemId: r.id,
      pageId: r.page_id,
      pageNumber: r.page_number,
      headline: r.headline,
      continuedOn: r.continued_on,
      continuedFrom: r.continued_from,
    }));
}
