// SHA-256 of every revision, page text and item row, so damage that SQLite's own checks cannot see
// (a few flipped bytes inside a row's text pass quick_check and integrity_check) is found when the
// row is read, by `galley verify`, and by every backup — never served, exported or copied silently.
//
// The checksums are kept by triggers (migration 0009) that call galley_sha256(), a function this
// module registers on every connection the archive opens (db.ts) — so every write path, present or
// future, is covered without touching it. A connection without the function (the sqlite3 shell)
// cannot write those tables at all: "no such function: galley_sha256", never a row without its
// checksum. The digest is SHA-256 over JSON.stringify of the column values in a fixed order,
// computed in JavaScript both when written and when checked.
import { createHash, hash } from 'node:crypto';
import type Database from 'better-sqlite3';

export const CHECKSUM_FUNCTION = 'galley_sha256';

/** Columns each checksum covers, in order (columns of schema versions 1-6; later ones are not covered). */
export const REVISION_COLUMNS = ['at', 'actor', 'profile_id', 'role', 'entity', 'entity_id', 'action', 'page_revision', 'before_json', 'after_json'] as const;
export const PAGE_COLUMNS = ['raw_text', 'text', 'masthead_json'] as const;
export const ITEM_COLUMNS = [
  'page_id', 'ord', 'kind', 'start_offset', 'end_offset', 'kicker', 'headline', 'subheadline', 'series', 'byline',
  'paragraphs_json', 'continued_on', 'continued_from', 'flags_json', 'edited_fields_json',
] as const;

export function rowChecksum(values: readonly unknown[]): string {
  // One-shot hash: the same digest as createHash().update().digest('hex'), without a Hash object
  // per row (opening a page checks every one of its rows).
  return hash('sha256', JSON.stringify(values), 'hex');
}

export function registerChecksumFunction(db: Database.Database): void {
  db.function(CHECKSUM_FUNCTION, { deterministic: true, varargs: true }, (...values: unknown[]) => rowChecksum(values));
}

export type DamagedPart = 'revision' | 'page' | 'item' | 'item-set';

export interface DamagedRow {
  part: DamagedPart;
  /** The row's id (revision id, page id, item id; for an item set, the page id). */
  id: number;
  /** The page it belongs to (null for a revision of something that is not a page). */
  pageId: number | null;
  /** For a revision of a page: the page's revision number it records. */
  pageRevision: number | null;
  /** For an item set: the items its checksum record counts (null: the record is missing) and the items there. */
  items?: { expected: number | null; found: number };
}

export function describeDamage(d: DamagedRow): string {
  if (d.part === 'item-set') {
    const found = d.items?.found ?? 0;
    return d.items?.expected === null || d.items === undefined
      ? `item set of page ${d.pageId} has no checksum record (${found} items found)`
      : `item set of page ${d.pageId} does not match: ${d.items.expected} items expected, ${found} found`;
  }
  if (d.part === 'revision') {
    return d.pageId !== null && d.pageRevision !== null
      ? `damaged revision ${d.pageRevision} of page ${d.pageId}`
      : `damaged revision log entry ${d.id}${d.pageId !== null ? ` of page ${d.pageId}` : ''}`;
  }
  if (d.part === 'page') return `damaged text of page ${d.id}`;
  return `damaged item ${d.id} of page ${d.pageId}`;
}

/** A row whose content no longer matches its checksum. The message says how to restore. */
export class DamagedRowError extends Error {
  override readonly name = 'DamagedRowError';
  readonly code = 'damaged';
  constructor(
    readonly archivePath: string,
    readonly damaged: DamagedRow,
  ) {
    super(
      `${describeDamage(damaged)} in ${archivePath}: its content no longer matches its checksum, so Galley did not use it. ` +
        `Restore your last backup with: galley restore BACKUP_FILE --archive ${archivePath} ` +
        `(run galley verify --archive ${archivePath} to list every damaged row)`,
    );
  }
}

