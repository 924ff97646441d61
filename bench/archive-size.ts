// Archive size on disk (run by bench/run.ts; `npm run bench -- archive-size`). Issue 15's goal: an
// archive at most 3× the page text it holds, on a 10-year daily (29,200 pages).
//
// DAYS days of the 8-page daily that bench/archive.ts writes go through the real importer (engine,
// items, search documents and index, revision log, checksums) into a fresh archive; the file is
// checkpointed (WAL folded in) and measured, and every table and index is counted with SQLite's
// dbstat. Baseline in the same run: the floor, the same page texts in one table with an FTS5
// trigram index (detail=column), which is what any searchable copy of the text costs.
// The 10-year figure is extrapolated from bytes per page (the archive grows linearly with pages:
// every table holds rows per page or per item; only the FTS vocabulary saturates, which makes the
// extrapolation pessimistic), and stated as such.
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { importAll } from '../electron/importer/index.ts';
import { corpus, writeYear } from './archive.ts';
import type { BenchResult } from './types.ts';

const DAYS = Number(process.env.GALLEY_BENCH_SIZE_DAYS ?? 120);
const TEN_YEARS_PAGES = 29_200;
const GOAL_RATIO = 3;

/** Which part of the archive each table or index belongs to (dbstat names). */
function partOf(name: string): string {
  if (name === 'pages' || name.startsWith('pages_')) return 'pages';
  if (name.startsWith('items_fts')) return 'fts';
  if (name === 'search_docs' || name.startsWith('search_')) return 'searchDocs';
  if (name === 'items' || name.startsWith('items_') || name.startsWith('item_')) return 'items';
  if (name === 'revisions' || name.startsWith('revisions_')) return 'revisions';
  return 'other';
}

function fileBytes(path: string): number {
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return statSync(path).size;
}

function floor(files: string[], path: string): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE pages(id INTEGER PRIMARY KEY, source TEXT NOT NULL, text TEXT NOT NULL);
    CREATE VIRTUAL TABLE pages_fts USING fts5(text, content = 'pages', content_rowid = 'id', tokenize = 'trigram', detail = column);`);
  const page = db.prepare('INSERT INTO pages(source, text) VALUES (?, ?)');
  const fts = db.prepare('INSERT INTO pages_fts(rowid, text) VALUES (?, ?)');
  const batch = db.transaction((chunk: string[]) => {
    for (const file of chunk) {
      const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      fts.run(page.run(file, text).lastInsertRowid, text);
    }
  });
  for (let i = 0; i < files.length; i += 50) batch(files.slice(i, i + 50));
  db.close();
  return fileBytes(path);
}

export async function bench(): Promise<BenchResult[]> {
  const work = mkdtempSync(join(tmpdir(), 'galley-bench-size-'));
  try {
    const root = join(work, 'year', '衡阳日报');
    writeYear(corpus(), root);
    const folders = readdirSync(root).sort().slice(0, DAYS).map((d) => join(root, d));
    const path = join(work, 'archive.sqlite');
    const archive = openArchive(path, { logger: { warn: () => {} } });
    const summary = await importAll(folders, archive);
    archive.close();
    if (summary.failed > 0) throw new Error(`${summary.failed} files failed to import`);
    const bytes = fileBytes(path);
    const db = new Database(path, { readonly: true });
    const text = db.prepare('SELECT count(*) AS pages, coalesce(sum(length(CAST(text AS BLOB))), 0) AS bytes FROM pages').get() as { pages: number; bytes: number };
    const parts: Record<string, number> = { pages: 0, items: 0, searchDocs: 0, fts: 0, revisions: 0, other: 0 };
    for (const r of db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[]) {
      parts[partOf(r.name)]! += r.bytes;
    }
    const free = (db.pragma('freelist_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    db.close();
    const files = folders.flatMap((d) => readdirSync(d).sort().map((f) => join(d, f)));
    const floorBytes = floor(files, join(work, 'floor.sqlite'));
    const ratio = bytes / text.bytes;
    const floorRatio = floorBytes / text.bytes;
    const perPage = bytes / text.pages;
    const tenYearsMiB = (perPage * TEN_YEARS_PAGES) / 2 ** 20;
    const tenYearsTextMB = ((text.bytes / text.pages) * TEN_YEARS_PAGES) / 1e6;
    const share = Object.fromEntries(Object.entries(parts).map(([k, v]) => [`${k}Ratio`, v / text.bytes]));
    const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
    return [
      {
        name: 'archive-size.archive',
        figures: {
          days: DAYS,
          pages: text.pages,
          textBytes: text.bytes,
          fileBytes: bytes,
          freeBytes: free,
          ratio,
          floorBytes,
          floorRatio,
          toFloor: bytes / floorBytes,
          bytesPerPage: perPage,
          tenYearsMiB,
          tenYearsTextMB,
          ...share,
        },
        summary:
          `${text.pages} pages (${DAYS} days), ${mib(text.bytes)} of page text: archive ${mib(bytes)} = ${ratio.toFixed(2)}× the text ` +
          `(page rows ${share.pagesRatio!.toFixed(2)}, items ${share.itemsRatio!.toFixed(2)}, search docs ${share.searchDocsRatio!.toFixed(2)}, ` +
          `FTS index ${share.ftsRatio!.toFixed(2)}, revisions ${share.revisionsRatio!.toFixed(2)}, other ${share.otherRatio!.toFixed(2)}); ` +
          `floor (text + trigram index) ${floorRatio.toFixed(2)}×, so the archive is ${(bytes / floorBytes).toFixed(2)}× the floor; ` +
          `10 years (${TEN_YEARS_PAGES} pages, ~${tenYearsTextMB.toFixed(0)} MB of text) ≈ ${tenYearsMiB.toFixed(0)} MiB by bytes per page`,
        goal: { description: `at most ${GOAL_RATIO}× the text it holds`, met: ratio <= GOAL_RATIO },
      },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
