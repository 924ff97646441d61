// Import on every core (run by bench/run.ts; `npm run bench -- import-pool`). One folder of pages
// (DAYS days of the 8-page daily that bench/archive.ts writes) is imported three ways in the same
// run, and against the floor:
// - floor: the same page texts written into a table plus an FTS5 trigram index (detail=column),
//   WAL, synchronous=FULL, a transaction per 50 files, as the archive does: no parsing, no engine;
// - one thread: importAll without a pool (decode, parse, segment and write on one thread);
// - pool of k workers for k = 1 .. os.availableParallelism(): decode, parse and segment in the
//   workers, one writer.
// Figures: pages/s of each, the ratio of the best to the floor (goal ≤ 2×), the year (2,920 pages)
// extrapolated from the best rate (goal ≤ 10 s), and the CPU/wall ratio of the pooled run.
// The writer thread's own CPU time per page (Linux: /proc/self/task/PID/stat, the main thread only,
// the workers' CPU is not in it) bounds what more workers can give: a pool can never pass
// 1000 / (writer ms a page) pages/s, however many cores it has.
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { importAll } from '../electron/importer/index.ts';
import { createParsePool } from '../electron/importer/pool/pool.ts';
import { corpus, writeYear } from './archive.ts';
import type { BenchResult } from './types.ts';

const DAYS = 60;
const YEAR_PAGES = 2920;
const FLOOR_BATCH = 50;

/** The day folders to import (the first DAYS of the year writeYear writes). */
function dayFolders(root: string): string[] {
  return readdirSync(root)
    .sort()
    .slice(0, DAYS)
    .map((d) => join(root, d));
}

/** Ticks of /proc's thread times per second (USER_HZ, 100 on Linux whatever the kernel's HZ). */
const USER_HZ = 100;

/**
 * CPU time of this process's main thread alone, ms (Node 20 has no per-thread CPU clock; Linux
 * keeps one per task in /proc, in 10 ms ticks: fine over a run of seconds). NaN where there is none.
 */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses: state is the first, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return Number.NaN;
  }
}

