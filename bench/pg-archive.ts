// The archive on PostgreSQL next to SQLite, in the same run (`npm run bench -- pg-archive`): a year
// of a daily (2,920 pages: 8 pages × 365 days, GALLEY_BENCH_PG_PAGES to change) imported through
// importFiles in batches of 40 files, as the import pool drives it, into a SQLite archive and into
// a PostgreSQL archive on a throwaway cluster (test/support/postgres-cluster.ts, Unix socket,
// removed at the end); then p50/p95 of getPage and editPage (a one-character typed edit) on 100 of its pages. Figures and the
// ratio PostgreSQL / SQLite only; nothing is asserted. Skipped, saying why, without PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportOutcome, ImportPageInput } from '../electron/archive/archive-api.ts';
import { inProcess, type AsyncArchive } from '../electron/archive/async-archive.ts';
import { openPostgresArchive } from '../electron/archive/postgres/pg-archive.ts';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster } from '../test/support/postgres-cluster.ts';
import { corpus, segmentationFor } from './archive.ts';
import { percentile, rng } from './timing.ts';
import type { BenchResult } from './types.ts';

const PAGES = Number(process.env.GALLEY_BENCH_PG_PAGES ?? 2920);
const ITEMS_PER_PAGE = 12;
const FILES_PER_BATCH = 40;
const SAMPLE = 100;

function files(): ImportPageInput[][] {
  const lines = corpus().flatMap((t) => t.split('\n')).map((l) => l.trim()).filter((l) => /[\u4e00-\u9fff]/.test(l));
  const paragraphs = lines.filter((l) => l.length >= 40).map((l) => l.slice(0, 220));
  const headlines = lines.filter((l) => l.length >= 6 && l.length < 30);
  const rand = rng(11);
  return Array.from({ length: PAGES }, (_, n) => {
    const date = new Date(Date.UTC(1990, 0, 1) + Math.floor(n / 8) * 86_400_000).toISOString().slice(0, 10);
    const seg = segmentationFor(paragraphs, headlines, rand, ITEMS_PER_PAGE);
    return [
      {
        sourceName: `year/${date}/p${(n % 8) + 1}.txt`,
        text: seg.items.flatMap((i) => [i.headline ?? '', ...i.paragraphs]).join('\n'),
        encoding: 'UTF-8',
        dateHint: date,
        pageNumberHint: (n % 8) + 1,
        publicationHint: '衡阳日报',
        folderHint: `year/${date}`,
        segmentation: seg,
      },
    ];
  });
}

async function importYear(a: AsyncArchive, data: ImportPageInput[][], name: string): Promise<{ seconds: number; pageIds: number[] }> {
  const t0 = performance.now();
  const pageIds: number[] = [];
  for (let i = 0; i < data.length; i += FILES_PER_BATCH) {
    for (const f of await a.importFiles!(data.slice(i, i + FILES_PER_BATCH), { name: 'bench' })) {
      if (!f.ok) throw f.error;
      pageIds.push(...f.outcomes.map((o: ImportOutcome) => o.pageId));
      // A page taken as unchanged (two days' pages alike) would make the figure a smaller import's.
      const skipped = f.outcomes.find((o: ImportOutcome) => o.status !== 'imported');
      if (skipped) throw new Error(`${name}: page ${skipped.pageId} was ${skipped.status}, not imported: the figure would not be a year's`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  // The figure is a year's only if a year is there: every page imported as a page of its own.
  if (new Set(pageIds).size !== data.length) throw new Error(`${name}: ${new Set(pageIds).size} pages imported of ${data.length}`);
  return { seconds, pageIds };
}

async function pageTimes(a: AsyncArchive, pageIds: number[]): Promise<{ getP50: number; getP95: number; saveP50: number; saveP95: number }> {
  const r = rng(5);
  const sample = Array.from({ length: SAMPLE }, () => pageIds[Math.floor(r() * pageIds.length)]!);
  const gets: number[] = [];
  const saves: number[] = [];
  for (const id of sample) {
    let t = performance.now();
    const p = await a.getPage(id);
    gets.push(performance.now() - t);
    t = performance.now();
    await a.editPage({ pageId: id, baseRevision: p.revision, ops: [{ op: 'text', at: p.text.length, remove: '', insert: '。' }] }, { name: 'bench' });
    saves.push(performance.now() - t);
  }
  gets.sort((x, y) => x - y);
  saves.sort((x, y) => x - y);
  return { getP50: percentile(gets, 50), getP95: percentile(gets, 95), saveP50: percentile(saves, 50), saveP95: percentile(saves, 95) };
}

export async function bench(): Promise<BenchResult[]> {
  if (!findPostgres()) return [{ name: 'pg-archive.skipped', figures: {}, summary: `skipped: ${POSTGRES_MISSING}` }];
  const work = mkdtempSync(join(tmpdir(), 'galley-bench-pgarchive-'));
  const cluster = startPostgresCluster();
  const quiet = { warn: () => {} };
  const sqlite = inProcess(openArchive(join(work, 'year.sqlite'), { logger: quiet }));
  let pg: AsyncArchive | null = null;
  try {
    pg = await openPostgresArchive(cluster.url, { logger: quiet });
    const data = files();
    const s = await importYear(sqlite, data, 'SQLite');
    const p = await importYear(pg, data, 'PostgreSQL');
    const sp = await pageTimes(sqlite, s.pageIds);
    const pp = await pageTimes(pg, p.pageIds);
    const items = PAGES * ITEMS_PER_PAGE;
    return [
      {
        name: 'pg-archive.import',
        figures: { pages: PAGES, items, sqliteS: s.seconds, postgresS: p.seconds, sqlitePagesPerS: PAGES / s.seconds, postgresPagesPerS: PAGES / p.seconds, ratio: p.seconds / s.seconds },
        summary: `${PAGES} pages (${items} items) through importFiles: SQLite ${s.seconds.toFixed(1)} s, PostgreSQL ${p.seconds.toFixed(1)} s (${(p.seconds / s.seconds).toFixed(2)}×)`,
      },
      {
        name: 'pg-archive.page',
        figures: { sample: SAMPLE, ...Object.fromEntries(Object.entries(sp).map(([k, v]) => [`sqlite${k[0]!.toUpperCase()}${k.slice(1)}Ms`, v])), ...Object.fromEntries(Object.entries(pp).map(([k, v]) => [`postgres${k[0]!.toUpperCase()}${k.slice(1)}Ms`, v])) },
        summary: `getPage p50 SQLite ${sp.getP50.toFixed(2)} ms, PostgreSQL ${pp.getP50.toFixed(2)} ms; editPage p50 SQLite ${sp.saveP50.toFixed(2)} ms, PostgreSQL ${pp.saveP50.toFixed(2)} ms`,
      },
    ];
  } finally {
    await pg?.close();
    await sqlite.close();
    cluster.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
