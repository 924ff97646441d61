// The revision log: every change (who, role, when, before and after) and reading it back.
import { roleSchema, type Role } from '../../shared/roles.ts';
import type { Actor, RevisionDetail, RevisionEntry } from './archive-api.ts';
import { fail, type ArchiveContext } from './context.ts';
import { checkPageRows, rowChecksum } from './checksums.ts';
import type { SqlValue } from './db.ts';
import { pageRow, snapshot } from './page-rows.ts';
import { isPageRef, PAGE_REF_JSON, resolvePageRefs } from './revision-refs.ts';
import { withEditSnapshots } from '../../core/edit/index.ts';

export interface RevisionRow {
  id: number;
  at: string;
  actor: string;
  profile_id: string | null;
  role: Role | null;
  entity: RevisionEntry['entity'];
  entity_id: number;
  action: string;
  page_revision: number | null;
  before_json: string | null;
  after_json: string | null;
}

export const toDetail = (r: RevisionRow): RevisionDetail => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  profileId: r.profile_id,
  role: r.role === null ? null : roleSchema.catch('editor').parse(r.role),
  entity: r.entity,
  entityId: r.entity_id,
  action: r.action,
  pageRevision: r.page_revision,
  before: r.before_json === null ? null : JSON.parse(r.before_json),
  after: r.after_json === null ? null : JSON.parse(r.after_json),
});

export function logRevision(
  ctx: ArchiveContext,
  actor: Actor,
  entity: RevisionEntry['entity'],
  entityId: number,
  action: string,
  pageRevision: number | null,
  before: unknown,
  after: unknown,
): void {
  // In REVISION_COLUMNS order: the row goes in whole with its checksum and chain link (migration
  // 0018: the triggers then leave it alone instead of rewriting it twice).
  const values: SqlValue[] = [
    ctx.now(),
    actor.name,
    actor.profileId ?? null,
    actor.role ?? null,
    entity,
    entityId,
    action,
    pageRevision,
    before === undefined ? null : JSON.stringify(before),
    after === undefined ? null : JSON.stringify(after),
  ];
  // The archive is the one writer, so the newest entry is the one this links to (as 0011's trigger reads it).
  const previous = ctx.db.stmt('revisions.lastChain', 'SELECT chain FROM revisions ORDER BY id DESC LIMIT 1').get<{ chain: string | null }>();
  ctx.db
    .stmt(
      'revisions.insert',
      `INSERT INTO revisions(at, actor, profile_id, role, entity, entity_id, action, page_revision, before_json, after_json, checksum, chain)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(...values, rowChecksum(values), rowChecksum([previous?.chain ?? null, ...values]));
}

export function listRevisions(ctx: ArchiveContext, pageId: number): RevisionEntry[] {
  pageRow(ctx, pageId);
  return ctx.db
    .stmt(
      'revisions.ofPage',
      `SELECT id, at, actor, entity, entity_id, action, page_revision FROM revisions WHERE entity = 'page' AND entity_id = ? ORDER BY id`,
    )
    .all<{ id: number; at: string; actor: string; entity: 'page'; entity_id: number; action: string; page_revision: number | null }>(pageId)
    .map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      pageRevision: r.page_revision,
    }));
}

export function listRevisionDetails(ctx: ArchiveContext, pageId: number): RevisionDetail[] {
  pageRow(ctx, pageId);
  const rows = ctx.db
    .stmt('revisions.detailsOfPage', `SELECT * FROM revisions WHERE entity = 'page' AND entity_id = ? ORDER BY id`)
    .all<RevisionRow>(pageId);
  // An import refers to the page (revision-refs.ts): read back first. An 'edit' revision stores
  // ops: its before/after pages are replayed from the snapshot before it.
  // The page rows it reads back are checked like any read of the page (checksums, item set).
  const current = () => {
    checkPageRows(ctx.db.raw, ctx.path, pageId);
    return snapshot(ctx, pageId);
  };
  return withEditSnapshots(resolvePageRefs(rows.map(toDetail), current));
}

export function getRevision(ctx: ArchiveContext, revisionId: number): RevisionDetail {
  const r = ctx.db.stmt('revisions.get', 'SELECT * FROM revisions WHERE id = ?').get<RevisionRow>(revisionId);
  if (!r) fail('not-found', `revision ${revisionId} does not exist`);
  const detail = toDetail(r);
  // An import that refers to the page is read back through the page's history (revision-refs.ts).
  if (r.entity === 'page' && isPageRef(detail.after)) return listRevisionDetails(ctx, r.entity_id).find((x) => x.id === r.id) ?? detail;
  return detail;
}

/** The page snapshot a revision produced (null: no change made that revision). */
export function snapshotJsonAt(ctx: ArchiveContext, pageId: number, revision: number): string | null {
  const entry = ctx.db
    .stmt(
      'revisions.contentAt',
      `SELECT id, action, after_json FROM revisions WHERE entity = 'page' AND entity_id = ? AND page_revision = ?
         AND action IN ('import', 'reimport', 'save', 'restore', 'tag', 'edit') ORDER BY id DESC LIMIT 1`,
    )
    .get<{ id: number; action: string; after_json: string | null }>(pageId, revision);
  if (entry && entry.after_json === PAGE_REF_JSON) {
    // An import that refers to the page (revision-refs.ts): the page as it stored it, read back.
    const resolved = listRevisionDetails(ctx, pageId).find((r) => r.id === entry.id);
    return resolved?.after ? JSON.stringify(resolved.after) : null;
  }
  if (!entry || entry.action !== 'edit') return entry?.after_json ?? null;
  // An edit stores ops: the page it produced is replayed from the snapshot before it.
  const replayed = listRevisionDetails(ctx, pageId).find((r) => r.id === entry.id);
  return replayed && replayed.action === 'edit' && 'ops' in replayed ? JSON.stringify(replayed.after) : null;
}