type Row = Record<string, unknown> & { id: number; checksum: string | null };

const cols = (list: readonly string[]) => list.join(', ');

// Statements of the read checks, prepared once per connection (they run on every page open).
const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function stmt(db: Database.Database, sql: string): Database.Statement {
  let byDb = prepared.get(db);
  if (!byDb) prepared.set(db, (byDb = new Map()));
  let s = byDb.get(sql);
  if (!s) byDb.set(sql, (s = db.prepare(sql)));
  return s;
}
const matches = (row: Row, columns: readonly string[]) => row.checksum !== null && row.checksum === rowChecksum(columns.map((c) => row[c] ?? null));

function revisionDamage(r: Row): DamagedRow {
  const isPage = r.entity === 'page';
  return { part: 'revision', id: r.id, pageId: isPage ? (r.entity_id as number) : null, pageRevision: isPage ? ((r.page_revision as number | null) ?? null) : null };
}

/** Checks one page's text, its items and its item set; throws DamagedRowError on the first mismatch. */
export function checkPageRows(db: Database.Database, archivePath: string, pageId: number): void {
  const page = stmt(db, `SELECT id, checksum, ${cols(PAGE_COLUMNS)} FROM pages WHERE id = ?`).get(pageId) as Row | undefined;
  if (page && !matches(page, PAGE_COLUMNS)) throw new DamagedRowError(archivePath, { part: 'page', id: pageId, pageId, pageRevision: null });
  const set: ItemSetRow[] = [];
  for (const item of stmt(db, `SELECT id, checksum, ${cols(ITEM_COLUMNS)} FROM items WHERE page_id = ? ORDER BY ord, id`).iterate(pageId) as Iterable<Row>) {
    if (!matches(item, ITEM_COLUMNS)) throw new DamagedRowError(archivePath, { part: 'item', id: item.id, pageId, pageRevision: null });
    set.push({ id: item.id, checksum: item.checksum });
  }
  if (page) checkItemSet(db, archivePath, pageId, set);
}

/**
 * Checks a page's items as read (in ord, id order) against its item-set record (migration 0014);
 * throws DamagedRowError naming the difference. For readers that load the rows anyway (page-read.ts).
 */
export function checkItemSet(db: Database.Database, archivePath: string, pageId: number, rows: readonly ItemSetRow[]): void {
  if (!hasItemSets(db)) return;
  const damage = itemSetDamage(pageId, stmt(db, 'SELECT item_count, checksum FROM item_sets WHERE page_id = ?').get(pageId) as StoredItemSet | undefined, rows);
  if (damage) throw new DamagedRowError(archivePath, damage);
}

// ---- The item set of a page (migration 0014) ---------------------------------------------------
// A checksum over the ids and row checksums of a page's items in order, with their number, so a row
// deleted whole or added is found (each row's own checksum cannot see that). Written by the
// archive's page writes (sealItemSet), never by a trigger, so a DELETE from anywhere else shows.

export interface ItemSetRow {
  id: number;
  checksum: string | null;
}
interface StoredItemSet {
  item_count: number;
  checksum: string;
}

/** SHA-256 over "id:checksum" lines joined by "\n", in the items' order (as migration 0014 wrote it). */
export function itemSetChecksum(rows: readonly ItemSetRow[]): string {
  return createHash('sha256')
    .update(rows.map((r) => `${r.id}:${r.checksum ?? ''}`).join('\n'))
    .digest('hex');
}

/** The damage of one page's item set, or null when the stored record matches the items found. */
export function itemSetDamage(pageId: number, stored: StoredItemSet | undefined, found: readonly ItemSetRow[]): DamagedRow | null {
  if (stored && stored.item_count === found.length && stored.checksum === itemSetChecksum(found)) return null;
  return { part: 'item-set', id: pageId, pageId, pageRevision: null, items: { expected: stored ? stored.item_count : null, found: found.length } };
}

