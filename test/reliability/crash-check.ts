// What the crash test checks after each SIGKILL of scripts/crash-writer.ts: the archive file is
// sound, every acknowledged change is there, and nothing half-written is visible.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Ack } from '../../scripts/crash-writer.ts';

export interface CheckReport {
  integrity: string;
  foreignKeyViolations: number;
  ftsIntegrity: string;
  /** Acknowledged page changes looked for, and how many were missing or different. */
  ackedChanges: number;
  lost: number;
  /** Revision-log rows no ack names (a commit that returned just before the kill). */
  unacked: number;
  /** Any other inconsistency (half-written page, items that do not match the revision...). */
  problems: string[];
  pages: number;
  items: number;
}

const PAGE_REF_JSON = '{"ref":"page"}';
const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

interface PageRow {
  id: number;
  text: string;
  revision: number;
  state: string;
}
interface ItemRow {
  id: number;
  page_id: number;
  ord: number;
  start_offset: number;
  end_offset: number;
  headline: string | null;
}
interface RevRow {
  id: number;
  entity_id: number;
  action: string;
  page_revision: number | null;
  after_json: string | null;
}

/**
 * Checks the archive at `path` against every ack read so far. Opens it read-write (FTS check).
 * `verified` carries the log ids whose snapshot an earlier check compared with its ack; their
 * rows are still looked for every time, their snapshots not parsed again.
 */
