// The item set of a page on PostgreSQL (migration 0003, as SQLite's 0014; issue 16): a deleted or
// added item row is found by verify and refused on read, every write keeps the record current,
// and the server's digest equals the one the live code computes.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeDamage, itemSetChecksum, ITEM_COLUMNS, rowChecksum } from '../../electron/archive/checksums.ts';
import { migratePg, PG_MIGRATIONS } from '../../electron/archive/postgres/migrations/index.ts';
import { openPostgresArchive, type PostgresArchive } from '../../electron/archive/postgres/pg-archive.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { frontPage } from '../archive/helpers.ts';
import { dropDatabase, freshDatabase } from './fresh-db.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';

const available = findPostgres() !== null;
if (!available && process.env.CI) throw new Error(POSTGRES_MISSING);

const quiet = { warn: () => {} };
const editor = { name: 'editor' };
const page = (sourceName: string, text: string) => ({ sourceName, text, encoding: 'UTF-8', segmentation: fakeSegment(text, {}) });

describe.skipIf(!available)(`PostgreSQL item sets (migration 0003)${available ? '' : ` (skipped: ${POSTGRES_MISSING})`}`, () => {
  let cluster: PostgresCluster;
  const opened: PostgresArchive[] = [];
  const clients: pg.Client[] = [];
  const urls: string[] = [];
  beforeAll(() => {
    cluster = startPostgresCluster();
  }, 120_000);
  afterEach(async () => {
    for (const a of opened.splice(0)) await a.close();
    for (const c of clients.splice(0)) await c.end();
    for (const u of urls.splice(0)) await dropDatabase(cluster, u);
  });
  afterAll(() => cluster?.stop(), 60_000);

  async function client(url: string): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    clients.push(c);
    return c;
  }
  async function archive(): Promise<{ a: PostgresArchive; sql: pg.Client }> {
    const url = await freshDatabase(cluster);
    urls.push(url);
    const a = await openPostgresArchive(url, { segment: fakeSegment, logger: quiet });
    opened.push(a);
    return { a, sql: await client(url) };
  }

  it('0003 records every page already there (pages without items too) with the digest the live code computes', async () => {
    const url = await freshDatabase(cluster);
    urls.push(url);
    const c = await client(url);
    await migratePg(c, PG_MIGRATIONS.filter((m) => m.version < 3));
    await c.query(`INSERT INTO publications(title) VALUES ('报'); INSERT INTO issues(publication_id) VALUES (1);
      INSERT INTO pages(issue_id, source_name, encoding, content_hash, raw_text, text, imported_at, updated_at)
        VALUES (1, 'p1', 'UTF-8', 'h', '衡阳日报', '衡阳日报', 'x', 'x'), (1, 'p2', 'UTF-8', 'h', '', '', 'x', 'x');`);
    // Out of order on purpose, each with its row checksum as the archive writes it.
    for (const [ord, start] of [[1, 2], [0, 0]] as const) {
      const values = [1, ord, 'article', start, start + 2, null, '衡阳', null, null, null, '[]', null, null, '[]', '[]'];
      await c.query(
        `INSERT INTO items(page_id, ord, kind, start_offset, end_offset, kicker, headline, subheadline, series, byline,
           paragraphs_json, continued_on, continued_from, flags_json, edited_fields_json, checksum)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [...values, rowChecksum(values.slice(0, ITEM_COLUMNS.length))],
      );
    }
    expect(await migratePg(c)).toContain(3);
    const sets = (await c.query('SELECT page_id, item_count, checksum FROM item_sets ORDER BY page_id')).rows;
    const rows = (await c.query<{ id: number; checksum: string }>('SELECT id, checksum FROM items WHERE page_id = 1 ORDER BY ord')).rows;
    expect(rows.map((r) => r.id)).toEqual([2, 1]);
    expect(sets).toEqual([
      { page_id: 1, item_count: 2, checksum: itemSetChecksum(rows) },
      { page_id: 2, item_count: 0, checksum: itemSetChecksum([]) },
    ]);
  });

  it('a deleted item row: verify names it, reading, saving and exporting the page are refused', async () => {
    const { a, sql } = await archive();
    const { pageId, issueId } = await a.importPage(page('p01.txt', frontPage()), editor);
    const p = await a.getPage(pageId);
    const n = p.items.length;
    expect(n).toBeGreaterThan(1);
    expect((await a.verify()).damaged).toEqual([]);
    await sql.query('DELETE FROM items WHERE id = $1', [p.items[1]!.id]);
    const expected = `item set of page ${pageId} does not match: ${n} items expected, ${n - 1} found`;
    const report = await a.verify();
    expect(report.damaged.map(describeDamage)).toEqual([expected]);
    await expect(a.getPage(pageId)).rejects.toMatchObject({ name: 'DamagedRowError', message: expect.stringContaining(expected) });
    await expect(a.getPage(pageId)).rejects.toThrow('galley restore BACKUP_FILE');
    await expect(a.savePage({ pageId, baseRevision: p.revision, text: p.text, items: [] }, editor)).rejects.toMatchObject({ name: 'DamagedRowError' });
    await expect(a.issueForExport(issueId, 'x')).rejects.toMatchObject({ name: 'DamagedRowError' });
    // An added row and a removed record are found too.
    const other = await a.importPage(page('p02.txt', frontPage('2021年10月30日', 17981)), editor);
    await sql.query(`INSERT INTO items(page_id, ord, kind, start_offset, end_offset, checksum) VALUES ($1, 99, 'brief', 0, 1, $2)`, [other.pageId, 'e'.repeat(64)]);
    await sql.query('DELETE FROM item_sets WHERE page_id = $1', [other.pageId]);
    const second = (await a.verify()).damaged.filter((d) => d.pageId === other.pageId && d.part === 'item-set');
    expect(second.map(describeDamage)).toEqual([expect.stringMatching(new RegExp(`^item set of page ${other.pageId} has no checksum record \\(\\d+ items found\\)$`))]);
  });

  it('every write of items keeps the record current: import, save, one-field edit, merge, restore, re-import', async () => {
    const { a } = await archive();
    const { pageId } = await a.importPage(page('p01.txt', frontPage()), editor);
    const clean = async () => expect((await a.verify()).damaged).toEqual([]);
    await clean();
    let p = await a.getPage(pageId);
    await a.savePage({ pageId, baseRevision: p.revision, text: p.text + '改', items: p.items }, editor);
    await clean();
    p = await a.getPage(pageId);
    await a.editPage({ pageId, baseRevision: p.revision, ops: [{ op: 'field', index: 0, name: 'headline', from: p.items[0]!.headline, to: '新标题' }] }, editor);
    await clean();
    p = await a.getPage(pageId);
    await a.editPage({ pageId, baseRevision: p.revision, ops: [{ op: 'merge', index: 1, start: p.items[1]!.start }] }, editor);
    await clean();
    expect((await a.getPage(pageId)).items.length).toBe(p.items.length - 1);
    await a.restoreRevision(pageId, 0, editor);
    await clean();
    await a.importPages([page('p01.txt', frontPage() + '补记。\n')], editor, { overwriteCorrections: true });
    await clean();
  });
});