const itemSetsKnown = new WeakMap<Database.Database, boolean>();
/** Whether the archive has item set records (migration 0014 applied); cached per connection. */
export function hasItemSets(db: Database.Database): boolean {
  let known = itemSetsKnown.get(db);
  if (known === undefined) {
    known = (db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'item_sets'`).get() as { n: number }).n === 1;
    // Only a positive answer is cached: an archive migrated later on this connection gains the table.
    if (known) itemSetsKnown.set(db, known);
  }
  return known;
}

/**
 * Records the item set of a page as it now is. Every archive write that inserts, deletes or rewrites
 * a page's items calls this inside the same transaction, after the items (their row checksums are
 * written by 0009's triggers, so they are read back rather than recomputed).
 */
export function sealItemSet(db: Database.Database, pageId: number): void {
  // One "id:checksum" string per row straight from SQLite (no row objects): a page of 10,000 items
  // is sealed in a few milliseconds. The same text itemSetChecksum hashes.
  const lines = stmt(db, `SELECT id || ':' || coalesce(checksum, '') FROM items WHERE page_id = ? ORDER BY ord, id`).pluck().all(pageId) as string[];
  stmt(
    db,
    `INSERT INTO item_sets(page_id, item_count, checksum) VALUES (?, ?, ?)
     ON CONFLICT(page_id) DO UPDATE SET item_count = excluded.item_count, checksum = excluded.checksum`,
  ).run(pageId, lines.length, createHash('sha256').update(lines.join('\n')).digest('hex'));
}

/** Every page's item set against its items (for verifyAllRows); calls note for each mismatch. */
function verifyItemSets(db: Database.Database, note: (d: DamagedRow) => void): void {
  const stored = new Map<number, StoredItemSet>();
  for (const r of db.prepare('SELECT page_id, item_count, checksum FROM item_sets').iterate() as Iterable<StoredItemSet & { page_id: number }>) {
    stored.set(r.page_id, r);
  }
  const found = new Map<number, ItemSetRow[]>();
  for (const r of db.prepare('SELECT page_id, id, checksum FROM items ORDER BY page_id, ord, id').iterate() as Iterable<ItemSetRow & { page_id: number }>) {
    let list = found.get(r.page_id);
    if (!list) found.set(r.page_id, (list = []));
    list.push({ id: r.id, checksum: r.checksum });
  }
  for (const { id } of db.prepare('SELECT id FROM pages ORDER BY id').iterate() as Iterable<{ id: number }>) {
    const damage = itemSetDamage(id, stored.get(id), found.get(id) ?? []);
    if (damage) note(damage);
  }
}

/** Checks every revision recorded for one page (its history). */
export function checkPageRevisions(db: Database.Database, archivePath: string, pageId: number): void {
  const sql = `SELECT id, checksum, ${cols(REVISION_COLUMNS)} FROM revisions WHERE entity = 'page' AND entity_id = ?`;
  for (const r of stmt(db, sql).iterate(pageId) as Iterable<Row>) {
    if (!matches(r, REVISION_COLUMNS)) throw new DamagedRowError(archivePath, revisionDamage(r));
  }
}

/** Checks one revision row. */
export function checkRevision(db: Database.Database, archivePath: string, revisionId: number): void {
  const r = stmt(db, `SELECT id, checksum, ${cols(REVISION_COLUMNS)} FROM revisions WHERE id = ?`).get(revisionId) as Row | undefined;
  if (r && !matches(r, REVISION_COLUMNS)) throw new DamagedRowError(archivePath, revisionDamage(r));
}

/** Columns each link of the issue history's chain covers (migration 0011); revisions use REVISION_COLUMNS. */
export const HISTORY_COLUMNS = ['issue_id', 'at', 'profile_id', 'by_name', 'role', 'event', 'from_state', 'to_state', 'reason'] as const;

export type AuditLog = 'revisions' | 'issue_history';

/** The first place where an audit log's hash chain (migration 0011) no longer holds. */
export interface BrokenLink {
  log: AuditLog;
  /** The entry whose link does not match: the one after a removed entry, or a rewritten one. */
  id: number;
  /** The entry before it, or null at the start of the log. */
  previousId: number | null;
}

export function describeBrokenLink(b: BrokenLink): string {
  const log = b.log === 'revisions' ? 'revision log' : 'issue history';
  return `the ${log} is broken at entry ${b.id}${b.previousId !== null ? ` (after entry ${b.previousId})` : ' (its first entry)'}: an entry was removed, inserted or rewritten there`;
}

/** Whether the archive's audit logs carry the hash chain (migration 0011 applied). */
export function hasAuditChain(db: Database.Database): boolean {
  return (db.prepare(`SELECT count(*) AS n FROM pragma_table_info('issue_history') WHERE name = 'chain'`).get() as { n: number }).n === 1;
}

/**
 * Walks each audit log in id order, recomputing every link from the stored link before it, and
 * returns the first link that does not match in each log. Later links are judged against the stored
 * chain, so one removed entry is reported once, where it was.
 */
export function verifyAuditChains(db: Database.Database): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const walk = (log: AuditLog, columns: readonly string[]) => {
    let previous: { id: number; chain: string | null } | null = null;
    for (const r of db.prepare(`SELECT id, chain, ${cols(columns)} FROM ${log} ORDER BY id`).iterate() as Iterable<Row & { chain: string | null }>) {
      const expected = rowChecksum([previous?.chain ?? null, ...columns.map((c) => r[c] ?? null)]);
      if (r.chain !== expected) {
        broken.push({ log, id: r.id, previousId: previous?.id ?? null });
        return;
      }
      previous = { id: r.id, chain: r.chain };
    }
  };
  walk('revisions', REVISION_COLUMNS);
  walk('issue_history', HISTORY_COLUMNS);
  return broken;
}

export interface VerifyReport {
  revisions: number;
  pages: number;
  items: number;
  damaged: DamagedRow[];
  /** The first broken link of each audit log's hash chain (empty when both hold, or before 0011). */
  brokenLinks: BrokenLink[];
  ms: number;
}

/** Checks every checksummed row of the archive and the audit logs' hash chains (for `galley verify` and backups). */
export function verifyAllRows(db: Database.Database, options: { maxDamaged?: number } = {}): VerifyReport {
  const t0 = performance.now();
  const max = options.maxDamaged ?? 1000;
  const damaged: DamagedRow[] = [];
  const scan = (table: string, columns: readonly string[], extra: string, onBad: (r: Row) => DamagedRow): number => {
    let n = 0;
    for (const r of db.prepare(`SELECT id, checksum, ${extra}${cols(columns)} FROM ${table} ORDER BY id`).iterate() as Iterable<Row>) {
      n++;
      if (!matches(r, columns) && damaged.length < max) damaged.push(onBad(r));
    }
    return n;
  };
  const pages = scan('pages', PAGE_COLUMNS, '', (r) => ({ part: 'page', id: r.id, pageId: r.id, pageRevision: null }));
  const items = scan('items', ITEM_COLUMNS, '', (r) => ({ part: 'item', id: r.id, pageId: r.page_id as number, pageRevision: null }));
  const revisions = scan('revisions', REVISION_COLUMNS, '', revisionDamage);
  if (hasItemSets(db)) {
    verifyItemSets(db, (d) => {
      if (damaged.length < max) damaged.push(d);
    });
  }
  const brokenLinks = hasAuditChain(db) ? verifyAuditChains(db) : [];
  return { revisions, pages, items, damaged, brokenLinks, ms: performance.now() - t0 };
}

/** Whether the archive's schema carries checksums (migration 0009 applied). */
export function hasChecksums(db: Database.Database): boolean {
  return (db.prepare(`SELECT count(*) AS n FROM pragma_table_info('revisions') WHERE name = 'checksum'`).get() as { n: number }).n === 1;
}
