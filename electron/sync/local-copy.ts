// Writing the server's version of a page into the replica: a new page (checkout, or one added on
// the server since) is imported with the server's own segmentation, then saved with the server's
// exact items and tags and given its state; a page already here is brought in step the same way.
// Afterwards the replica row records the pair of revisions and each item's ids on both sides.
import type { IssueSummary, PageRecord, StoredItem } from '../../shared/domain.ts';
import type { Actor, Archive } from '../archive/archive-api.ts';
import { asSegmentedItem, fingerprint, sameContentAndTags } from './page-content.ts';
import type { ReplicaItem, ReplicaPage } from './replica-store.ts';

/** A replica that cannot be made as asked (the message says why, in one line). */
export class SyncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncError';
  }
}

/** Makes the local page equal to the server page (text, items, tags, state) and returns its replica row. */
export function settleLocalPage(
  local: Archive,
  localPageId: number,
  server: PageRecord,
  originIssueId: number,
  known: readonly ReplicaItem[],
  actor: Actor,
): ReplicaPage {
  let page = local.getPage(localPageId);
  if (!sameContentAndTags(page, server)) {
    // Keep the local ids of items the server still has, so the desktop's open views stay valid.
    const localIdOf = new Map(known.map((m) => [m.origin, m.local]));
    const present = new Set(page.items.map((i) => i.id));
    const items: StoredItem[] = server.items.map((item) => {
      const id = item.id !== undefined ? localIdOf.get(item.id) : undefined;
      const { id: _id, ...rest } = item;
      return id !== undefined && present.has(id) ? { ...rest, id } : rest;
    });
    local.savePage({ pageId: localPageId, baseRevision: page.revision, text: server.text, items }, actor);
    page = local.getPage(localPageId);
  }
  if (page.state !== server.state) {
    local.setPageState(localPageId, server.state, actor);
    page = local.getPage(localPageId);
  }
  if (page.items.length !== server.items.length) {
    throw new SyncError(`page ${server.id}: the copy has ${page.items.length} items, the server ${server.items.length}`);
  }
  const items = server.items.map((item, i): ReplicaItem => {
    const here = page.items[i]!;
    if (item.id === undefined || here.id === undefined) throw new SyncError(`page ${server.id}: an item has no id`);
    return { origin: item.id, local: here.id, tags: [...item.tags] };
  });
  return {
    localPageId,
    originPageId: server.id,
    originIssueId,
    baseRevision: server.revision,
    localRevision: page.revision,
    state: page.state,
    fingerprint: fingerprint(page),
    items,
  };
}

/** Copies a server page the replica does not have yet; returns its row and the local issue it joined. */
export function copyNewPage(
  local: Archive,
  server: PageRecord,
  issue: IssueSummary,
  publicationTitle: string,
  actor: Actor,
): { row: ReplicaPage; localIssueId: number } {
  const outcome = local.importPage(
    {
      sourceName: server.sourceName,
      text: server.text,
      encoding: server.encoding,
      pageNumberHint: server.pageNumber,
      dateHint: issue.date,
      publicationHint: publicationTitle,
      // Undated issues group by folder: one folder per server issue keeps their pages together.
      folderHint: `galley-replica/issue-${issue.id}`,
      segmentation: { schema: 'galley.segmentation/1', masthead: server.masthead, items: server.items.map(asSegmentedItem) },
    },
    actor,
  );
  if (outcome.status !== 'imported') {
    throw new SyncError(
      `page ${server.id} (${server.sourceName}) has the same text as local page ${outcome.pageId}; check the issue out into another file`,
    );
  }
  return { row: settleLocalPage(local, outcome.pageId, server, issue.id, [], actor), localIssueId: outcome.issueId };
}
