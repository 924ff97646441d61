// `galley sync`: sends a replica's work back to its server, page by page, then brings the page in
// step with the server (pull). Per page (see README "Working offline"):
//   - edited here, server still at the base revision -> page.edit with that base: the replica's
//     own edit ops since it was last in step, replayed (push-ops.ts); a replica page with older
//     whole-page revisions takes the legacy path, ops worked out from the two pages; tags follow
//     as set deltas on the items as they now stand;
//   - edited here and on the server -> CONFLICT: the server keeps its version, the local version
//     is kept whole in sync_conflicts here and as a `sync-conflict:ID` setting on the server;
//   - tags changed here -> the adds and removes applied to the server's current tags (sets);
//   - state changed here (e.g. proofed offline) -> page.setState; approve/export stay server-side;
//   - a refusal (role, approved issue) or a page gone from the server -> kept as a conflict too.
// Every server write goes through the service layer as the authenticated user. Afterwards the
// local page equals the server's, so a second sync sends nothing.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/app-error.ts';
import { MAX_EDIT_OPS } from '../../shared/edit-ops.ts';
import type { PageRecord } from '../../shared/domain.ts';
import { EditError } from '../../core/edit/index.ts';
import type { SqliteArchive } from '../archive/sqlite-archive.ts';
import type { Actor } from '../archive/archive-api.ts';
import { copyNewPage, settleLocalPage, SyncError } from './local-copy.ts';
import { fingerprint, tagDelta } from './page-content.ts';
import { pushPlan } from './push-ops.ts';
import { ReplicaStore, type ConflictReason, type ReplicaPage, type SyncConflict } from './replica-store.ts';
import { actingProfile, localActor, type SyncServer } from './server.ts';
import { sendConflictChoices } from './conflict-choices.ts';

export interface SyncReport {
  /** Pages whose local edits were sent to the server (as edit ops). */
  saved: number;
  /** Items whose tag changes were applied on the server. */
  tagged: number;
  /** Page states sent. */
  states: number;
  /** Pages brought in step with the server's newer version. */
  pulled: number;
  /** Pages added on the server since the checkout, copied here. */
  added: number;
  conflicts: SyncConflict[];
  /** Choices made on earlier conflicts in the app, carried to the server (conflict-choices.ts); absent when none. */
  choices?: number;
}

interface Outcome {
  conflicts: SyncConflict[];
  saved: boolean;
  tagged: number;
  state: boolean;
}

// bad-request: an edit op the server's page refuses (edit-*): kept as a refused change, never dropped.
const reasonOf = (e: unknown): ConflictReason | null =>
  e instanceof AppError
    ? e.code === 'not-found'
      ? 'gone'
      : e.code === 'conflict'
        ? 'both-changed'
        : ['forbidden', 'refused', 'no-profile', 'read-only', 'bad-request'].includes(e.code)
          ? 'refused'
          : null
    : null;

type Conflict = (reason: ConflictReason, message: string) => SyncConflict;

/**
 * Sends the local page's content change as edit ops on the server page `there` (still at the
 * base revision), in batches the contract takes, each on the revision the one before made.
 * False (with the conflict kept) when it cannot be expressed as ops or the server refuses it.
 */
async function pushContent(server: SyncServer, local: SqliteArchive, row: ReplicaPage, here: PageRecord, there: PageRecord, out: Outcome, conflict: Conflict): Promise<boolean> {
  let plan: ReturnType<typeof pushPlan>;
  try {
    plan = pushPlan(local, row, here, there);
  } catch (e) {
    if (!(e instanceof EditError)) throw e;
    out.conflicts.push(conflict('refused', `page ${row.originPageId}: the offline version cannot be sent as edit operations (${e.message}); it is kept here`));
    return false;
  }
  if (plan.ops.length === 0) return true;
  out.tagged = plan.ops.filter((op) => op.op === 'tags').length;
  let revision = row.baseRevision;
  try {
    for (let i = 0; i < plan.ops.length; i += MAX_EDIT_OPS) {
      ({ revision } = await server.call('page.edit', { pageId: row.originPageId, baseRevision: revision, ops: plan.ops.slice(i, i + MAX_EDIT_OPS) }));
    }
  } catch (e) {
    const reason = reasonOf(e);
    if (!reason) throw e;
    const how = plan.path === 'legacy' ? ` (legacy path: ${plan.why})` : '';
    out.conflicts.push(conflict(reason, `edit${how}: ${(e as Error).message}`));
    out.tagged = 0;
    return false;
  }
  return true;
}

