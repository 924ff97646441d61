// Publications and issues on PostgreSQL: listing, looking up by id or by PUBLICATION:DATE, and the
// grouping of imported pages into them, as the SQLite archive's issues.ts (its row mapping reused).
// Orderings spell out NULLS FIRST where SQLite puts NULL first, so both list in the same order.
import type { IssueSummary, PublicationSummary } from '../../../shared/domain.ts';
import { mastheadSchema, type Masthead } from '../../../shared/segmentation.ts';
import type { IssueEvent } from '../../../core/review/index.ts';
import type { Actor } from '../archive-api.ts';
import { fail } from '../context.ts';
import { toIssue, UNKNOWN_PUBLICATION, type IssueRow } from '../issues.ts';
import { isRowId, type PgContext, type PgQuery } from './context.ts';
import { applyEvent } from './issue-state.ts';

const ISSUE_COLUMNS = `s.id, s.publication_id, s.date, s.issue_number, s.page_count, s.state,
    (SELECT count(*)::int FROM pages p WHERE p.issue_id = s.id) AS pages_total,
    (SELECT count(*)::int FROM pages p WHERE p.issue_id = s.id AND p.state = 'proofed') AS pages_proofed`;
const ISSUE_ORDER = 'ORDER BY s.date IS NULL, s.date, s.issue_number NULLS FIRST, s.id';

export function listPublications(ctx: PgContext): Promise<PublicationSummary[]> {
  return ctx.read(async (q) =>
    (await q.all<{ id: number; title: string; title_latin: string | null; serial: string | null }>('publications.list', 'SELECT id, title, title_latin, serial FROM publications ORDER BY title')).map(
      (r) => ({ id: r.id, title: r.title, titleLatin: r.title_latin, serial: r.serial }),
    ),
  );
}

export function listIssues(ctx: PgContext, publicationId?: number): Promise<IssueSummary[]> {
  return ctx.read(async (q) => {
    if (publicationId === undefined) return (await q.all<IssueRow>('issues.listAll', `SELECT ${ISSUE_COLUMNS} FROM issues s ${ISSUE_ORDER}`)).map(toIssue);
    if (!isRowId(publicationId)) return [];
    return (await q.all<IssueRow>('issues.listOfPublication', `SELECT ${ISSUE_COLUMNS} FROM issues s WHERE s.publication_id = $1 ${ISSUE_ORDER}`, [publicationId])).map(toIssue);
  });
}

async function issueRow(q: PgQuery, issueId: number): Promise<IssueRow | undefined> {
  return isRowId(issueId) ? q.one<IssueRow>('issues.get', `SELECT ${ISSUE_COLUMNS} FROM issues s WHERE s.id = $1`, [issueId]) : undefined;
}

/** One issue by id (a SELECT by primary key) inside a transaction or snapshot. */
export async function getIssueIn(q: PgQuery, issueId: number): Promise<IssueSummary> {
  const row = await issueRow(q, issueId);
  if (!row) fail('not-found', `issue ${issueId} does not exist`);
  return toIssue(row);
}

export const getIssue = (ctx: PgContext, issueId: number) => ctx.read((q) => getIssueIn(q, issueId));

/** Looks an issue up as PUBLICATION:YYYY-MM-DD (title, Latin title or serial, ignoring case) or by id. */
export function findIssue(ctx: PgContext, ref: string): Promise<IssueSummary | null> {
  return ctx.read(async (q) => {
    const r = ref.trim();
    if (/^\d+$/.test(r)) {
      const row = await issueRow(q, Number(r));
      return row ? toIssue(row) : null;
    }
    const m = /^(.+):(\d{4}-\d{2}-\d{2})$/.exec(r);
    if (!m) return null;
    const name = m[1]!.trim();
    // SQLite's NOCASE folds ASCII letters only; lower() in the C locale does the same.
    const row = await q.one<IssueRow>(
      'issues.byPublicationNameDate',
      `SELECT ${ISSUE_COLUMNS} FROM issues s WHERE s.date = $1 AND s.publication_id IN (
         SELECT id FROM publications WHERE lower(title) = lower($2) OR lower(title_latin) = lower($2) OR lower(serial) = lower($2))
       ${ISSUE_ORDER} LIMIT 1`,
      [m[2]!, name],
    );
    return row ? toIssue(row) : null;
  });
}

export function getIssueMasthead(ctx: PgContext, issueId: number): Promise<Masthead | null> {
  return ctx.read(async (q) => {
    const row = isRowId(issueId) ? await q.one<{ masthead_json: string | null }>('issues.masthead', 'SELECT masthead_json FROM issues WHERE id = $1', [issueId]) : undefined;
    if (!row) fail('not-found', `issue ${issueId} does not exist`);
    return row.masthead_json ? mastheadSchema.parse(JSON.parse(row.masthead_json)) : null;
  });
}

/** Approve, reopen (with a reason) or record an export, in one transaction. */
export function issueEvent(ctx: PgContext, issueId: number, event: Exclude<IssueEvent, { type: 'pages-changed' }>, actor: Actor): Promise<IssueSummary> {
  return ctx.tx(async (q) => {
    await applyEvent(ctx, q, issueId, event, actor);
    return getIssueIn(q, issueId);
  });
}

