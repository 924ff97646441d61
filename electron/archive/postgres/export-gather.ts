// Everything an export needs (galley.issue-export/1) on PostgreSQL, read from one snapshot: the
// issue, its publication and masthead, every page with its items and stories, the approvals and a
// summary of the revisions (as ../export-gather.ts).
import type { Role } from '../../../shared/roles.ts';
import { ISSUE_EXPORT_SCHEMA, type ExportPage, type IssueExport } from '../../../shared/export.ts';
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
      const stories = new Map(storyRows.map((r) => [r.id, r.story_id]));
      pages.push({
        pageNumber: page.pageNumber !== null && page.pageNumber > 0 ? page.pageNumber : null,
        sourceName: page.sourceName,
        text: page.text,
        items: page.items.map((item) => {
          const id = item.id!;
          const storyId = stories.get(id) ?? null;
          return { ...item, id, tags: item.tags, ...(storyId !== null ? { storyId } : {}) };
        }),
      });
    }
    const approvals = (
      await q.all<{ at: string; by_name: string; role: Role; event: 'approve' | 'reopen' | 'export'; reason: string | null }>(
        'issue_history.approvals',
        `SELECT at, by_name, role, event, reason FROM issue_history WHERE issue_id = $1 AND event <> 'pages-changed' ORDER BY id`,
        [issueId],
      )
    ).map((r) => ({ at: r.at, by: r.by_name, role: r.role, action: r.event, reason: r.reason }));
    const revs = (await q.one<{ n: number; last: number | null }>(
      'revisions.summaryOfIssue',
      `SELECT count(*)::int AS n, max(r.id) AS last FROM revisions r JOIN pages p ON p.id = r.entity_id
       WHERE r.entity = 'page' AND p.issue_id = $1 AND r.action IN ('save', 'restore', 'tag')`,
      [issueId],
    ))!;
    const last = revs.last === null ? undefined : await q.one<{ at: string; actor: string }>('revisions.whoWhen', 'SELECT at, actor FROM revisions WHERE id = $1', [revs.last]);
    const masthead = mastheadRow?.masthead_json ? JSON.parse(mastheadRow.masthead_json) : null;
    return {
      schema: ISSUE_EXPORT_SCHEMA,
      publication: { title: pub.title, titleLatin: pub.title_latin, serial: pub.serial, code: null },
      issue: { date: issue.date, issueNumber: issue.issueNumber, pageCount: issue.pageCount, state: issue.state, masthead },
      pages,
      approvals,
      revisions: { count: revs.n, lastAt: last?.at ?? null, lastBy: last?.actor ?? null },
      exportedAt,
    };
  });
}
