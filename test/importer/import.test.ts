import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAll, importPaths, type FileResult } from '../../electron/importer/index.ts';
import { freshArchive, frontPage, innerPage, tempDir } from '../archive/helpers.ts';

const samples = new URL('../../resources/import-samples/', import.meta.url);
const pages = new URL('../../resources/pages/', import.meta.url);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);

async function collect(paths: string[], archive = freshArchive(), options = {}) {
  const results: FileResult[] = [];
  const it = importPaths(paths, archive, options);
  let step = await it.next();
  while (!step.done) {
    results.push(step.value);
    step = await it.next();
  }
  return { archive, results, summary: step.value, by: (suffix: string) => results.find((r) => r.file.endsWith(suffix)) };
}

describe('importPaths', () => {
  it('imports a folder of mixed good and bad files: each bad one reported by name and reason, the rest goes on', async () => {
    const root = join(tempDir(), 'batch');
    const day = join(root, '衡阳日报', '2021-10-29');
    mkdirSync(day, { recursive: true });
    writeFileSync(join(day, 'p01.txt'), frontPage());
    writeFileSync(join(day, 'p02.txt'), innerPage(2, '标题\n正文'));
    copyFileSync(new URL('alto-v2.xml', samples), join(day, 'p03.xml'));
    writeFileSync(join(day, 'p04.txt'), PNG); // binary under a .txt name
    writeFileSync(join(day, 'p05.txt'), ''); // empty
    writeFileSync(join(day, 'p06.xml'), readFileSync(new URL('alto-v2.xml', samples), 'utf8').slice(0, 700)); // truncated
    writeFileSync(join(day, 'p07.xml'), '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><alto/>');
    writeFileSync(join(day, 'p08.xml'), '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><alto>&x;</alto>');
    writeFileSync(join(day, 'scan.bmp'), PNG); // not a page format: skipped
    writeFileSync(join(day, '.DS_Store'), 'x'); // hidden: ignored

    const { archive, results, summary, by } = await collect([root]);
    expect(results.map((r) => r.file)).toEqual(
      ['p01.txt', 'p02.txt', 'p03.xml', 'p04.txt', 'p05.txt', 'p06.xml', 'p07.xml', 'p08.xml', 'scan.bmp'].map((f) => join('batch', '衡阳日报', '2021-10-29', f)),
    );
    expect(by('p01.txt')).toMatchObject({ status: 'imported', format: 'text' });
    expect(by('p02.txt')).toMatchObject({ status: 'imported' });
    expect(by('p03.xml')).toMatchObject({ status: 'imported', format: 'alto' });
    expect(by('p04.txt')).toMatchObject({ status: 'failed' });
    expect(by('p04.txt')!.error).toMatch(/p04\.txt: .*(PNG|binary)/i);
    expect(by('p05.txt')!.error).toMatch(/p05\.txt: .*empty/i);
    expect(by('p06.xml')!.error).toMatch(/p06\.xml: malformed XML at line/);
    expect(by('p07.xml')!.error).toMatch(/p07\.xml: refused: the XML declares a DOCTYPE/);
    expect(by('p08.xml')!.error).toMatch(/p08\.xml: refused/);
    expect(by('scan.bmp')).toMatchObject({ status: 'skipped' });
    expect(by('scan.bmp')!.error).toMatch(/unsupported file type \.bmp/);
    expect(summary).toMatchObject({ files: 9, imported: 3, failed: 5, skipped: 1, pages: 3, cancelled: false });

    // Nothing of the failed files is in the archive; the good pages share one issue.
    expect(archive.stats().pages).toBe(3);
    const [issue] = archive.listIssues();
    expect(archive.listIssues()).toHaveLength(1);
    expect(issue).toMatchObject({ date: '2021-10-29', pagesTotal: 3 });
    expect(archive.listPages(issue!.id).map((p) => p.pageNumber)).toEqual([1, 2, 2]); // p03.xml says 第2版 itself: both kept
    expect(archive.listPublications().map((p) => p.title)).toEqual(['衡阳日报']);

    // Again: nothing new.
    const again = await collect([root], archive);
    expect(again.summary).toMatchObject({ imported: 0, unchanged: 3, failed: 5 });
    expect(archive.stats().pages).toBe(3);
  });

  it('uses folder names for pages without a masthead, and an Undated issue for undated folders', async () => {
    const root = join(tempDir(), 'papers');
    mkdirSync(join(root, 'hengyang'), { recursive: true });
    mkdirSync(join(root, 'loose'), { recursive: true });
    writeFileSync(join(root, 'hengyang', '20211029_p2.txt'), innerPage(2, '甲\n乙'));
    writeFileSync(join(root, 'hengyang', '20211030_p2.txt'), innerPage(2, '丙\n丁'));
    writeFileSync(join(root, 'loose', 'a.txt'), '戊\n己');
    writeFileSync(join(root, 'loose', '第3版.txt'), '庚\n辛');
    const { archive, summary } = await collect([root]);
    expect(summary.imported).toBe(4);
    const issues = archive.listIssues();
    expect(issues.map((i) => i.date)).toEqual(['2021-10-29', '2021-10-30', null]);
    const pubs = archive.listPublications();
    expect(pubs.map((p) => p.title).sort()).toEqual(['Unknown publication', 'hengyang']);
    const undated = issues.find((i) => i.date === null)!;
    expect(archive.listPages(undated.id).map((p) => [p.sourceName, p.pageNumber])).toEqual([
      [join('papers', 'loose', '第3版.txt'), 3],
      [join('papers', 'loose', 'a.txt'), null],
    ]);
  });

  it('imports every XML sample and a multi-page hOCR file in one transaction', async () => {
    const dir = join(tempDir(), 'xml');
    mkdirSync(dir);
    for (const f of ['alto-v2.xml', 'alto-v3.xml', 'alto-v4.xml', 'hocr.html', 'page-xml.xml']) copyFileSync(new URL(f, samples), join(dir, f));
    const one = readFileSync(new URL('hocr.html', samples), 'utf8');
    const start = one.indexOf('<div class="ocr_page"');
    const end = one.indexOf('</body>');
    const page = one.slice(start, end);
    const two = one.slice(0, end) + page.replace('ppageno 0', 'ppageno 1').replace('word_1_3">修缮', 'word_1_3">重建') + one.slice(end);
    writeFileSync(join(dir, 'two-pages.hocr'), two);
    const { archive, results, summary } = await collect([dir]);
    expect(results.map((r) => [r.status, r.error])).toEqual(results.map(() => ['imported', undefined]));
    expect(summary.failed).toBe(0);
    expect(results.map((r) => r.format)).toEqual(['alto', 'alto', 'alto', 'hocr', 'page-xml', 'hocr']);
    expect(results.at(-1)!.pageIds).toHaveLength(2);
    // its first page is hocr.html again (same content hash): stored once
    expect(results.at(-1)!.pageIds![0]).toBe(results[3]!.pageId);
    expect(archive.stats().pages).toBe(6);
    expect(archive.search('船山书院重建').length).toBe(1);
    expect(archive.search('就业形势').length).toBe(1);
    expect(archive.search('衡阳市新增').length).toBe(1); // ALTO v4 text was 衡陽, folded
  });

  it('reports a missing path and an explicitly named unsupported file as failures', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.doc'), 'x');
    const { results } = await collect([join(dir, 'nope.txt'), join(dir, 'x.doc')]);
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(results[0]!.error).toMatch(/nope\.txt: no such file/);
    expect(results[1]!.error).toMatch(/x\.doc: unsupported file type \.doc/);
  });

  it('stops between batches when the signal aborts: the batch being collected is committed and reported', async () => {
    const dir = join(tempDir(), 'many');
    mkdirSync(dir);
    for (let i = 1; i <= 5; i++) writeFileSync(join(dir, `2021-10-0${i}-p1.txt`), innerPage(1, `标题${i}\n正文${i}`));
    // A commit per file: the abort after the second file stops the import there.
    const ac = new AbortController();
    const seen: string[] = [];
    const a = freshArchive();
    const summary = await importAll([dir], a, {
      signal: ac.signal,
      batchFiles: 1,
      onProgress: (r) => {
        seen.push(r.file);
        if (seen.length === 2) ac.abort();
      },
    });
    expect(seen).toHaveLength(2);
    expect(summary).toMatchObject({ files: 2, imported: 2, cancelled: true });
    expect(a.stats().pages).toBe(2);

    // Batches of three: an abort while the first batch is being stored lets that batch commit
    // whole (and be reported); the files after it are not read.
    const ac2 = new AbortController();
    const b = freshArchive();
    const seen2: string[] = [];
    const abortingArchive = Object.assign(Object.create(b) as typeof b, {
      importFiles: (...args: Parameters<NonNullable<typeof b.importFiles>>) => {
        ac2.abort();
        return b.importFiles!(...args);
      },
    });
    const summary2 = await importAll([dir], abortingArchive, { signal: ac2.signal, batchFiles: 3, onProgress: (r) => seen2.push(r.file) });
    expect(seen2).toHaveLength(3);
    expect(summary2).toMatchObject({ files: 3, imported: 3, pages: 3, cancelled: true });
    expect(b.stats().pages).toBe(3);
    expect(b.search('正文3').length).toBe(1);
    expect(b.search('正文4')).toEqual([]);
  });

  it('group commit: a file that fails inside a batch is rolled back alone; the rest of the batch is imported', async () => {
    const dir = join(tempDir(), 'batch-fail');
    mkdirSync(dir);
    for (let i = 1; i <= 4; i++) writeFileSync(join(dir, `2021-10-0${i}-p1.txt`), innerPage(1, `标题${i}\n正文${i}`));
    // A two-page hOCR file whose second page the database refuses (a test trigger): its first
    // page was already written inside the batch's transaction and must be rolled back with it.
    const one = readFileSync(new URL('hocr.html', samples), 'utf8');
    const start = one.indexOf('<div class="ocr_page"');
    const end = one.indexOf('</body>');
    const page = one.slice(start, end);
    writeFileSync(join(dir, '2021-10-02-p2.hocr'), one.slice(0, end) + page.replace('ppageno 0', 'ppageno 1').replace('word_1_3">修缮', 'word_1_3">重建') + one.slice(end));
    const archive = freshArchive();
    archive.db.raw.exec(`CREATE TEMP TRIGGER refuse_second_page BEFORE INSERT ON pages WHEN new.source_name LIKE '%.hocr#2'
      BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    const before = archive.stats();
    const { results, summary } = await collect([dir], archive, { batchFiles: 50, batchMs: 60_000 });
    expect(results.map((r) => [r.file.split(/[\\/]/).pop(), r.status])).toEqual([
      ['2021-10-01-p1.txt', 'imported'],
      ['2021-10-02-p1.txt', 'imported'],
      ['2021-10-02-p2.hocr', 'failed'],
      ['2021-10-03-p1.txt', 'imported'],
      ['2021-10-04-p1.txt', 'imported'],
    ]);
    expect(results[2]!.error).toMatch(/refused by the test/);
    expect(summary).toMatchObject({ files: 5, imported: 4, failed: 1, pages: 4 });
    // Nothing half-imported: no page, item, search entry or revision of the hOCR file.
    const count = (sql: string) => (archive.db.raw.prepare(sql).get() as { n: number }).n;
    expect(count(`SELECT count(*) AS n FROM pages WHERE source_name LIKE '%.hocr%'`)).toBe(0);
    expect(archive.stats().pages).toBe(before.pages + 4);
    expect(count('SELECT count(*) AS n FROM items WHERE page_id NOT IN (SELECT id FROM pages)')).toBe(0);
    expect(count('SELECT count(*) AS n FROM items_fts_docsize WHERE id NOT IN (SELECT id FROM items)')).toBe(0);
    expect(count(`SELECT count(*) AS n FROM revisions WHERE entity = 'page' AND entity_id NOT IN (SELECT id FROM pages)`)).toBe(0);
    expect(archive.search('船山书院')).toEqual([]);
    expect(archive.search('正文3').length).toBe(1);
    archive.db.raw.exec(`INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)`);
    // The same file imports once the obstacle is gone.
    archive.db.raw.exec('DROP TRIGGER refuse_second_page');
    const again = await collect([dir], archive);
    expect(again.results.find((r) => r.file.endsWith('.hocr'))).toMatchObject({ status: 'imported' });
    expect(again.summary).toMatchObject({ imported: 1, unchanged: 4 });
  });

  it('group commit: a batch whose commit fails is reported failed file by file, and nothing of it is stored', async () => {
    const dir = join(tempDir(), 'commit-fail');
    mkdirSync(dir);
    for (let i = 1; i <= 3; i++) writeFileSync(join(dir, `2021-10-0${i}-p1.txt`), innerPage(1, `标题${i}\n正文${i}`));
    const a = freshArchive();
    const failing = Object.assign(Object.create(a) as typeof a, {
      importFiles: (...args: Parameters<NonNullable<typeof a.importFiles>>) =>
        a.db.tx(() => {
          a.importFiles!(...args); // nested: runs in a savepoint of this transaction
          throw new Error('disk full (simulated)');
        }),
    });
    const { results, summary } = await collect([dir], failing);
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
    expect(results[0]!.error).toMatch(/disk full/);
    expect(summary).toMatchObject({ files: 3, imported: 0, failed: 3, pages: 0 });
    expect(a.stats().pages).toBe(0);
  });

  it('with the engine: groups a real issue and links its jump lines', async () => {
    const dir = join(tempDir(), 'yunxi');
    mkdirSync(dir);
    for (const p of ['p1', 'p2', 'p4']) copyFileSync(new URL(`yunxi-daily-2023-03-14-${p}.txt`, pages), join(dir, `yunxi-daily-2023-03-14-${p}.txt`));
    const archive = freshArchive({ engine: true });
    const { summary } = await collect([dir], archive);
    expect(summary).toMatchObject({ imported: 3, failed: 0 });
    const issues = archive.listIssues();
    expect(issues).toHaveLength(1);
    expect(archive.listPages(issues[0]!.id).map((p) => p.pageNumber)).toEqual([1, 2, 4]);
    const front = archive.listPages(issues[0]!.id)[0]!;
    const jumping = archive.getPage(front.id).items.filter((i) => i.continuedOn !== null);
    expect(jumping.length).toBeGreaterThan(0);
    const linked = jumping.map((i) => archive.getStory(i.id!)).filter((s) => s.length > 1);
    expect(linked.length).toBeGreaterThan(0);
    expect(linked[0]!.map((s) => s.pageNumber)[0]).toBe(1);
  });
});