export function checkArchive(path: string, acks: readonly Ack[], verified: Set<number> = new Set()): CheckReport {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const problems: string[] = [];
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const fk = (db.pragma('foreign_key_check') as unknown[]).length;
    let ftsIntegrity = 'ok';
    try {
      // rank 0: the index's own structure (the index is contentless since migration 0017: there
      // is no content table to compare it with).
      db.prepare(`INSERT INTO items_fts(items_fts) VALUES ('integrity-check')`).run();
    } catch (e) {
      ftsIntegrity = (e as Error).message;
    }

    const pages = db.prepare('SELECT id, text, revision, state FROM pages').all() as PageRow[];
    const items = db.prepare('SELECT id, page_id, ord, start_offset, end_offset, headline FROM items ORDER BY page_id, ord').all() as ItemRow[];
    // Every log row without its snapshot; snapshots only for each page's latest entries and for
    // acks not verified by an earlier check (the log grows large under test:stress).
    const revs = db
      .prepare(`SELECT id, entity_id, action, page_revision, NULL AS after_json FROM revisions WHERE entity = 'page' ORDER BY id`)
      .all() as RevRow[];
    const snapshotOf = db.prepare('SELECT after_json FROM revisions WHERE id = ?').pluck();
    const latest = db.prepare(
      `SELECT id FROM revisions WHERE id IN (SELECT max(id) FROM revisions WHERE entity = 'page' GROUP BY entity_id)
       UNION SELECT id FROM revisions WHERE id IN (SELECT max(id) FROM revisions WHERE entity = 'page' AND action <> 'state' GROUP BY entity_id)`,
    ).pluck().all() as number[];
    // The items the contentless index holds a row for (its docsize table, migration 0017).
    const docs = new Set((db.prepare('SELECT id FROM items_fts_docsize').all() as { id: number }[]).map((r) => r.id));

    const itemsOf = new Map<number, ItemRow[]>();
    for (const i of items) {
      const list = itemsOf.get(i.page_id) ?? [];
      list.push(i);
      itemsOf.set(i.page_id, list);
      if (!docs.has(i.id)) problems.push(`item ${i.id} has no search document`);
    }
    if (docs.size !== items.length) problems.push(`${docs.size} search documents for ${items.length} items`);
    // An import revision refers to the page instead of copying it (electron/archive/revision-refs.ts):
    // its content is the "before" of the page's next change that logged a whole page, or the page row.
    const beforeOf = db.prepare('SELECT before_json FROM revisions WHERE id = ?').pluck();
    const contentOf = (r: RevRow, json: string | null): string | null => {
      if (json !== PAGE_REF_JSON) return json;
      const next = (revsOf.get(r.entity_id) ?? []).find((x) => x.id > r.id && x.action !== 'state');
      if (next) return beforeOf.get(next.id) as string | null;
      const page = pages.find((p) => p.id === r.entity_id);
      const items = (itemsOf.get(r.entity_id) ?? []).map((i) => ({ start: i.start_offset, end: i.end_offset, headline: i.headline }));
      return page ? JSON.stringify({ text: page.text, state: page.state, items }) : null;
    };
    const revsOf = new Map<number, RevRow[]>();
    const revById = new Map<number, RevRow>();
    const withSnapshot = new Set(latest);
    for (const r of revs) {
      if (withSnapshot.has(r.id)) r.after_json = snapshotOf.get(r.id) as string | null;
      revById.set(r.id, r);
      const list = revsOf.get(r.entity_id) ?? [];
      list.push(r);
      revsOf.set(r.entity_id, list);
    }

    // Every page: items complete and consistent with its latest revision-log entry.
    for (const p of pages) {
      const list = itemsOf.get(p.id) ?? [];
      const log = revsOf.get(p.id) ?? [];
      if (log.length === 0) problems.push(`page ${p.id} has no revision log`);
      if (list.length === 0) problems.push(`page ${p.id} has no items`);
      else {
        if (list[0]!.start_offset !== 0) problems.push(`page ${p.id}: first item starts at ${list[0]!.start_offset}`);
        for (let k = 1; k < list.length; k++) {
          if (list[k]!.start_offset !== list[k - 1]!.end_offset) problems.push(`page ${p.id}: gap or overlap before item ${k}`);
        }
        if (list[list.length - 1]!.end_offset !== p.text.length) problems.push(`page ${p.id}: items end before the text does`);
        list.forEach((it, k) => {
          if (it.ord !== k) problems.push(`page ${p.id}: item order ${it.ord} at ${k}`);
        });
      }
      const contentRev = [...log].reverse().find((r) => r.action !== 'state');
      const contentJson = contentRev ? contentOf(contentRev, contentRev.after_json) : null;
      if (contentRev && contentJson) {
        const after = JSON.parse(contentJson) as { text: string; items: { headline: string | null; start: number; end: number }[] };
        if (contentRev.page_revision !== p.revision) problems.push(`page ${p.id}: revision ${p.revision}, log says ${contentRev.page_revision}`);
        if (sha(after.text) !== sha(p.text)) problems.push(`page ${p.id}: text differs from its revision ${p.revision}`);
        if (after.items.length !== list.length) problems.push(`page ${p.id}: ${list.length} items, revision ${p.revision} has ${after.items.length}`);
        else {
          after.items.forEach((a, k) => {
            const b = list[k]!;
            if (a.start !== b.start_offset || a.end !== b.end_offset || a.headline !== b.headline) {
              problems.push(`page ${p.id}: item ${k} differs from revision ${p.revision}`);
            }
          });
        }
      }
      const last = log[log.length - 1];
      if (last?.after_json) {
        const after = JSON.parse(last.after_json) as { state?: string };
        if (after.state !== undefined && after.state !== p.state) problems.push(`page ${p.id}: state ${p.state}, its last log entry says ${after.state}`);
      }
    }

    // Every acknowledged change is present.
    const pageById = new Map(pages.map((p) => [p.id, p]));
    const acked = new Set<number>();
    let ackedChanges = 0;
    let lost = 0;
    const lastAckOf = new Map<number, Ack['pages'][number]>();
    for (const ack of acks) {
      for (const a of ack.pages) {
        ackedChanges++;
        acked.add(a.log);
        lastAckOf.set(a.page, a);
        const row = revById.get(a.log);
        const page = pageById.get(a.page);
        if (!page || !row || row.entity_id !== a.page || row.page_revision !== a.rev) {
          lost++;
          continue;
        }
        if (ack.op !== 'state' && !verified.has(a.log)) {
          const json = contentOf(row, row.after_json ?? (snapshotOf.get(a.log) as string | null));
          const after = json ? (JSON.parse(json) as { text: string; items: unknown[] }) : null;
          if (!after || sha(after.text) !== a.hash || after.items.length !== a.items) lost++;
          else verified.add(a.log);
        }
        if (page.revision < a.rev) lost++;
      }
    }
    // A page whose last log entry is acknowledged shows exactly what the ack saw.
    for (const [pageId, a] of lastAckOf) {
      const log = revsOf.get(pageId) ?? [];
      const page = pageById.get(pageId);
      if (!page || log[log.length - 1]?.id !== a.log) continue;
      if (page.revision !== a.rev || sha(page.text) !== a.hash || page.state !== a.state || (itemsOf.get(pageId)?.length ?? 0) !== a.items) {
        problems.push(`page ${pageId}: differs from its last acknowledged change`);
      }
    }
    const unacked = revs.filter((r) => !acked.has(r.id)).length;
    return { integrity, foreignKeyViolations: fk, ftsIntegrity, ackedChanges, lost, unacked, problems, pages: pages.length, items: items.length };
  } finally {
    db.close();
  }
}