export function stats(ctx: PgContext): Promise<{ publications: number; issues: number; pages: number; items: number }> {
  return ctx.read(async (q) => {
    const r = await q.one<{ publications: number; issues: number; pages: number; items: number }>(
      'stats',
      `SELECT (SELECT count(*)::int FROM publications) AS publications, (SELECT count(*)::int FROM issues) AS issues,
         (SELECT count(*)::int FROM pages) AS pages, (SELECT count(*)::int FROM items) AS items`,
    );
    return r!;
  });
}

// ---------- grouping imported pages into publications and issues ----------
// The import transaction holds LOCK_GROUPING, so two processes importing pages of the same new
// issue do not both create it.

async function ensurePublication(q: PgQuery, title: string, provisional: boolean, masthead: Masthead | null): Promise<number> {
  const found = await q.one<{ id: number }>('publications.byTitle', 'SELECT id FROM publications WHERE title = $1', [title]);
  if (found) {
    if (!provisional) {
      await q.run('publications.confirm', `UPDATE publications SET provisional = false, title_latin = coalesce(title_latin, $1), serial = coalesce(serial, $2) WHERE id = $3`, [
        masthead?.titleLatin ?? null,
        masthead?.serial ?? null,
        found.id,
      ]);
    }
    return found.id;
  }
  const r = await q.one<{ id: number }>('publications.insert', 'INSERT INTO publications(title, title_latin, serial, provisional) VALUES ($1, $2, $3, $4) RETURNING id', [
    title,
    masthead?.titleLatin ?? null,
    masthead?.serial ?? null,
    provisional,
  ]);
  return r!.id;
}

async function createIssue(q: PgQuery, publicationId: number, date: string | null, folder: string): Promise<number> {
  return (await q.one<{ id: number }>('issues.insert', 'INSERT INTO issues(publication_id, date, folder_key) VALUES ($1, $2, $3) RETURNING id', [publicationId, date, folder]))!.id;
}

async function issueOfPublicationDate(q: PgQuery, publicationId: number, date: string): Promise<number | undefined> {
  return (await q.one<{ id: number }>('issues.byPublicationDate', 'SELECT id FROM issues WHERE publication_id = $1 AND date = $2 ORDER BY id LIMIT 1', [publicationId, date]))?.id;
}

// SQLite's `date IS ?`; spelled as `= $2` or `IS NULL` so the (folder_key, date) index answers it
// (PostgreSQL's IS NOT DISTINCT FROM cannot use an index).
const sameDate = (column: string, date: string | null) => (date === null ? `${column} IS NULL` : `${column} = $2`);

/** The issue a page belongs to, created (with its publication) when there is none yet. */
export async function resolveIssue(q: PgQuery, masthead: Masthead | null, date: string | null, hint: string | null, folder: string): Promise<number> {
  const title = masthead?.title?.trim() || null;
  if (title) {
    const pub = await ensurePublication(q, title, false, masthead);
    const own = date
      ? await issueOfPublicationDate(q, pub, date)
      : (await q.one<{ id: number }>('issues.byPublicationUndated', 'SELECT id FROM issues WHERE publication_id = $1 AND date IS NULL AND folder_key = $2 ORDER BY id LIMIT 1', [pub, folder]))?.id;
    if (own !== undefined) return own;
    // Pages of this issue that came first, without a masthead, were filed under a folder-name
    // publication: adopt that issue.
    const stray = await q.one<{ id: number; publication_id: number }>(
      date === null ? 'issues.provisionalInFolderUndated' : 'issues.provisionalInFolder',
      `SELECT i.id, i.publication_id FROM issues i JOIN publications p ON p.id = i.publication_id
       WHERE i.folder_key = $1 AND ${sameDate('i.date', date)} AND p.provisional ORDER BY i.id LIMIT 1`,
      date === null ? [folder] : [folder, date],
    );
    if (stray) {
      await q.run('issues.rehome', 'UPDATE issues SET publication_id = $1 WHERE id = $2', [pub, stray.id]);
      await q.run('publications.dropEmptyProvisional', `DELETE FROM publications WHERE id = $1 AND provisional AND NOT EXISTS (SELECT 1 FROM issues WHERE publication_id = $1)`, [
        stray.publication_id,
      ]);
      return stray.id;
    }
    return createIssue(q, pub, date, folder);
  }
  // No masthead title: the issue of the same folder and date, else one under the folder name.
  const sibling = await q.one<{ id: number }>(
    date === null ? 'issues.byFolderUndated' : 'issues.byFolderDate',
    `SELECT id FROM issues WHERE folder_key = $1 AND ${sameDate('date', date)} ORDER BY id LIMIT 1`,
    date === null ? [folder] : [folder, date],
  );
  if (sibling) return sibling.id;
  const pub = await ensurePublication(q, hint?.trim() || UNKNOWN_PUBLICATION, true, null);
  if (date) {
    const own = await issueOfPublicationDate(q, pub, date);
    if (own !== undefined) return own;
  }
  return createIssue(q, pub, date, folder);
}

export async function applyMastheadToIssue(q: PgQuery, issueId: number, masthead: Masthead | null): Promise<void> {
  if (!masthead) return;
  await q.run(
    'issues.applyMasthead',
    `UPDATE issues SET issue_number = coalesce($1, issue_number), page_count = coalesce($2, page_count), masthead_json = coalesce(masthead_json, $3) WHERE id = $4`,
    [masthead.issueNumber, masthead.pageCount, JSON.stringify(masthead), issueId],
  );
}
