// Pages: reading a page with its items, the issue's page list, and the editor's changes (save,
// state, restore), each one transaction with its revision, its issue's stories and state.
import { z } from 'zod';
import { pageStateSchema, storedItemSchema, type PageRecord, type PageState, type PageSummary } from '../../shared/domain.ts';
import { mastheadSchema } from '../../shared/segmentation.ts';
import { actionsForPageSave } from '../../core/review/index.ts';
import type { Actor, SavePageInput } from './archive-api.ts';
import { assertAtRevision, checkActor, fail, normaliseNewlines, parseOr, type ArchiveContext } from './context.ts';
import { assertEditable, isIssueLocked, recomputeIssue } from './issue-state.ts';
import { loadItems, pageRow, replaceItems, snapshot } from './page-rows.ts';
import { logRevision, snapshotJsonAt } from './revisions.ts';
import { relinkIssue } from './stories.ts';
import type { ProofedPage } from './profiles-store.ts';

export const savePageInputSchema = z.object({
  pageId: z.number().int().positive(),
  baseRevision: z.number().int().nonnegative(),
  text: z.string(),
  items: z.array(storedItemSchema),
});

export const snapshotSchema = z.object({
  text: z.string(),
  state: pageStateSchema,
  items: z.array(storedItemSchema),
});

/** The columns of a page row both archives read (SQLite's and PostgreSQL's share their names). */
export interface PageRecordRow {
  id: number;
  issue_id: number;
  page_number: number | null;
  source_name: string;
  encoding: string;
  content_hash: string;
  text: string;
  state: PageState;
  masthead_json: string | null;
  revision: number;
  model_version: string | null;
  model_profile: string | null;
  model_profile_pages: number | null;
}

/** A page row and its items as the record the interface returns (the same for both archives). */
export function pageRecordFromRow(p: PageRecordRow, items: PageRecord['items']): PageRecord {
  return {
    id: p.id,
    issueId: p.issue_id,
    pageNumber: p.page_number,
    sourceName: p.source_name,
    encoding: p.encoding,
    contentHash: p.content_hash,
    text: p.text,
    state: p.state,
    masthead: p.masthead_json ? mastheadSchema.parse(JSON.parse(p.masthead_json)) : null,
    items,
    revision: p.revision,
    model: p.model_version ? { version: p.model_version, profile: p.model_profile, profilePages: p.model_profile_pages } : null,
  };
}

export function getPage(ctx: ArchiveContext, pageId: number): PageRecord {
  const p = pageRow(ctx, pageId);
  return pageRecordFromRow(p, loadItems(ctx, p.id));
}

export function listPages(ctx: ArchiveContext, issueId: number): PageSummary[] {
  return ctx.db
    .stmt(
      'pages.listOfIssue',
      `SELECT p.id, p.issue_id, p.page_number, p.source_name, p.state, p.doubt_count,
         (SELECT count(*) FROM items i WHERE i.page_id = p.id) AS item_count
       FROM pages p WHERE p.issue_id = ? ORDER BY p.page_number IS NULL, p.page_number, p.source_name`,
    )
    .all<{ id: number; issue_id: number; page_number: number | null; source_name: string; state: PageState; item_count: number; doubt_count: number }>(issueId)
    .map((r) => ({
      id: r.id,
      issueId: r.issue_id,
      pageNumber: r.page_number,
      sourceName: r.source_name,
      state: r.state,
      itemCount: r.item_count,
      doubtCount: r.doubt_count,
    }));
}

/** Replaces a page's text and items in one transaction and logs the change; returns the new revision. */
export function savePage(ctx: ArchiveContext, input: SavePageInput, actor: Actor): { revision: number } {
  const who = checkActor(actor);
  const data = parseOr(savePageInputSchema, input, 'page save');
  const { db } = ctx;
  return db.tx(() => {
    const page = pageRow(ctx, data.pageId);
    assertAtRevision(page, data.baseRevision);
    const before = snapshot(ctx, page.id);
    const text = normaliseNewlines(data.text);
    if (isIssueLocked(ctx, page.issue_id)) {
      // An approved issue: a save that changes nothing (autosave) is a no-op, anything else is refused.
      if (actionsForPageSave(before, { text, items: data.items }).length === 0) return { revision: page.revision };
      assertEditable(ctx, page.issue_id);
    }
    const revision = page.revision + 1;
    db.stmt('pages.save', `UPDATE pages SET text = ?, revision = ?, edited = 1, updated_at = ? WHERE id = ?`).run(text, revision, ctx.now(), page.id);
    replaceItems(ctx, page.id, data.items);
    ctx.profiles.writePageFacts(page.id, data.items);
    logRevision(ctx, who, 'page', page.id, 'save', revision, before, snapshot(ctx, page.id));
    relinkIssue(ctx, page.issue_id);
    return { revision };
  });
}

/** A page as its publication's profile learns it again, while it is still proofed (else null). */
function proofedPage(ctx: ArchiveContext, pageId: number): ProofedPage | null {
  const row = ctx.db.stmt('pages.proofedText', "SELECT revision, text FROM pages WHERE id = ? AND state = 'proofed'").get<{ revision: number; text: string }>(pageId);
  return row ? { revision: row.revision, text: row.text, items: loadItems(ctx, pageId) } : null;
}

export function setPageState(ctx: ArchiveContext, pageId: number, state: PageState, actor: Actor): void {
  const who = checkActor(actor);
  const next = parseOr(pageStateSchema, state, 'page state');
  const { db } = ctx;
  db.tx(() => {
    const page = pageRow(ctx, pageId);
    if (page.state === next) return;
    assertEditable(ctx, page.issue_id);
    db.stmt('pages.setState', 'UPDATE pages SET state = ?, updated_at = ? WHERE id = ?').run(next, ctx.now(), pageId);
    logRevision(ctx, who, 'page', pageId, 'state', page.revision, { state: page.state }, { state: next });
    // The editor's corrected segmentation teaches the publication's profile (never costing the state change).
    if (next === 'proofed') ctx.profiles.learnQuietly(pageId, { revision: page.revision, text: page.text, items: loadItems(ctx, pageId) }, (id) => proofedPage(ctx, id));
    recomputeIssue(ctx, page.issue_id, who);
  });
}

/** Puts the page back to how it was at `revision` (text, items, state) as a new revision. */
export function restoreRevision(ctx: ArchiveContext, pageId: number, revision: number, actor: Actor): { revision: number } {
  const who = checkActor(actor);
  const target = parseOr(z.number().int().nonnegative(), revision, 'revision');
  const { db } = ctx;
  return db.tx(() => {
    const page = pageRow(ctx, pageId);
    assertEditable(ctx, page.issue_id);
    const json = snapshotJsonAt(ctx, pageId, target);
    if (!json) fail('not-found', `page ${pageId} has no revision ${target} to restore`);
    const snap = parseOr(snapshotSchema, JSON.parse(json), `revision ${target} snapshot`);
    const before = snapshot(ctx, pageId);
    const next = page.revision + 1;
    db.stmt('pages.restore', `UPDATE pages SET text = ?, state = ?, revision = ?, edited = 1, updated_at = ? WHERE id = ?`).run(
      snap.text,
      snap.state,
      next,
      ctx.now(),
      pageId,
    );
    replaceItems(ctx, pageId, snap.items);
    ctx.profiles.writePageFacts(pageId, snap.items);
    logRevision(ctx, who, 'page', pageId, 'restore', next, { ...before, restoredFrom: target }, snapshot(ctx, pageId));
    relinkIssue(ctx, page.issue_id);
    recomputeIssue(ctx, page.issue_id, who);
    return { revision: next };
  });
}
