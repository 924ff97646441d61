// `galley verify` for the PostgreSQL archive: every page, item and revision row checked against
// its checksum, and both audit logs' hash chains walked link by link — the same digests, columns
// and report as the SQLite archive's verifyAllRows (../checksums.ts), read from one snapshot in
// batches by id so a large archive is never held in memory at once.
import {
  HISTORY_COLUMNS,
  ITEM_COLUMNS,
  PAGE_COLUMNS,
  REVISION_COLUMNS,
  rowChecksum,
  type BrokenLink,
  type DamagedRow,
  type VerifyReport,
} from '../checksums.ts';
import { verifyItemSets } from './checksum-sets.ts';
import type { PgContext, PgQuery } from './context.ts';

type Row = Record<string, unknown> & { id: number; checksum: string | null; chain?: string | null };

const BATCH = 2000;

async function* rowsOf(q: PgQuery, table: string, columns: readonly string[], extra: string): AsyncGenerator<Row> {
  let after = 0;
  for (;;) {
    const rows = await q.all<Row>(
      `verify.${table}`,
      `SELECT id, ${extra}${columns.join(', ')} FROM ${table} WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
      [after],
    );
    for (const r of rows) yield r;
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!.id;
  }
}

const values = (r: Row, columns: readonly string[]) => columns.map((c) => r[c] ?? null);

export function verifyPostgres(ctx: PgContext, options: { maxDamaged?: number } = {}): Promise<VerifyReport> {
  const max = options.maxDamaged ?? 1000;
  return ctx.read(async (q) => {
    const t0 = performance.now();
    const damaged: DamagedRow[] = [];
    const note = (d: DamagedRow) => {
      if (damaged.length < max) damaged.push(d);
    };
    let pages = 0;
    for await (const r of rowsOf(q, 'pages', PAGE_COLUMNS, 'checksum, ')) {
      pages++;
      if (r.checksum !== rowChecksum(values(r, PAGE_COLUMNS))) note({ part: 'page', id: r.id, pageId: r.id, pageRevision: null });
    }
    let items = 0;
    for await (const r of rowsOf(q, 'items', ITEM_COLUMNS, 'checksum, ')) {
      items++;
      if (r.checksum !== rowChecksum(values(r, ITEM_COLUMNS))) note({ part: 'item', id: r.id, pageId: r.page_id as number, pageRevision: null });
    }
    // Rows deleted or added whole: each page's item set against its record (migration 0003).
    for (const d of await verifyItemSets(q)) note(d);
    const brokenLinks: BrokenLink[] = [];
    let revisions = 0;
    let previous: { id: number; chain: string | null } | null = null;
    let chainBroken = false;
    for await (const r of rowsOf(q, 'revisions', REVISION_COLUMNS, 'checksum, chain, ')) {
      revisions++;
      const own = values(r, REVISION_COLUMNS);
      if (r.checksum !== rowChecksum(own)) {
        const isPage = r.entity === 'page';
        note({ part: 'revision', id: r.id, pageId: isPage ? (r.entity_id as number) : null, pageRevision: isPage ? ((r.page_revision as number | null) ?? null) : null });
      }
      if (!chainBroken && r.chain !== rowChecksum([previous?.chain ?? null, ...own])) {
        brokenLinks.push({ log: 'revisions', id: r.id, previousId: previous?.id ?? null });
        chainBroken = true;
      }
      previous = { id: r.id, chain: r.chain ?? null };
    }
    previous = null;
    for await (const r of rowsOf(q, 'issue_history', HISTORY_COLUMNS, 'chain, ')) {
      if (r.chain !== rowChecksum([previous?.chain ?? null, ...values(r, HISTORY_COLUMNS)])) {
        brokenLinks.push({ log: 'issue_history', id: r.id, previousId: previous?.id ?? null });
        break;
      }
      previous = { id: r.id, chain: r.chain ?? null };
    }
    return { revisions, pages, items, damaged, brokenLinks, ms: performance.now() - t0 };
  });
}
