// Pages on PostgreSQL: reading a page with its items, the issue's page list, and the editor's
// changes (save, state, restore), each one transaction with its revision, its issue's stories
// and state. Conflict protection holds across processes and machines: a writer locks the issue
// row, then the page row (FOR UPDATE), and only then compares the editor's base revision with the
// page's — a second save from the same base waits for the first to commit and is then refused.
import { z } from 'zod';
import { pageStateSchema, type PageRecord, type PageState, type PageSummary } from '../../../shared/domain.ts';
import { actionsForPageSave } from '../../../core/review/index.ts';
import { assertIssueEditable, isLocked } from '../../../core/review/index.ts';
import type { Actor, SavePageInput } from '../archive-api.ts';
import { assertAtRevision, checkActor, fail, normaliseNewlines, parseOr } from '../context.ts';
import { pageRecordFromRow, savePageInputSchema, snapshotSchema } from '../pages.ts';
import { isRowId, type PgContext, type PgQuery } from './context.ts';
import { lockEditable, recomputeIssue } from './issue-state.ts';
import { loadItems, pageChecksum, pageRow, replaceItems, snapshot, writePageFacts, type PageRow } from './page-rows.ts';
import { logRevision, snapshotJsonAt } from './revisions.ts';
import { relinkIssue } from './stories.ts';
import type { ProofedPage } from '../profiles-store.ts';

export async function getPageIn(q: PgQuery, pageId: number): Promise<PageRecord> {
  const p = await pageRow(q, pageId);
  return pageRecordFromRow(p, await loadItems(q, p.id));
}

export const getPage = (ctx: PgContext, pageId: number) => ctx.read((q) => getPageIn(q, pageId));

export async function listPagesIn(q: PgQuery, issueId: number): Promise<PageSummary[]> {
  if (!isRowId(issueId)) return [];
  const rows = await q.all<{ id: number; issue_id: number; page_number: number | null; source_name: string; state: PageState; item_count: number; doubt_count: number }>(
    'pages.listOfIssue',
    `SELECT p.id, p.issue_id, p.page_number, p.source_name, p.state, p.doubt_count,
       (SELECT count(*)::int FROM items i WHERE i.page_id = p.id) AS item_count
     FROM pages p WHERE p.issue_id = $1 ORDER BY p.page_number IS NULL, p.page_number, p.source_name`,
    [issueId],
  );
  return rows.map((r) => ({ id: r.id, issueId: r.issue_id, pageNumber: r.page_number, sourceName: r.source_name, state: r.state, itemCount: r.item_count, doubtCount: r.doubt_count }));
}

export const listPages = (ctx: PgContext, issueId: number) => ctx.read((q) => listPagesIn(q, issueId));

/**
 * Locks what a change to a page needs, in one order everywhere (issue row, then page row) so two
 * writers cannot each hold what the other waits for; returns the page row and its issue's state.
 */
async function lockPage(q: PgQuery, pageId: number): Promise<{ page: PageRow; issueState: Awaited<ReturnType<typeof lockEditable>> }> {
  const { issue_id } = await pageRow(q, pageId);
  const issueState = await lockEditable(q, issue_id, false);
  return { page: await pageRow(q, pageId, true), issueState };
}

async function writeText(ctx: PgContext, q: PgQuery, page: PageRow, text: string, revision: number, state: PageState): Promise<void> {
  await q.run('pages.save', `UPDATE pages SET text = $1, state = $2, revision = $3, edited = true, updated_at = $4, checksum = $5 WHERE id = $6`, [
    text,
    state,
    revision,
    ctx.now(),
    pageChecksum({ raw_text: page.raw_text, text, masthead_json: page.masthead_json }),
    page.id,
  ]);
}

/** Replaces a page's text and items in one transaction and logs the change; returns the new revision. */
export async function savePage(ctx: PgContext, input: SavePageInput, actor: Actor): Promise<{ revision: number }> {
  const who = checkActor(actor);
  const data = parseOr(savePageInputSchema, input, 'page save');
  return ctx.tx(async (q) => {
    const { page, issueState } = await lockPage(q, data.pageId);
    assertAtRevision(page, data.baseRevision);
    const before = await snapshot(q, page.id);
    const text = normaliseNewlines(data.text);
    if (isLocked(issueState)) {
      // An approved issue: a save that changes nothing (autosave) is a no-op, anything else is refused.
      if (actionsForPageSave(before, { text, items: data.items }).length === 0) return { revision: page.revision };
      assertIssueEditable(issueState);
    }
    const revision = page.revision + 1;
    await writeText(ctx, q, page, text, revision, page.state);
    await replaceItems(q, page.id, data.items);
    await writePageFacts(ctx, q, page.id, data.items);
    await logRevision(ctx, q, who, 'page', page.id, 'save', revision, before, await snapshot(q, page.id));
    await relinkIssue(q, page.issue_id);
    return { revision };
  });
}

/** A page as its publication's profile learns it again, while it is still proofed (else null). */
async function proofedPage(q: PgQuery, pageId: number): Promise<ProofedPage | null> {
  const row = await q.one<{ revision: number; text: string }>('pages.proofedText', "SELECT revision, text FROM pages WHERE id = $1 AND state = 'proofed'", [pageId]);
  return row ? { revision: row.revision, text: row.text, items: await loadItems(q, pageId) } : null;
}

export async function setPageState(ctx: PgContext, pageId: number, state: PageState, actor: Actor): Promise<void> {
  const who = checkActor(actor);
  const next = parseOr(pageStateSchema, state, 'page state');
  await ctx.tx(async (q) => {
    const { page, issueState } = await lockPage(q, pageId);
    if (page.state === next) return;
    assertIssueEditable(issueState);
    await q.run('pages.setState', 'UPDATE pages SET state = $1, updated_at = $2 WHERE id = $3', [next, ctx.now(), pageId]);
    await logRevision(ctx, q, who, 'page', pageId, 'state', page.revision, { state: page.state }, { state: next });
    // The editor's corrected segmentation teaches the publication's profile (never costing the state change).
    if (next === 'proofed') await ctx.profiles.learnQuietly(q, pageId, { revision: page.revision, text: page.text, items: await loadItems(q, pageId) }, (id) => proofedPage(q, id));
    await recomputeIssue(ctx, q, page.issue_id, who);
  });
}

/** Puts the page back to how it was at `revision` (text, items, state) as a new revision. */
export async function restoreRevision(ctx: PgContext, pageId: number, revision: number, actor: Actor): Promise<{ revision: number }> {
  const who = checkActor(actor);
  const target = parseOr(z.number().int().nonnegative(), revision, 'revision');
  return ctx.tx(async (q) => {
    const { page, issueState } = await lockPage(q, pageId);
    assertIssueEditable(issueState);
    const json = await snapshotJsonAt(q, pageId, target);
    if (!json) fail('not-found', `page ${pageId} has no revision ${target} to restore`);
    const snap = parseOr(snapshotSchema, JSON.parse(json), `revision ${target} snapshot`);
    const before = await snapshot(q, pageId);
    const next = page.revision + 1;
    await writeText(ctx, q, page, snap.text, next, snap.state);
    await replaceItems(q, pageId, snap.items);
    await writePageFacts(ctx, q, pageId, snap.items);
    await logRevision(ctx, q, who, 'page', pageId, 'restore', next, { ...before, restoredFrom: target }, await snapshot(q, pageId));
    await relinkIssue(q, page.issue_id);
    await recomputeIssue(ctx, q, page.issue_id, who);
    return { revision: next };
  });
}
