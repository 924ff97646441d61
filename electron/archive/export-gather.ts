// Everything an export needs (galley.issue-export/1): the issue, its publication and masthead,
// every page with its items and stories, the approvals and a summary of the revisions.
import type { Role } from '../../shared/roles.ts';
import { ISSUE_EXPORT_SCHEMA, type ExportPage, type IssueExport } from '../../shared/export.ts';
import type { ArchiveContext } from './context.ts';
import { getIssue } from './issues.ts';
import { getPage, listPages } from './pages.ts';
import type { IssueSummary, PageRecord } from '../../shared/domain.ts';

/** The rows an export is made of, read by either archive. */
export interface ExportRows {
  issue: IssueSummary;
  pub: { title: string; title_latin: string | null; serial: string | null };
  mastheadJson: string | null;
  pages: ExportPage[];
  approvals: { at: string; by_name: string; role: Role; event: 'approve' | 'reopen' | 'export'; reason: string | null }[];
  revisions: { n: number; last: { at: string; actor: string } | null };
  exportedAt: string;
}

/** A page for the export: its items with their ids and story ids (`stories`: item id → story id). */
export function exportPage(page: PageRecord, stories: ReadonlyMap<number, number | null>): ExportPage {
  return {
    pageNumber: page.pageNumber !== null && page.pageNumber > 0 ? page.pageNumber : null,
    sourceName: page.sourceName,
    text: page.text,
    items: page.items.map((item) => {
      const id = item.id!;
      const storyId = stories.get(id) ?? null;
      return { ...item, id, tags: item.tags, ...(storyId !== null ? { storyId } : {}) };
    }),
  };
}

/** galley.issue-export/1 from the rows (the same for both archives). */
export function issueExportFrom(r: ExportRows): IssueExport {
  const { issue, pub } = r;
  return {
    schema: ISSUE_EXPORT_SCHEMA,
    publication: { title: pub.title, titleLatin: pub.title_latin, serial: pub.serial, code: null },
    issue: { date: issue.date, issueNumber: issue.issueNumber, pageCount: issue.pageCount, state: issue.state, masthead: r.mastheadJson ? JSON.parse(r.mastheadJson) : null },
    pages: r.pages,
    approvals: r.approvals.map((a) => ({ at: a.at, by: a.by_name, role: a.role, action: a.event, reason: a.reason })),
    revisions: { count: r.revisions.n, lastAt: r.revisions.last?.at ?? null, lastBy: r.revisions.last?.actor ?? null },
    exportedAt: r.exportedAt,
  };
}

export function issueForExport(ctx: ArchiveContext, issueId: number, exportedAt: string): IssueExport {
  const { db } = ctx;
  const issue = getIssue(ctx, issueId);
  const pub = db
    .stmt('publications.get', 'SELECT title, title_latin, serial FROM publications WHERE id = ?')
    .get<{ title: string; title_latin: string | null; serial: string | null }>(issue.publicationId)!;
  const mastheadRow = db.stmt('issues.masthead', 'SELECT masthead_json FROM issues WHERE id = ?').get<{ masthead_json: string | null }>(issueId);
  const storyIds = db.stmt('items.storyIdsOfPage', 'SELECT id, story_id FROM items WHERE page_id = ?');
  const pages: ExportPage[] = listPages(ctx, issueId).map((summary) => {
    const page = getPage(ctx, summary.id);
    return exportPage(page, new Map(storyIds.all<{ id: number; story_id: number | null }>(page.id).map((r) => [r.id, r.story_id])));
  });
  const approvals = db
    .stmt('issue_history.approvals', `SELECT at, by_name, role, event, reason FROM issue_history WHERE issue_id = ? AND event <> 'pages-changed' ORDER BY id`)
    .all<ExportRows['approvals'][number]>(issueId);
  // The content changes: typed-op edits ('edit', the workspace's saves) count as whole-page saves did.
  const revs = db
    .stmt(
      'revisions.summaryOfIssue',
      `SELECT count(*) AS n, max(r.id) AS last FROM revisions r JOIN pages p ON p.id = r.entity_id
       WHERE r.entity = 'page' AND p.issue_id = ? AND r.action IN ('save', 'restore', 'tag', 'edit')`,
    )
    .get<{ n: number; last: number | null }>(issueId)!;
  const last = revs.last === null ? null : (db.stmt('revisions.whoWhen', 'SELECT at, actor FROM revisions WHERE id = ?').get<{ at: string; actor: string }>(revs.last) ?? null);
  return issueExportFrom({ issue, pub, mastheadJson: mastheadRow?.masthead_json ?? null, pages, approvals, revisions: { n: revs.n, last }, exportedAt });
}
