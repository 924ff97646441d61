// The checksum checks in front of the PostgreSQL archive's reads, as ../checksum-reads.ts does for
// SQLite: a page is checked when it is opened, saved over, edited or exported, a page's history
// when it is listed or restored from, a revision when it is read. A row whose content no longer
// matches its checksum is a DamagedRowError naming the row, never served as if sound.
import type { AsyncArchive } from '../async-archive.ts';
import { DamagedRowError, ITEM_COLUMNS, PAGE_COLUMNS, REVISION_COLUMNS, rowChecksum, type DamagedRow } from '../checksums.ts';
import { itemSetDamageOf } from './checksum-sets.ts';
import { isRowId, type PgContext, type PgQuery } from './context.ts';

type Row = Record<string, unknown> & { id: number; checksum: string | null };

const matches = (r: Row, columns: readonly string[]) => r.checksum !== null && r.checksum === rowChecksum(columns.map((c) => r[c] ?? null));

function revisionDamage(r: Row): DamagedRow {
  const isPage = r.entity === 'page';
  return { part: 'revision', id: r.id, pageId: isPage ? (r.entity_id as number) : null, pageRevision: isPage ? ((r.page_revision as number | null) ?? null) : null };
}

async function checkPageRows(q: PgQuery, path: string, pageId: number): Promise<void> {
  if (!isRowId(pageId)) return;
  const page = await q.one<Row>('checks.page', `SELECT id, checksum, ${PAGE_COLUMNS.join(', ')} FROM pages WHERE id = $1`, [pageId]);
  if (page && !matches(page, PAGE_COLUMNS)) throw new DamagedRowError(path, { part: 'page', id: pageId, pageId, pageRevision: null });
  // (ord, id): the order the item set's checksum is taken in (migration 0003).
  const items = await q.all<Row>('checks.itemsInOrder', `SELECT id, checksum, ${ITEM_COLUMNS.join(', ')} FROM items WHERE page_id = $1 ORDER BY ord, id`, [pageId]);
  for (const item of items) {
    if (!matches(item, ITEM_COLUMNS)) throw new DamagedRowError(path, { part: 'item', id: item.id, pageId, pageRevision: null });
  }
  // A row deleted or added whole (no row damaged): the page's item-set record.
  const set = page ? await itemSetDamageOf(q, pageId, items) : null;
  if (set) throw new DamagedRowError(path, set);
}

async function checkRevisions(q: PgQuery, path: string, where: 'page' | 'id', id: number): Promise<void> {
  if (!isRowId(id)) return;
  const sql = `SELECT id, checksum, ${REVISION_COLUMNS.join(', ')} FROM revisions WHERE ${where === 'page' ? `entity = 'page' AND entity_id = $1` : 'id = $1'} ORDER BY id`;
  for (const r of await q.all<Row>(where === 'page' ? 'checks.revisionsOfPage' : 'checks.revision', sql, [id])) {
    if (!matches(r, REVISION_COLUMNS)) throw new DamagedRowError(path, revisionDamage(r));
  }
}

/** Wraps the archive's reads (and the writes that start from a page as stored) with the checks. */
export function guardPgReads<T extends AsyncArchive>(archive: T, ctx: PgContext): T {
  const path = ctx.path;
  const before = <K extends keyof AsyncArchive>(name: K, guard: (q: PgQuery, ...args: never[]) => Promise<void>) => {
    const original = archive[name] as unknown as (...args: unknown[]) => Promise<unknown>;
    (archive as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      await ctx.read((q) => (guard as (q: PgQuery, ...a: unknown[]) => Promise<void>)(q, ...args));
      return original.apply(archive, args);
    };
  };
  before('getPage', (q, pageId: number) => checkPageRows(q, path, pageId));
  before('savePage', (q, input: { pageId: number }) => checkPageRows(q, path, input?.pageId));
  before('editPage', (q, input: { pageId: number }) => checkPageRows(q, path, input?.pageId));
  before('listRevisions', (q, pageId: number) => checkRevisions(q, path, 'page', pageId));
  before('listRevisionDetails', (q, pageId: number) => checkRevisions(q, path, 'page', pageId));
  before('getRevision', (q, revisionId: number) => checkRevisions(q, path, 'id', revisionId));
  before('restoreRevision', (q, pageId: number) => checkRevisions(q, path, 'page', pageId));
  before('issueForExport', async (q, issueId: number) => {
    if (!isRowId(issueId)) return;
    for (const { id } of await q.all<{ id: number }>('checks.pagesOfIssue', 'SELECT id FROM pages WHERE issue_id = $1 ORDER BY id', [issueId])) await checkPageRows(q, path, id);
  });
  return archive;
}
