// A replica's sync conflicts for the app (issue 13 §5; contract shared/contract/replica.ts):
// listing them with both versions, and resolving one by the user's choice (migration 0016 keeps
// it until a sync has told the server, electron/sync/conflict-choices.ts). The tables are
// migration 0013's, written by `galley sync` (electron/sync/replica-store.ts); on an archive that
// is not a replica they are empty and `replica` is null.
//   mine    the kept local version is saved as the page's next revision here (its state too), so
//           the next sync finds the page edited at the server's revision and sends it as a save
//   server  nothing changes here (the page already holds the server's version)
//   both    nothing changes here; the local version stays kept with the conflict, readable
import { z } from 'zod';
import type { PageRecord, StoredItem } from '../../shared/domain.ts';
import type { ConflictChoice, ReplicaStatus, SyncConflictView } from '../../shared/contract/replica.ts';
import type { Actor, Archive } from './archive-api.ts';
import type { Db } from './db.ts';
import { fail } from './context.ts';

/** A row of sync_conflicts (migrations 0013 and 0016), as the replica's store and this screen read it. */
export interface ConflictRow {
  id: string;
  origin_page_id: number;
  local_page_id: number | null;
  reason: SyncConflictView['reason'];
  message: string;
  base_revision: number;
  server_revision: number | null;
  local_json: string;
  by_name: string;
  at: string;
  resolved_at: string | null;
  resolution: ConflictChoice | null;
  resolution_sent_at: string | null;
}

/** What sync kept of the local page (replica-store.ts localCopySchema), read leniently for display. */
const keptSchema = z.object({
  text: z.string(),
  state: z.enum(['imported', 'in-progress', 'proofed']).or(z.string()),
  items: z.array(z.record(z.string(), z.unknown())),
  localRevision: z.number().int().nonnegative(),
});

const headlinesOf = (items: readonly { headline?: unknown }[]) =>
  items.map((i) => (typeof i.headline === 'string' ? i.headline : '')).filter((h) => h.length > 0).slice(0, 12);

export type ConflictPages = Pick<Archive, 'getPage' | 'savePage' | 'setPageState'>;

function kept(row: ConflictRow) {
  return keptSchema.parse(JSON.parse(row.local_json));
}

function view(db: Db, pages: ConflictPages, row: ConflictRow): SyncConflictView {
  const local = kept(row);
  let current: PageRecord | null = null;
  let page: SyncConflictView['page'] = null;
  if (row.local_page_id !== null) {
    const label = db
      .stmt(
        'replicaConflicts.page',
        `SELECT p.issue_id, p.page_number, p.source_name, i.date, pub.title FROM pages p JOIN issues i ON i.id = p.issue_id JOIN publications pub ON pub.id = i.publication_id WHERE p.id = ?`,
      )
      .get<{ issue_id: number; page_number: number | null; source_name: string; date: string | null; title: string }>(row.local_page_id);
    if (label) {
      page = { issueId: label.issue_id, publication: label.title, date: label.date, pageNumber: label.page_number, sourceName: label.source_name };
      current = pages.getPage(row.local_page_id);
    }
  }
  const state = (s: string) => (s === 'in-progress' || s === 'proofed' ? s : 'imported') as PageRecord['state'];
  return {
    id: row.id,
    originPageId: row.origin_page_id,
    localPageId: row.local_page_id,
    page,
    reason: row.reason,
    message: row.message,
    baseRevision: row.base_revision,
    serverRevision: row.server_revision,
    by: row.by_name,
    at: row.at,
    resolvedAt: row.resolved_at,
    resolution: row.resolution,
    sent: row.resolution_sent_at !== null,
    mine: { text: local.text, state: state(String(local.state)), revision: local.localRevision, items: local.items.length, headlines: headlinesOf(local.items) },
    current: current
      ? { text: current.text, state: current.state, revision: current.revision, items: current.items.length, headlines: headlinesOf(current.items) }
      : null,
  };
}

const rowById = (db: Db, id: string) => db.stmt('replicaConflicts.byId', 'SELECT * FROM sync_conflicts WHERE id = ?').get<ConflictRow>(id);

export function listSyncConflicts(db: Db, pages: ConflictPages, all: boolean): ReplicaStatus {
  const info = db
    .stmt('replicaConflicts.info', 'SELECT source, checked_out_at, checked_out_by, synced_at FROM replica WHERE id = 1')
    .get<{ source: string; checked_out_at: string; checked_out_by: string; synced_at: string | null }>();
  const sql = all ? 'SELECT * FROM sync_conflicts ORDER BY resolved_at IS NOT NULL, at, id' : 'SELECT * FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY at, id';
  const rows = db.stmt(all ? 'replicaConflicts.all' : 'replicaConflicts.open', sql).all<ConflictRow>();
  return {
    replica: info ? { source: info.source, checkedOutAt: info.checked_out_at, checkedOutBy: info.checked_out_by, syncedAt: info.synced_at } : null,
    conflicts: rows.map((r) => view(db, pages, r)),
  };
}

/** Resolves an open conflict by the user's choice, in one transaction with the page's change. */
export function resolveSyncConflict(db: Db, pages: ConflictPages, id: string, choice: ConflictChoice, actor: Actor, now: () => string): SyncConflictView {
  return db.tx(() => {
    const row = rowById(db, id);
    if (!row) return fail('not-found', `no conflict ${id} in this archive`);
    if (row.resolved_at !== null) return fail('invalid-input', `conflict ${id} was already resolved (${row.resolution ?? 'by hand'})`);
    if (choice === 'mine') {
      if (row.local_page_id === null || !db.stmt('replicaConflicts.pageExists', 'SELECT 1 AS x FROM pages WHERE id = ?').get(row.local_page_id)) {
        return fail('invalid-input', `the page of conflict ${id} is no longer in this archive; keep both to keep your version as a copy`);
      }
      const local = kept(row);
      const page = pages.getPage(row.local_page_id);
      // Items the page still has keep their ids (their tags' history); the others come back new.
      const present = new Set(page.items.map((i) => i.id));
      const items = (local.items as unknown as StoredItem[]).map((item) => {
        if (item.id !== undefined && present.has(item.id)) return item;
        const { id: _dropped, ...rest } = item;
        return rest as StoredItem;
      });
      pages.savePage({ pageId: page.id, baseRevision: page.revision, text: local.text, items }, actor);
      const state = String(local.state);
      if ((state === 'imported' || state === 'in-progress' || state === 'proofed') && state !== page.state) pages.setPageState(page.id, state, actor);
    }
    db.stmt('replicaConflicts.resolve', 'UPDATE sync_conflicts SET resolved_at = ?, resolution = ?, resolution_sent_at = NULL WHERE id = ?').run(now(), choice, id);
    return view(db, pages, rowById(db, id)!);
  });
}