async function pushPage(server: SyncServer, local: SqliteArchive, row: ReplicaPage, here: PageRecord, there: PageRecord | null, conflict: Conflict): Promise<Outcome> {
  const out: Outcome = { conflicts: [], saved: false, tagged: 0, state: false };
  const edited = fingerprint(here) !== row.fingerprint;
  const deltas = row.items.flatMap((m) => {
    const item = here.items.find((i) => i.id === m.local);
    if (!item) return []; // removed here: part of the edit
    const d = tagDelta(m.tags, item.tags);
    return d.add.length + d.remove.length > 0 ? [{ origin: m.origin, ...d }] : [];
  });
  const stateChanged = here.state !== row.state;
  if (!edited && deltas.length === 0 && !stateChanged) return out;
  if (!there) {
    out.conflicts.push(conflict('gone', `page ${row.originPageId} is no longer on the server`));
    return out;
  }
  const attempt = async (what: string, fn: () => Promise<unknown>): Promise<boolean> => {
    try {
      await fn();
      return true;
    } catch (e) {
      const reason = reasonOf(e);
      if (!reason) throw e;
      out.conflicts.push(conflict(reason, `${what}: ${(e as Error).message}`));
      return false;
    }
  };

  let contentConflict = false;
  // The server already holds this very content (an earlier sync saved it and stopped before the
  // local refresh, or someone made the same fix): in step, no conflict; tags still merge below.
  const alreadyThere = edited && fingerprint(there) === fingerprint(here);
  if (edited && !alreadyThere) {
    if (there.revision === row.baseRevision) {
      // The server page is as it was at checkout: the local edits, as ops, make its next revision(s).
      out.saved = await pushContent(server, local, row, here, there, out, conflict);
      contentConflict = !out.saved;
      if (out.saved) {
        const sent = await server.archive.getPage(row.originPageId);
        if (fingerprint(sent) !== fingerprint(here)) {
          // Replayed ops gave another page than this copy (they should not): keep the copy whole.
          contentConflict = true;
          out.conflicts.push(conflict('refused', `page ${row.originPageId}: the server's page after the edit differs from the offline version; the offline version is kept here`));
        }
      }
    } else {
      contentConflict = true;
      out.conflicts.push(
        conflict('both-changed', `page ${row.originPageId} was edited here and on the server (revision ${row.baseRevision} -> ${there.revision}); the server kept its version`),
      );
    }
  }
  if (!out.saved) {
    // Tags merge as sets whatever happened to the text: the local adds and removes on the server's current tags.
    const onServer = new Set(there.items.map((i) => i.id));
    const missing = deltas.filter((d) => !onServer.has(d.origin));
    if (missing.length > 0) {
      out.conflicts.push(conflict('gone', `tags of item(s) ${missing.map((d) => `#${d.origin}`).join(', ')} not applied: the item is no longer on the server page`));
    }
    for (const d of deltas.filter((x) => onServer.has(x.origin))) {
      if (await attempt(`tags of #${d.origin}`, () => server.call('tags.addToItems', { itemIds: [d.origin], add: d.add, remove: d.remove }))) out.tagged++;
    }
  } else {
    // The batch ended with the tags; should the server still differ (it should not), deltas follow.
    const sent = await server.archive.getPage(row.originPageId);
    if (sent.items.length === here.items.length) {
      for (const [i, item] of here.items.entries()) {
        const d = tagDelta(sent.items[i]!.tags, item.tags);
        const id = sent.items[i]!.id;
        if (id === undefined || d.add.length + d.remove.length === 0) continue;
        if (await attempt(`tags of #${id}`, () => server.call('tags.addToItems', { itemIds: [id], add: d.add, remove: d.remove }))) out.tagged++;
      }
    }
  }
  // A state set offline refers to the local version: not sent when that version did not go through.
  if (stateChanged && !contentConflict) {
    out.state = await attempt(`state ${here.state}`, () => server.call('page.setState', { pageId: row.originPageId, state: here.state }));
  }
  return out;
}

export async function sync(server: SyncServer, local: SqliteArchive, now: () => string = () => new Date().toISOString()): Promise<SyncReport> {
  const store = new ReplicaStore(local.db);
  const info = store.info();
  if (!info) throw new SyncError(`${local.path} is not a replica (make one with galley checkout ISSUE... --from URL --to ${local.path})`);
  const who = await actingProfile(server);
  const actor: Actor = localActor(local, who);
  const report: SyncReport = { saved: 0, tagged: 0, states: 0, pulled: 0, added: 0, conflicts: [] };
  // Approval is the server's: a replica issue approved here could not take the server's version.
  for (const { localIssueId, originIssueId } of store.issues()) {
    const state = local.getIssue(localIssueId).state;
    if (state === 'approved' || state === 'exported') {
      throw new SyncError(
        `issue ${originIssueId} is ${state} in ${local.path}, but approval happens on the server: reopen it there (galley reopen ${localIssueId} --reason … --archive ${local.path}) and sync again; nothing was sent`,
      );
    }
  }

  for (const row of store.pages()) {
    const here = local.getPage(row.localPageId);
    const read = () => server.archive.getPage(row.originPageId).catch((e: unknown) => {
      if (e instanceof Error && (e as { code?: string }).code === 'not-found') return null;
      throw e;
    });
    const conflict = (reason: ConflictReason, message: string): SyncConflict => ({
      id: randomUUID(),
      originPageId: row.originPageId,
      localPageId: row.localPageId,
      reason,
      message,
      baseRevision: row.baseRevision,
      serverRevision: null,
      local: { text: here.text, state: here.state, items: here.items, localRevision: here.revision },
      by: who.name,
      at: now(),
      resolvedAt: null,
    });
    const out = await pushPage(server, local, row, here, await read(), conflict);
    const after = await read();
    for (const c of out.conflicts) {
      c.serverRevision = after?.revision ?? null;
      // Kept on the server too, revision-less: a setting the team's tools can list.
      await server.archive.setSetting(`sync-conflict:${c.id}`, JSON.stringify({ ...c, source: local.path }));
    }
    store.tx(() => {
      for (const c of out.conflicts) store.addConflict(c);
      if (!after) return;
      const settled = settleLocalPage(local, row.localPageId, after, row.originIssueId, row.items, actor);
      // Pulled: the server's version differed from what this sync left here (its own sends excluded).
      if (settled.localRevision !== here.revision) report.pulled++;
      store.putPage(settled);
    });
    if (out.saved) report.saved++;
    report.tagged += out.tagged;
    if (out.state) report.states++;
    report.conflicts.push(...out.conflicts);
  }

  // Pages added on the server to a checked-out issue since the checkout.
  const titles = new Map((await server.archive.listPublications()).map((p) => [p.id, p.title]));
  for (const { originIssueId } of store.issues()) {
    const known = new Set(store.pages(originIssueId).map((p) => p.originPageId));
    const issue = await server.archive.getIssue(originIssueId).catch(() => null);
    if (!issue) continue;
    const fresh: PageRecord[] = [];
    for (const p of await server.archive.listPages(originIssueId)) if (!known.has(p.id)) fresh.push(await server.archive.getPage(p.id));
    if (fresh.length === 0) continue;
    const title = titles.get(issue.publicationId) ?? '';
    store.tx(() => {
      for (const page of fresh) {
        store.putPage(copyNewPage(local, page, issue, title, actor).row);
        report.added++;
      }
    });
  }
  // After the pages: a conflict resolved as 'mine' has just gone back as an edit.
  const choices = await sendConflictChoices(server, local.db, now);
  if (choices > 0) report.choices = choices;
  store.markSynced(now());
  return report;
}
