// Search on PostgreSQL next to SQLite, in the same run (`npm run bench -- pg-search`): the same
// items (corpus paragraphs and headlines, as bench/archive.ts makes them) loaded into a SQLite
// archive and into a PostgreSQL archive on a throwaway cluster (test/support/postgres-cluster.ts,
// Unix socket only, removed at the end), then p50/p95 of search(q, {}, 20) for 1-, 2-, 3- and
// 6-character queries taken from stored text, and the ratio PostgreSQL / SQLite. Skipped, saying
// why, when PostgreSQL is not installed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportPageInput } from '../electron/archive/archive-api.ts';
import { inProcess, type AsyncArchive } from '../electron/archive/async-archive.ts';
import { openPostgresArchive } from '../electron/archive/postgres/pg-archive.ts';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster } from '../test/support/postgres-cluster.ts';
import { corpus, segmentationFor } from './archive.ts';
import { percentile, rng } from './timing.ts';
import type { BenchResult } from './types.ts';

const ITEMS = Number(process.env.GALLEY_BENCH_PG_ITEMS ?? 10_000);
const ITEMS_PER_PAGE = 20;
const PAGES_PER_TX = 50;
const QUERIES = 60;

function batches(): ImportPageInput[][] {
  const lines = corpus().flatMap((t) => t.split('\n')).map((l) => l.trim()).filter((l) => /[\u4e00-\u9fff]/.test(l));
  const paragraphs = lines.filter((l) => l.length >= 40).map((l) => l.slice(0, 220));
  const headlines = lines.filter((l) => l.length >= 6 && l.length < 30);
  const rand = rng(7);
  const out: ImportPageInput[][] = [];
  let made = 0;
  let pageNo = 0;
  while (made < ITEMS) {
    const batch: ImportPageInput[] = [];
    for (let p = 0; p < PAGES_PER_TX && made < ITEMS; p++, pageNo++) {
      const count = Math.min(ITEMS_PER_PAGE, ITEMS - made);
      made += count;
      const date = new Date(Date.UTC(1990, 0, 1) + Math.floor(pageNo / 8) * 86_400_000).toISOString().slice(0, 10);
      batch.push({
        sourceName: `bulk/${date}/p${(pageNo % 8) + 1}.txt`,
        text: `bulk page ${pageNo}`,
        encoding: 'UTF-8',
        dateHint: date,
        pageNumberHint: (pageNo % 8) + 1,
        publicationHint: '衡阳日报',
        folderHint: `bulk/${date}`,
        segmentation: segmentationFor(paragraphs, headlines, rand, count),
      });
    }
    out.push(batch);
  }
  return out;
}

/** Queries of `len` characters cut from stored paragraphs (most have hits). */
function queries(pages: ImportPageInput[][], len: number): string[] {
  const runs = pages.flat().flatMap((p) => p.segmentation!.items.flatMap((i) => i.paragraphs.flatMap((t) => t.match(/[\u4e00-\u9fff]{6,}/g) ?? [])));
  const r = rng(len * 101);
  return Array.from({ length: QUERIES }, () => {
    const run = runs[Math.floor(r() * runs.length)]!;
    const at = Math.floor(r() * (run.length - len + 1));
    return run.slice(at, at + len);
  });
}

async function latencies(a: AsyncArchive, qs: string[]): Promise<{ p50: number; p95: number; hits: number }> {
  await a.search('预热', {}, 20); // statement caches, folding tables
  const times: number[] = [];
  let hits = 0;
  for (const q of qs) {
    const t = performance.now();
    hits += (await a.search(q, {}, 20)).length;
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  return { p50: percentile(times, 50), p95: percentile(times, 95), hits: hits / qs.length };
}

export async function bench(): Promise<BenchResult[]> {
  if (!findPostgres()) return [{ name: 'pg-search.skipped', figures: {}, summary: `skipped: ${POSTGRES_MISSING}` }];
  const work = mkdtempSync(join(tmpdir(), 'galley-bench-pg-'));
  const cluster = startPostgresCluster();
  const sqlite = inProcess(openArchive(join(work, 'search.sqlite'), { logger: { warn: () => {} } }));
  let pg: AsyncArchive | null = null;
  try {
    pg = await openPostgresArchive(cluster.url, { logger: { warn: () => {} } });
    const data = batches();
    const load: Record<string, number> = {};
    for (const [name, a] of [['sqlite', sqlite], ['postgres', pg]] as const) {
      const t0 = performance.now();
      for (const b of data) await a.importPages(b, { name: 'bench' });
      load[name] = (performance.now() - t0) / 1000;
    }
    const results: BenchResult[] = [
      {
        name: 'pg-search.load',
        figures: { items: ITEMS, sqliteS: load.sqlite!, postgresS: load.postgres!, ratio: load.postgres! / load.sqlite! },
        summary: `${ITEMS} items through importPages: SQLite ${load.sqlite!.toFixed(1)} s, PostgreSQL ${load.postgres!.toFixed(1)} s`,
      },
    ];
    for (const len of [3, 2, 1, 6]) {
      const qs = queries(data, len);
      const s = await latencies(sqlite, qs);
      const p = await latencies(pg, qs);
      results.push({
        name: `pg-search.${len}-char`,
        figures: { queries: qs.length, meanHits: s.hits, sqliteP50Ms: s.p50, sqliteP95Ms: s.p95, postgresP50Ms: p.p50, postgresP95Ms: p.p95, ratioP50: p.p50 / s.p50 },
        summary: `${len}-char search p50/p95: SQLite ${s.p50.toFixed(2)}/${s.p95.toFixed(2)} ms, PostgreSQL ${p.p50.toFixed(2)}/${p.p95.toFixed(2)} ms`,
      });
    }
    return results;
  } finally {
    await pg?.close();
    await sqlite.close();
    cluster.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
