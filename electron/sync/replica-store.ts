// The replica's own bookkeeping (migration 0013) on the laptop's SQLite archive: where it came
// from, which issues and pages are checked out at which server revision, and the conflicts kept.
// Only these tables are written here; pages, items and tags go through the Archive interface.
import { z } from 'zod';
import type { Db } from '../archive/db.ts';
import type { ConflictRow } from '../archive/replica-conflicts.ts';
import type { PageRecord, StoredItem } from '../../shared/domain.ts';
import { pageStateSchema } from '../../shared/domain.ts';

/** One item of a checked-out page: its id on the server and here, and its tags when last in step. */
export const replicaItemSchema = z.object({ origin: z.number().int().positive(), local: z.number().int().positive(), tags: z.array(z.string()) });
export type ReplicaItem = z.infer<typeof replicaItemSchema>;

export interface ReplicaPage {
  localPageId: number;
  originPageId: number;
  originIssueId: number;
  /** The server revision the local page matched when it was last in step. */
  baseRevision: number;
  /** The local revision at that point. */
  localRevision: number;
  state: z.infer<typeof pageStateSchema>;
  /** Text and items without ids and tags (fingerprint.ts): a change means the page was edited here. */
  fingerprint: string;
  items: ReplicaItem[];
}

export interface ReplicaInfo {
  source: string;
  checkedOutAt: string;
  checkedOutBy: string;
  syncedAt: string | null;
}

/** What a conflict keeps of the local page: everything needed to redo the change by hand. */
export const localCopySchema = z.object({
  text: z.string(),
  state: pageStateSchema,
  items: z.array(z.unknown()),
  localRevision: z.number().int().nonnegative(),
});
export type LocalCopy = { text: string; state: PageRecord['state']; items: StoredItem[]; localRevision: number };

export type ConflictReason = 'both-changed' | 'refused' | 'gone';

export interface SyncConflict {
  id: string;
  originPageId: number;
  localPageId: number | null;
  reason: ConflictReason;
  message: string;
  baseRevision: number;
  serverRevision: number | null;
  local: LocalCopy;
  by: string;
  at: string;
  resolvedAt: string | null;
}

interface PageRow {
  local_page_id: number;
  origin_page_id: number;
  origin_issue_id: number;
  base_revision: number;
  local_revision: number;
  state: string;
  fingerprint: string;
  items_json: string;
}

const pageFromRow = (r: PageRow): ReplicaPage => ({
  localPageId: r.local_page_id,
  originPageId: r.origin_page_id,
  originIssueId: r.origin_issue_id,
  baseRevision: r.base_revision,
  localRevision: r.local_revision,
  state: pageStateSchema.parse(r.state),
  fingerprint: r.fingerprint,
  items: z.array(replicaItemSchema).parse(JSON.parse(r.items_json)),
});

export class ReplicaStore {
  constructor(private readonly db: Db) {}

  info(): ReplicaInfo | null {
    const r = this.db
      .stmt('replica.get', 'SELECT source, checked_out_at, checked_out_by, synced_at FROM replica WHERE id = 1')
      .get<{ source: string; checked_out_at: string; checked_out_by: string; synced_at: string | null }>();
    return r ? { source: r.source, checkedOutAt: r.checked_out_at, checkedOutBy: r.checked_out_by, syncedAt: r.synced_at } : null;
  }

  /** Records the source on the first checkout; later checkouts must come from the same one. */
  setSource(source: string, at: string, by: string): void {
    this.db
      .stmt('replica.put', 'INSERT INTO replica(id, source, checked_out_at, checked_out_by) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO NOTHING')
      .run(source, at, by);
  }

  markSynced(at: string): void {
    this.db.stmt('replica.synced', 'UPDATE replica SET synced_at = ? WHERE id = 1').run(at);
  }

  /** Local issue id of a checked-out server issue, or null. */
  localIssueOf(originIssueId: number): number | null {
    return this.db.stmt('replica_issues.byOrigin', 'SELECT local_issue_id FROM replica_issues WHERE origin_issue_id = ?').get<{ local_issue_id: number }>(originIssueId)?.local_issue_id ?? null;
  }

  issues(): { localIssueId: number; originIssueId: number }[] {
    return this.db
      .stmt('replica_issues.all', 'SELECT local_issue_id, origin_issue_id FROM replica_issues ORDER BY origin_issue_id')
      .all<{ local_issue_id: number; origin_issue_id: number }>()
      .map((r) => ({ localIssueId: r.local_issue_id, originIssueId: r.origin_issue_id }));
  }

  putIssue(localIssueId: number, originIssueId: number): void {
    this.db.stmt('replica_issues.put', 'INSERT OR REPLACE INTO replica_issues(local_issue_id, origin_issue_id) VALUES (?, ?)').run(localIssueId, originIssueId);
  }

  pages(originIssueId?: number): ReplicaPage[] {
    const rows =
      originIssueId === undefined
        ? this.db.stmt('replica_pages.all', 'SELECT * FROM replica_pages ORDER BY origin_issue_id, origin_page_id').all<PageRow>()
        : this.db.stmt('replica_pages.ofIssue', 'SELECT * FROM replica_pages WHERE origin_issue_id = ? ORDER BY origin_page_id').all<PageRow>(originIssueId);
    return rows.map(pageFromRow);
  }

  putPage(p: ReplicaPage): void {
    this.db
      .stmt(
        'replica_pages.put',
        `INSERT OR REPLACE INTO replica_pages(local_page_id, origin_page_id, origin_issue_id, base_revision, local_revision, state, fingerprint, items_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.localPageId, p.originPageId, p.originIssueId, p.baseRevision, p.localRevision, p.state, p.fingerprint, JSON.stringify(p.items));
  }

  addConflict(c: SyncConflict): void {
    this.db
      .stmt(
        'sync_conflicts.insert',
        `INSERT INTO sync_conflicts(id, origin_page_id, local_page_id, reason, message, base_revision, server_revision, local_json, by_name, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.id, c.originPageId, c.localPageId, c.reason, c.message, c.baseRevision, c.serverRevision, JSON.stringify(c.local), c.by, c.at);
  }

  /** Open conflicts first, oldest first; `all` includes the resolved ones. */
  conflicts(all = false): SyncConflict[] {
    const sql = all ? 'SELECT * FROM sync_conflicts ORDER BY at, id' : 'SELECT * FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY at, id';
    return this.db.stmt(all ? 'sync_conflicts.all' : 'sync_conflicts.open', sql).all<ConflictRow>().map((r) => ({
      id: r.id,
      originPageId: r.origin_page_id,
      localPageId: r.local_page_id,
      reason: r.reason,
      message: r.message,
      baseRevision: r.base_revision,
      serverRevision: r.server_revision,
      local: localCopySchema.parse(JSON.parse(r.local_json)) as LocalCopy,
      by: r.by_name,
      at: r.at,
      resolvedAt: r.resolved_at,
    }));
  }

  /** Marks a conflict resolved (the user redid or dropped the change); false when there is no open one with that id. */
  resolveConflict(id: string, at: string): boolean {
    return this.db.stmt('sync_conflicts.resolve', 'UPDATE sync_conflicts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL').run(at, id).changes === 1;
  }

  tx<R>(fn: () => R): R {
    return this.db.tx(fn);
  }
}
