// What only the PostgreSQL archive has to prove: protection that holds across processes (two
// archives = two connection pools on one database), the audit hash chain and checksums that
// `verify` checks (a flipped byte, a removed entry), and the URL handling of openArchiveFor.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { archiveKind, openArchiveFor } from '../../electron/archive/open-any.ts';
import { checkPostgresUrl, openPostgresArchive, type PostgresArchive } from '../../electron/archive/postgres/pg-archive.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { frontPage, innerPage } from '../archive/helpers.ts';
import { dropDatabase, freshDatabase } from './fresh-db.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';

const available = findPostgres() !== null;
if (!available && process.env.CI) throw new Error(POSTGRES_MISSING);

const quiet = { warn: () => {} };
const editor = { name: 'editor' };
const supervisor = { name: 'boss', profileId: 'p-boss', role: 'supervisor' as const };
const page = (sourceName: string, text: string, extra: Record<string, unknown> = {}) => ({ sourceName, text, encoding: 'UTF-8', segmentation: fakeSegment(text, {}), ...extra });

describe('PostgreSQL archive URLs', () => {
  it('tells a PostgreSQL URL from a SQLite path, and refuses malformed URLs with a clear message', async () => {
    expect(archiveKind('postgresql://u@db/news')).toBe('postgres');
    expect(archiveKind('POSTGRES://u@db/news')).toBe('postgres');
    expect(archiveKind('/home/me/archive.sqlite')).toBe('sqlite');
    expect(archiveKind('postgres.sqlite')).toBe('sqlite');
    expect(checkPostgresUrl('postgresql://u:secret@db.example:5432/news?sslmode=require&password=x')).toBe('postgresql://u:***@db.example:5432/news?sslmode=require&password=***');
    await expect(openPostgresArchive('postgresql://db.example')).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/names no database/) });
    await expect(openPostgresArchive('postgresql://u@/news')).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/names no host/) });
    await expect(openPostgresArchive('mysql://x/y')).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/not a PostgreSQL URL/) });
    await expect(openArchiveFor('postgresql://db/news', { readOnly: true })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/read-only/) });
  });
});

