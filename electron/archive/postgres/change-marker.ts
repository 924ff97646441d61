// The PostgreSQL archive's change marker (archive-api.ts changeMarker): every committed change is
// logged — page, tag, profile and vocabulary changes as revisions, issue state changes in the issue
// history — so the newest id of each moves whenever anyone, on any server, commits one. (This
// server's own changes move it too; a host's extra refresh after its own write is harmless.)
import type { PgContext } from './context.ts';

export function changeMarker(ctx: PgContext): Promise<string> {
  return ctx.read(async (q) => {
    const r = await q.one<{ marker: string }>(
      'changeMarker',
      `SELECT coalesce((SELECT max(id) FROM revisions), 0) || ':' || coalesce((SELECT max(id) FROM issue_history), 0) AS marker`,
    );
    return r!.marker;
  });
}