function floor(folders: string[], path: string): { pages: number; seconds: number; cpuMs: number } {
  const files = folders.flatMap((d) => readdirSync(d).sort().map((f) => join(d, f)));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE pages(id INTEGER PRIMARY KEY, source TEXT NOT NULL, text TEXT NOT NULL);
    CREATE VIRTUAL TABLE pages_fts USING fts5(text, content = 'pages', content_rowid = 'id', tokenize = 'trigram', detail = column);`);
  const page = db.prepare('INSERT INTO pages(source, text) VALUES (?, ?)');
  const fts = db.prepare('INSERT INTO pages_fts(rowid, text) VALUES (?, ?)');
  const batch = db.transaction((chunk: string[]) => {
    for (const file of chunk) {
      const text = readFileSync(file, 'utf8');
      const id = page.run(file, text).lastInsertRowid;
      fts.run(id, text);
    }
  });
  for (let i = 0; i < files.length; i += FLOOR_BATCH) batch(files.slice(i, i + FLOOR_BATCH));
  db.close();
  const cpu = process.cpuUsage(cpu0);
  return { pages: files.length, seconds: (performance.now() - t0) / 1000, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function run(folders: string[], path: string, workers: number): Promise<{ pages: number; seconds: number; cpuPerWall: number; cpuMs: number; writerMs: number }> {
  const archive = openArchive(path, { logger: { warn: () => {} } });
  // inlineFirst 0: every file is parsed and segmented in a worker, so the writer thread's CPU is
  // the writing alone (a real import parses its first 8 files on the caller's thread, which loads
  // the engine's model there: ~0.5 ms a page of this 480-page run, nothing over a year's import).
  const pool = workers > 0 ? createParsePool(workers, { inlineFirst: 0 }) : undefined;
  const cpu0 = process.cpuUsage();
  const writer0 = mainThreadCpuMs();
  const t0 = performance.now();
  try {
    const summary = await importAll(folders, archive, { ...(pool ? { pool } : {}) });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // This thread's CPU: the writer (and, without a pool, the parsing and the engine too).
    const writerMs = mainThreadCpuMs() - writer0;
    if (summary.failed > 0) throw new Error(`${summary.failed} files failed to import`);
    // process.cpuUsage counts the worker threads too.
    return { pages: summary.pages, seconds, cpuPerWall: (cpu.user + cpu.system) / 1e6 / seconds, cpuMs: (cpu.user + cpu.system) / 1000, writerMs };
  } finally {
    await pool?.close();
    archive.close();
  }
}

export async function bench(): Promise<BenchResult[]> {
  const work = mkdtempSync(join(tmpdir(), 'galley-bench-import-'));
  try {
    const root = join(work, 'year', '衡阳日报');
    writeYear(corpus(), root);
    const folders = dayFolders(root);
    const cores = availableParallelism();
    const f = floor(folders, join(work, 'floor.sqlite'));
    const floorRate = f.pages / f.seconds;
    const results: BenchResult[] = [
      {
        name: 'import-pool.floor',
        figures: { pages: f.pages, seconds: f.seconds, pagesPerS: floorRate, cpuMsPerPage: f.cpuMs / f.pages },
        summary: `floor (same text + FTS5 trigram index, WAL, synchronous=FULL, ${FLOOR_BATCH}-file transactions): ${floorRate.toFixed(0)} pages/s, ${(f.cpuMs / f.pages).toFixed(2)} ms CPU per page`,
      },
    ];
    let best = 0;
    for (const workers of [0, ...Array.from({ length: cores }, (_, i) => i + 1)]) {
      const r = await run(folders, join(work, `import-${workers}.sqlite`), workers);
      const rate = r.pages / r.seconds;
      best = Math.max(best, rate);
      results.push({
        name: workers === 0 ? 'import-pool.one-thread' : `import-pool.workers-${workers}`,
        figures: { workers, cores, pages: r.pages, seconds: r.seconds, pagesPerS: rate, cpuPerWall: r.cpuPerWall, floorRatio: floorRate / rate, cpuMsPerPage: r.cpuMs / r.pages, cpuFloorRatio: r.cpuMs / r.pages / (f.cpuMs / f.pages), writerCpuMsPerPage: r.writerMs / r.pages, writerCpuFloorRatio: r.writerMs / r.pages / (f.cpuMs / f.pages), writerBoundPagesPerS: (1000 * r.pages) / r.writerMs },
        summary:
          `${workers === 0 ? 'one thread' : `${workers} worker${workers > 1 ? 's' : ''} + 1 writer`} on ${cores} cores: ${rate.toFixed(0)} pages/s = ${(floorRate / rate).toFixed(2)}× the floor's time, CPU/wall ${r.cpuPerWall.toFixed(2)}, ${(r.cpuMs / r.pages).toFixed(2)} ms CPU per page = ${(r.cpuMs / r.pages / (f.cpuMs / f.pages)).toFixed(2)}× the floor's; ` +
          `writer thread ${(r.writerMs / r.pages).toFixed(2)} ms CPU a page = ${(r.writerMs / r.pages / (f.cpuMs / f.pages)).toFixed(2)}× the floor's (no pool passes ${((1000 * r.pages) / r.writerMs).toFixed(0)} pages/s)`,
      });
    }
    const yearS = YEAR_PAGES / best;
    results.push({
      name: 'import-pool.best',
      figures: { pagesPerS: best, floorRatio: floorRate / best, yearSeconds: yearS, cores },
      summary: `best ${best.toFixed(0)} pages/s on ${cores} cores: ${(floorRate / best).toFixed(2)}× the floor; a year (${YEAR_PAGES} pages) ≈ ${yearS.toFixed(1)} s`,
      goal: { description: 'a year in at most 10 s and at most 2× the floor', met: yearS <= 10 && floorRate / best <= 2 },
    });
    return results;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