describe.skipIf(!available)(`PostgreSQL archive across processes${available ? '' : ` (skipped: ${POSTGRES_MISSING})`}`, { timeout: 60_000 }, () => {
  let cluster: PostgresCluster;
  const opened: PostgresArchive[] = [];
  const urls: string[] = [];
  beforeAll(() => {
    cluster = startPostgresCluster();
  }, 120_000);
  afterEach(async () => {
    for (const a of opened.splice(0)) await a.close();
    for (const u of urls.splice(0)) await dropDatabase(cluster, u);
  });
  afterAll(() => cluster?.stop(), 60_000);

  /** Two archives on one database: as two processes (two hosts, two CLI commands) see it. */
  async function twoArchives(): Promise<[PostgresArchive, PostgresArchive, string]> {
    const url = await freshDatabase(cluster);
    urls.push(url);
    const a = await openPostgresArchive(url, { segment: fakeSegment, logger: quiet });
    const b = await openPostgresArchive(url, { segment: fakeSegment, logger: quiet });
    opened.push(a, b);
    return [a, b, url];
  }

  it('opens through openArchiveFor, shows the URL without a password, and reports an unreachable server', async () => {
    const url = await freshDatabase(cluster);
    urls.push(url);
    const a = await openArchiveFor(url);
    expect(a.path).toBe(url);
    expect(await a.stats()).toEqual({ publications: 0, issues: 0, pages: 0, items: 0 });
    await a.close();
    await expect(openPostgresArchive(`postgresql://galley@/nowhere?host=${encodeURIComponent('/nonexistent-socket-dir')}`, { logger: quiet })).rejects.toThrow(
      /cannot connect to the PostgreSQL archive at postgresql:\/\/galley@\/nowhere/,
    );
  });

  it('two processes saving the same page from the same base: one wins, the other gets revision-conflict', async () => {
    const [a, b] = await twoArchives();
    const { pageId } = await a.importPage(page('p01.txt', frontPage()), editor);
    const base = await b.getPage(pageId);
    const results = await Promise.allSettled([
      a.savePage({ pageId, baseRevision: base.revision, text: base.text + '甲', items: base.items }, editor),
      b.savePage({ pageId, baseRevision: base.revision, text: base.text + '乙', items: base.items }, editor),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(refused.reason).toMatchObject({ name: 'ArchiveError', code: 'revision-conflict' });
    const now = await b.getPage(pageId);
    expect(now.revision).toBe(1);
    expect([base.text + '甲', base.text + '乙']).toContain(now.text);
  });

  it('many writers at once on different pages: every change kept, every revision counted, the chain intact', async () => {
    const [a, b] = await twoArchives();
    const outcomes = await a.importPages(Array.from({ length: 6 }, (_, i) => page(`p0${i + 1}.txt`, innerPage(i + 1, `第${i + 1}条\n正文${i}`), { dateHint: '2021-10-29', folderHint: '/d' })), editor);
    const writes = outcomes.flatMap((o, i) => {
      const archive = i % 2 === 0 ? a : b;
      return [0, 1, 2].map(async (n) => {
        // Each writer reloads and retries on a conflict, as the editor's screen does.
        for (;;) {
          const p = await archive.getPage(o.pageId);
          try {
            return await archive.savePage({ pageId: p.id, baseRevision: p.revision, text: `${p.text}\n改${n}`, items: p.items }, editor);
          } catch (e) {
            if ((e as { code?: string }).code !== 'revision-conflict') throw e;
          }
        }
      });
    });
    await Promise.all(writes);
    for (const o of outcomes) {
      const p = await a.getPage(o.pageId);
      expect(p.revision).toBe(3);
      for (const n of [0, 1, 2]) expect(p.text).toContain(`改${n}`);
    }
    const report = await a.verify();
    expect(report).toMatchObject({ damaged: [], brokenLinks: [], pages: 6 });
    expect(report.revisions).toBe(6 + 18);
  });

  it('two processes importing pages of the same new issue file them into one issue', async () => {
    const [a, b] = await twoArchives();
    const [x, y] = await Promise.all([
      a.importPage(page('d/p02.txt', innerPage(2, '二\n文'), { dateHint: '2021-10-29', folderHint: '/d', publicationHint: 'hengyang' }), editor),
      b.importPage(page('d/p03.txt', innerPage(3, '三\n文'), { dateHint: '2021-10-29', folderHint: '/d', publicationHint: 'hengyang' }), editor),
    ]);
    expect(x.issueId).toBe(y.issueId);
    expect(await a.stats()).toMatchObject({ publications: 1, issues: 1, pages: 2 });
  });

  it('an approval and a page change of the same issue never interleave', async () => {
    const [a, b] = await twoArchives();
    const [p1, p2] = await a.importPages([page('p01.txt', frontPage()), page('p02.txt', innerPage(2, '二\n文'), { dateHint: '2021-10-29' })], editor);
    await a.setPageState(p1!.pageId, 'proofed', editor);
    await a.setPageState(p2!.pageId, 'proofed', editor);
    const base = await b.getPage(p2!.pageId);
    const [approve, save] = await Promise.allSettled([
      a.issueEvent(p1!.issueId, { type: 'approve' }, supervisor),
      b.savePage({ pageId: base.id, baseRevision: base.revision, text: base.text + '改', items: base.items }, editor),
    ]);
    // Either the save came first (then the issue is still proofed and approvable) or the approval did (then the save is refused).
    expect(approve.status).toBe('fulfilled');
    if (save.status === 'rejected') expect(save.reason).toMatchObject({ code: 'issue-locked' });
    const history = await a.listIssueHistory(p1!.issueId);
    expect(history.at(-1)).toMatchObject({ event: 'approve', to: 'approved' });
    const after = await a.getPage(p2!.pageId);
    expect(after.revision).toBe(save.status === 'fulfilled' ? base.revision + 1 : base.revision);
  });

  it('refuses to serve a page, item or revision whose content no longer matches its checksum (DamagedRowError)', async () => {
    const [a, , url] = await twoArchives();
    const { pageId, issueId } = await a.importPage(page('p01.txt', frontPage()), editor);
    const p = await a.getPage(pageId);
    await a.savePage({ pageId, baseRevision: 0, text: p.text + '改', items: p.items }, editor);
    const sql = new pg.Client({ connectionString: url });
    await sql.connect();
    try {
      await sql.query(`UPDATE revisions SET after_json = replace(after_json, '改', '政') WHERE action = 'save'`);
      await expect(a.listRevisionDetails(pageId)).rejects.toMatchObject({ name: 'DamagedRowError', damaged: { part: 'revision', pageId, pageRevision: 1 } });
      await expect(a.restoreRevision(pageId, 0, editor)).rejects.toMatchObject({ name: 'DamagedRowError' });
      expect((await a.getPage(pageId)).revision).toBe(1);
      const item = p.items[1]!.id!;
      await sql.query(`UPDATE items SET headline = headline || '!' WHERE id = $1`, [item]);
      await expect(a.getPage(pageId)).rejects.toMatchObject({ name: 'DamagedRowError', damaged: { part: 'item', id: item, pageId } });
      // page.get's own read (the lean wire form) checks the rows too.
      await expect(a.getPageJson(pageId)).rejects.toMatchObject({ name: 'DamagedRowError', damaged: { part: 'item', id: item, pageId } });
      await expect(a.issueForExport(issueId, 'x')).rejects.toMatchObject({ name: 'DamagedRowError' });
      await expect(a.savePage({ pageId, baseRevision: 1, text: 'x', items: [] }, editor)).rejects.toMatchObject({ name: 'DamagedRowError' });
    } finally {
      await sql.end();
    }
  });

  it('verify finds a flipped byte in a stored revision, a rewritten page, and a removed audit entry', async () => {
    const [a, , url] = await twoArchives();
    const { pageId, issueId } = await a.importPage(page('p01.txt', frontPage()), editor);
    const p = await a.getPage(pageId);
    await a.savePage({ pageId, baseRevision: 0, text: p.text + '改', items: p.items }, editor);
    await a.setPageState(pageId, 'proofed', editor);
    await a.issueEvent(issueId, { type: 'approve' }, supervisor);
    expect(await a.verify()).toMatchObject({ damaged: [], brokenLinks: [] });

    const sql = new pg.Client({ connectionString: url });
    await sql.connect();
    try {
      const save = (await sql.query<{ id: number }>(`SELECT id FROM revisions WHERE action = 'save'`)).rows[0]!.id;
      // One character of the stored snapshot changed behind the archive's back.
      await sql.query(`UPDATE revisions SET after_json = replace(after_json, '改', '政') WHERE id = $1`, [save]);
      await sql.query(`UPDATE pages SET text = text || 'x' WHERE id = $1`, [pageId]);
      const firstHistory = (await sql.query<{ id: number }>('SELECT min(id) AS id FROM issue_history')).rows[0]!.id;
      await sql.query('DELETE FROM issue_history WHERE id = $1', [firstHistory]);
      const report = await a.verify();
      expect(report.damaged).toEqual(
        expect.arrayContaining([
          { part: 'page', id: pageId, pageId, pageRevision: null },
          { part: 'revision', id: save, pageId, pageRevision: 1 },
        ]),
      );
      // The flipped revision's own link no longer matches; the removed history entry breaks the link after it.
      expect(report.brokenLinks).toEqual([
        { log: 'revisions', id: save, previousId: expect.any(Number) },
        { log: 'issue_history', id: expect.any(Number), previousId: null },
      ]);
    } finally {
      await sql.end();
    }
  });
});
