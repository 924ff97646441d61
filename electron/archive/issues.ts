// Publications and issues: listing, looking up by id or by PUBLICATION:DATE, and the grouping of
// imported pages into them (masthead title and date first, else the folder the file came from).
import type { IssueState, IssueSummary, PublicationSummary } from '../../shared/domain.ts';
import { mastheadSchema, type Masthead } from '../../shared/segmentation.ts';
import type { IssueEvent } from '../../core/review/index.ts';
import type { Actor } from './archive-api.ts';
import { fail, type ArchiveContext } from './context.ts';
import { applyEvent } from './issue-state.ts';

/** Placeholder title for pages whose publication neither a masthead nor a folder name tells. */
export const UNKNOWN_PUBLICATION = 'Unknown publication';

export interface IssueRow {
  id: number;
  publication_id: number;
  date: string | null;
  issue_number: number | null;
  page_count: number | null;
  state: IssueState;
  pages_total: number;
  pages_proofed: number;
}

const ISSUE_COLUMNS = `s.id, s.publication_id, s.date, s.issue_number, s.page_count, s.state,
    (SELECT count(*) FROM pages p WHERE p.issue_id = s.id) AS pages_total,
    (SELECT count(*) FROM pages p WHERE p.issue_id = s.id AND p.state = 'proofed') AS pages_proofed`;
const ISSUE_ORDER = 'ORDER BY s.date IS NULL, s.date, s.issue_number, s.id';

export const toIssue = (r: IssueRow): IssueSummary => ({
  id: r.id,
  publicationId: r.publication_id,
  date: r.date,
  issueNumber: r.issue_number,
  pageCount: r.page_count,
  state: r.state,
  pagesTotal: r.pages_total,
  pagesProofed: r.pages_proofed,
});

export function listPublications(ctx: ArchiveContext): PublicationSummary[] {
  return ctx.db
    .stmt('publications.list', 'SELECT id, title, title_latin, serial FROM publications ORDER BY title')
    .all<{ id: number; title: string; title_latin: string | null; serial: string | null }>()
    .map((r) => ({ id: r.id, title: r.title, titleLatin: r.title_latin, serial: r.serial }));
}

export function listIssues(ctx: ArchiveContext, publicationId?: number): IssueSummary[] {
  const sql = `SELECT ${ISSUE_COLUMNS} FROM issues s ${publicationId === undefined ? '' : 'WHERE s.publication_id = ?'} ${ISSUE_ORDER}`;
  return ctx.db
    .stmt(publicationId === undefined ? 'issues.listAll' : 'issues.listOfPublication', sql)
    .all<IssueRow>(...(publicationId === undefined ? [] : [publicationId]))
    .map(toIssue);
}

/** One issue by id (a SELECT by primary key, not a scan of the list). */
export function getIssue(ctx: ArchiveContext, issueId: number): IssueSummary {
  const row = ctx.db.stmt('issues.get', `SELECT ${ISSUE_COLUMNS} FROM issues s WHERE s.id = ?`).get<IssueRow>(issueId);
  if (!row) fail('not-found', `issue ${issueId} does not exist`);
  return toIssue(row);
}

/** Looks an issue up as PUBLICATION:YYYY-MM-DD (title, Latin title or serial) or by id. */
export function findIssue(ctx: ArchiveContext, ref: string): IssueSummary | null {
  const r = ref.trim();
  if (/^\d+$/.test(r)) {
    const row = ctx.db.stmt('issues.get', `SELECT ${ISSUE_COLUMNS} FROM issues s WHERE s.id = ?`).get<IssueRow>(Number(r));
    return row ? toIssue(row) : null;
  }
  const m = /^(.+):(\d{4}-\d{2}-\d{2})$/.exec(r);
  if (!m) return null;
  const name = m[1]!.trim();
  const row = ctx.db
    .stmt(
      'issues.byPublicationNameDate',
      `SELECT ${ISSUE_COLUMNS} FROM issues s WHERE s.date = ? AND s.publication_id IN (
         SELECT id FROM publications WHERE title = ? COLLATE NOCASE OR title_latin = ? COLLATE NOCASE OR serial = ? COLLATE NOCASE)
       ${ISSUE_ORDER} LIMIT 1`,
    )
    .get<IssueRow>(m[2]!, name, name, name);
  return row ? toIssue(row) : null;
}

export function getIssueMasthead(ctx: ArchiveContext, issueId: number): Masthead | null {
  const row = ctx.db.stmt('issues.masthead', 'SELECT masthead_json FROM issues WHERE id = ?').get<{ masthead_json: string | null }>(issueId);
  if (!row) fail('not-found', `issue ${issueId} does not exist`);
  return row.masthead_json ? mastheadSchema.parse(JSON.parse(row.masthead_json)) : null;
}

/** Approve, reopen (with a reason) or record an export, in one transaction. */
export function issueEvent(ctx: ArchiveContext, issueId: number, event: Exclude<IssueEvent, { type: 'pages-changed' }>, actor: Actor): IssueSummary {
  return ctx.db.tx(() => {
    applyEvent(ctx, issueId, event, actor);
    return getIssue(ctx, issueId);
  });
}

