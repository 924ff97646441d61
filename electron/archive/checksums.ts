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
import { createHash } from 'node:crypto';
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
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}

export function registerChecksumFunction(db: Database.Database): void {
  db.function(CHECKSUM_FUNCTION, { deterministic: true, varargs: true }, (...values: unknown[]) => rowChecksum(values));
}

export type DamagedPart = 'revision' | 'page' | 'item';

export interface DamagedRow {
  part: DamagedPart;
  /** The row's id (revision id, page id, item id). */
  id: number;
  /** The page it belongs to (null for a revision of something that is not a page). */
  pageId: number | null;
  /** For a revision of a page: the page's revision number it records. */
  pageRevision: number | null;
}

export function describeDamage(d: DamagedRow): string {
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

/** Checks one page's text and items; throws DamagedRowError on the first mismatch. */
export function checkPageRows(db: Database.Database, archivePath: string, pageId: number): void {
  const page = stmt(db, `SELECT id, checksum, ${cols(PAGE_COLUMNS)} FROM pages WHERE id = ?`).get(pageId) as Row | undefined;
  if (page && !matches(page, PAGE_COLUMNS)) throw new DamagedRowError(archivePath, { part: 'page', id: pageId, pageId, pageRevision: null });
  for (const item of stmt(db, `SELECT id, checksum, ${cols(ITEM_COLUMNS)} FROM items WHERE page_id = ?`).iterate(pageId) as Iterable<Row>) {
    if (!matches(item, ITEM_COLUMNS)) throw new DamagedRowError(archivePath, { part: 'item', id: item.id, pageId, pageRevision: null });
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
  const brokenLinks = hasAuditChain(db) ? verifyAuditChains(db) : [];
  return { revisions, pages, items, damaged, brokenLinks, ms: performance.now() - t0 };
}

/** Whether the archive's schema carries checksums (migration 0009 applied). */
export function hasChecksums(db: Database.Database): boolean {
  return (db.prepare(`SELECT count(*) AS n FROM pragma_table_info('revisions') WHERE name = 'checksum'`).get() as { n: number }).n === 1;
}
