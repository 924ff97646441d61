// Everything an export needs (galley.issue-export/1) on PostgreSQL, read from one snapshot: the
// issue, its publication and masthead, every page with its items and stories, the approvals and a
// summary of the revisions (as ../export-gather.ts).
import type { ExportPage, IssueExport } from '../../../shared/export.ts';
import { exportPage, issueExportFrom, type ExportRows } from '../export-gather.ts';
import type { PgContext } from './context.ts';
import { getIssueIn } from './issues.ts';
import { getPageIn, listPagesIn } from './pages.ts';

export function issueForExport(ctx: PgContext, issueId: number, exportedAt: string): Promise<IssueExport> {
  return ctx.read(async (q) => {
    const issue = await getIssueIn(q, issueId);
    const pub = (await q.one<{ title: string; title_latin: string | null; serial: string | null }>(
      'publications.get',
      'SELECT title, title_latin, serial FROM publications WHERE id = $1',
      [issue.publicationId],
    ))!;
    const mastheadRow = await q.one<{ masthead_json: string | null }>('issues.masthead', 'SELECT masthead_json FROM issues WHERE id = $1', [issueId]);
    const pages: ExportPage[] = [];
    for (const summary of await listPagesIn(q, issueId)) {
      const page = await getPageIn(q, summary.id);
      const storyRows = await q.all<{ id: number; story_id: number | null }>('items.storyIdsOfPage', 'SELECT id, story_id FROM items WHERE page_id = $1', [page.id]);
      pages.push(exportPage(page, new Map(storyRows.map((r) => [r.id, r.story_id]))));
    }
    const approvals = await q.all<ExportRows['approvals'][number]>(
      'issue_history.approvals',
      `SELECT at, by_name, role, event, reason FROM issue_history WHERE issue_id = $1 AND event <> 'pages-changed' ORDER BY id`,
      [issueId],
    );
    // The content changes: typed-op edits ('edit', the workspace's saves) count as whole-page saves did.
    const revs = (await q.one<{ n: number; last: number | null }>(
      'revisions.summaryOfIssue',
      `SELECT count(*)::int AS n, max(r.id) AS last FROM revisions r JOIN pages p ON p.id = r.entity_id
       WHERE r.entity = 'page' AND p.issue_id = $1 AND r.action IN ('save', 'restore', 'tag', 'edit')`,
      [issueId],
    ))!;
    const last = revs.last === null ? null : ((await q.one<{ at: string; actor: string }>('revisions.whoWhen', 'SELECT at, actor FROM revisions WHERE id = $1', [revs.last])) ?? null);
    return issueExportFrom({ issue, pub, mastheadJson: mastheadRow?.masthead_json ?? null, pages, approvals, revisions: { n: revs.n, last }, exportedAt });
  });
}