export function stats(ctx: ArchiveContext): { publications: number; issues: number; pages: number; items: number } {
  const c = (name: string, table: string): number => ctx.db.stmt(`stats.${name}`, `SELECT count(*) AS n FROM ${table}`).get<{ n: number }>()!.n;
  return { publications: c('publications', 'publications'), issues: c('issues', 'issues'), pages: c('pages', 'pages'), items: c('items', 'items') };
}

// ---------- grouping imported pages into publications and issues ----------

function ensurePublication(ctx: ArchiveContext, title: string, provisional: boolean, masthead: Masthead | null): number {
  const { db } = ctx;
  const found = db.stmt('publications.byTitle', 'SELECT id, provisional FROM publications WHERE title = ?').get<{ id: number; provisional: number }>(title);
  if (found) {
    if (!provisional) {
      db.stmt(
        'publications.confirm',
        `UPDATE publications SET provisional = 0, title_latin = coalesce(title_latin, ?), serial = coalesce(serial, ?) WHERE id = ?`,
      ).run(masthead?.titleLatin ?? null, masthead?.serial ?? null, found.id);
    }
    return found.id;
  }
  const r = db
    .stmt('publications.insert', 'INSERT INTO publications(title, title_latin, serial, provisional) VALUES (?, ?, ?, ?)')
    .run(title, masthead?.titleLatin ?? null, masthead?.serial ?? null, provisional ? 1 : 0);
  return Number(r.lastInsertRowid);
}

function createIssue(ctx: ArchiveContext, publicationId: number, date: string | null, folder: string): number {
  const r = ctx.db.stmt('issues.insert', 'INSERT INTO issues(publication_id, date, folder_key) VALUES (?, ?, ?)').run(publicationId, date, folder);
  return Number(r.lastInsertRowid);
}

function issueOfPublicationDate(ctx: ArchiveContext, publicationId: number, date: string): number | undefined {
  return ctx.db
    .stmt('issues.byPublicationDate', 'SELECT id FROM issues WHERE publication_id = ? AND date = ? ORDER BY id LIMIT 1')
    .get<{ id: number }>(publicationId, date)?.id;
}

/** The issue a page belongs to, created (with its publication) when there is none yet. */
export function resolveIssue(ctx: ArchiveContext, masthead: Masthead | null, date: string | null, hint: string | null, folder: string): number {
  const { db } = ctx;
  const title = masthead?.title?.trim() || null;
  if (title) {
    const pub = ensurePublication(ctx, title, false, masthead);
    const own = date
      ? issueOfPublicationDate(ctx, pub, date)
      : db
          .stmt('issues.byPublicationUndated', 'SELECT id FROM issues WHERE publication_id = ? AND date IS NULL AND folder_key = ? ORDER BY id LIMIT 1')
          .get<{ id: number }>(pub, folder)?.id;
    if (own !== undefined) return own;
    // Pages of this issue that came first, without a masthead, were filed under a folder-name
    // publication: adopt that issue.
    const stray = db
      .stmt(
        'issues.provisionalInFolder',
        `SELECT i.id, i.publication_id FROM issues i JOIN publications p ON p.id = i.publication_id
         WHERE i.folder_key = ? AND i.date IS ? AND p.provisional = 1 ORDER BY i.id LIMIT 1`,
      )
      .get<{ id: number; publication_id: number }>(folder, date);
    if (stray) {
      db.stmt('issues.rehome', 'UPDATE issues SET publication_id = ? WHERE id = ?').run(pub, stray.id);
      db.stmt(
        'publications.dropEmptyProvisional',
        `DELETE FROM publications WHERE id = ? AND provisional = 1 AND NOT EXISTS (SELECT 1 FROM issues WHERE publication_id = ?)`,
      ).run(stray.publication_id, stray.publication_id);
      return stray.id;
    }
    return createIssue(ctx, pub, date, folder);
  }
  // No masthead title: the issue of the same folder and date, else one under the folder name.
  const sibling = db.stmt('issues.byFolderDate', 'SELECT id FROM issues WHERE folder_key = ? AND date IS ? ORDER BY id LIMIT 1').get<{ id: number }>(folder, date);
  if (sibling) return sibling.id;
  const pub = ensurePublication(ctx, hint?.trim() || UNKNOWN_PUBLICATION, true, null);
  if (date) {
    const own = issueOfPublicationDate(ctx, pub, date);
    if (own !== undefined) return own;
  }
  return createIssue(ctx, pub, date, folder);
}

export function applyMastheadToIssue(ctx: ArchiveContext, issueId: number, masthead: Masthead | null): void {
  if (!masthead) return;
  ctx.db
    .stmt(
      'issues.applyMasthead',
      `UPDATE issues SET issue_number = coalesce(?, issue_number), page_count = coalesce(?, page_count),
         masthead_json = coalesce(masthead_json, ?) WHERE id = ?`,
    )
    .run(masthead.issueNumber, masthead.pageCount, JSON.stringify(masthead), issueId);
}
