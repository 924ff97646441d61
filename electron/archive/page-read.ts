// Opening a page: ONE read of the page row and its item rows, each row's checksum (migration 0009)
// verified as the record is built from it. The read guard used to check the rows in a query of
// its own and getPage then read them all again: on a page of 10,000 items that second pass was
// ~40% of page.get. The damage found, and its message, are the same (checksums.ts).
import type { PageRecord } from '../../shared/domain.ts';
import { checkItemSet, DamagedRowError, ITEM_COLUMNS, PAGE_COLUMNS, rowChecksum } from './checksums.ts';
import type { ArchiveContext } from './context.ts';
import { pageRecordFromRow } from './pages.ts';
import { baseText } from './paragraph-refs.ts';
import { itemsOfRows, pageRow, type ItemRow } from './page-rows.ts';

type Checked = Record<string, unknown> & { checksum: string | null };

const sound = (row: Checked, columns: readonly string[]) => row.checksum !== null && row.checksum === rowChecksum(columns.map((c) => row[c] ?? null));

/** The page with its items, or a DamagedRowError naming the first row whose content no longer matches its checksum. */
export function readCheckedPage(ctx: ArchiveContext, pageId: number): PageRecord {
  const page = pageRow(ctx, pageId) as ReturnType<typeof pageRow> & Checked;
  if (!sound(page, PAGE_COLUMNS)) throw new DamagedRowError(ctx.path, { part: 'page', id: pageId, pageId, pageRevision: null });
  // (ord, id): the order the item set's checksum is taken in; the items_page index gives it.
  const rows = ctx.db.stmt('items.ofPageChecked', 'SELECT * FROM items WHERE page_id = ? ORDER BY ord, id').all<ItemRow & Checked>(pageId);
  for (const row of rows) {
    if (!sound(row, ITEM_COLUMNS)) throw new DamagedRowError(ctx.path, { part: 'item', id: row.id, pageId, pageRevision: null });
  }
  // A row deleted or added whole (no row damaged): the page's item-set record (migration 0014, h16).
  checkItemSet(ctx.db.raw, ctx.path, pageId, rows as unknown as { id: number; checksum: string | null }[]);
  return pageRecordFromRow(page, itemsOfRows(ctx, pageId, rows, baseText(page)));
}
