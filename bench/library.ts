// Library (run by bench/run.ts; `npm run bench -- library`): the paged library.tree of issue 15
// against the old whole tree, in the same run, on an archive of GALLEY_LIBRARY_YEARS (default 10)
// years of a daily (one issue a day, 8 pages each: 3,650 issues and 29,200 pages for 10 years; the
// page text is one short line, as the tree never reads it). Each answer is timed as the host makes
// it: the archive's query (direct, and through the archive's worker thread as the app runs it),
// the contract's response check and JSON.stringify; bytes are the UTF-8 JSON sent to the tab.
// - baseline: the old tree, { publications: listPublications(), issues: listIssues() };
// - library.tree now: publications with per-year counts (two aggregate queries);
// - library.issues: one year of the publication (366 issues), the call that opening a year makes.
// Figures only; nothing is asserted (bench/types.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { AnyArchive } from '../electron/archive/async-archive.ts';
import type { ImportPageInput } from '../electron/archive/archive-api.ts';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { openArchiveInWorker } from '../electron/archive/worker/client.ts';
import { channels } from '../shared/ipc.ts';
import { issueSummarySchema, publicationSummarySchema } from '../shared/domain.ts';
import { fmtMs, median } from './timing.ts';
import type { BenchResult } from './types.ts';

const YEARS = Number(process.env.GALLEY_LIBRARY_YEARS ?? 10);
const PAGES_PER_ISSUE = 8;
const PAGES_PER_TX = 2_000;
const RUNS = 15;
/** The old answer's contract, kept here as the baseline (shared/contract/pages.ts had it until issue 15). */
const oldTreeSchema = z.object({ publications: z.array(publicationSummarySchema), issues: z.array(issueSummarySchema) });

interface Answer {
  ms: number;
  bytes: number;
}

async function answer(runs: number, make: () => Promise<unknown> | unknown, schema: z.ZodType): Promise<Answer> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const json = JSON.stringify(schema.parse(await make()));
    times.push(performance.now() - t0);
    bytes = Buffer.byteLength(json);
  }
  return { ms: median(times), bytes };
}

async function measure(archive: AnyArchive, publicationId: number, year: number): Promise<{ old: Answer; tree: Answer; year: Answer }> {
  // Alternated so the machine's load falls on both alike.
  const old: Answer[] = [];
  const tree: Answer[] = [];
  for (let i = 0; i < 3; i++) {
    old.push(await answer(Math.ceil(RUNS / 3), async () => ({ publications: await archive.listPublications(), issues: await archive.listIssues() }), oldTreeSchema));
    tree.push(await answer(Math.ceil(RUNS / 3), async () => ({ publications: await archive.libraryTree() }), channels['library.tree'].response));
  }
  const yearAnswer = await answer(RUNS, () => archive.listIssuesOfYear(publicationId, year, { limit: 500 }), channels['library.issues'].response);
  const mid = (a: Answer[]): Answer => ({ ms: median(a.map((x) => x.ms)), bytes: a[0]!.bytes });
  return { old: mid(old), tree: mid(tree), year: yearAnswer };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export async function bench(): Promise<BenchResult[]> {
  const work = mkdtempSync(join(tmpdir(), 'galley-bench-library-'));
  const path = join(work, 'library.sqlite');
  const quiet = { logger: { warn: () => {} } };
  try {
    const archive = openArchive(path, quiet);
    const days = Math.round(YEARS * 365);
    const t0 = performance.now();
    let batch: ImportPageInput[] = [];
    for (let d = 0; d < days; d++) {
      const date = new Date(Date.UTC(2010, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      for (let p = 1; p <= PAGES_PER_ISSUE; p++) {
        const text = `${date} 第${p}版 本报讯\n`;
        batch.push({
          sourceName: `daily/${date}/p${p}.txt`,
          text,
          encoding: 'UTF-8',
          dateHint: date,
          pageNumberHint: p,
          publicationHint: '衡阳日报',
          folderHint: `daily/${date}`,
          segmentation: {
            schema: 'galley.segmentation/1',
            masthead: null,
            items: [{ kind: 'article', start: 0, end: text.length, kicker: null, headline: date, subheadline: null, series: null, byline: null, contributors: [], paragraphs: [text.trim()], continuedOn: null, continuedFrom: null, flags: [] }],
          },
        });
      }
      if (batch.length >= PAGES_PER_TX) {
        archive.importPages(batch, { name: 'bench' });
        batch = [];
      }
    }
    if (batch.length) archive.importPages(batch, { name: 'bench' });
    const loadS = (performance.now() - t0) / 1000;
    const stats = archive.stats();
    const publicationId = archive.listPublications()[0]!.id;
    const lastYear = 2010 + Math.floor((days - 1) / 365.25);
    const year = YEARS > 1 ? lastYear - 1 : lastYear; // a whole year where there is one
    const direct = await measure(archive, publicationId, year);
    archive.close();
    const worker = await openArchiveInWorker(path, { ...quiet, learn: false });
    let viaWorker: Awaited<ReturnType<typeof measure>>;
    try {
      viaWorker = await measure(worker, publicationId, year);
    } finally {
      await worker.close();
    }
    const line = (how: string, m: Awaited<ReturnType<typeof measure>>): string =>
      `${how}: library.tree ${fmtMs(m.tree.ms)}, ${kb(m.tree.bytes)} against the whole tree ${fmtMs(m.old.ms)}, ${kb(m.old.bytes)} ` +
      `(${(m.tree.ms / m.old.ms).toFixed(3)}× the time, ${(m.tree.bytes / m.old.bytes).toFixed(4)}× the bytes); one year's library.issues ${fmtMs(m.year.ms)}, ${kb(m.year.bytes)}`;
    const figures = (m: Awaited<ReturnType<typeof measure>>) => ({
      oldTreeMs: m.old.ms,
      oldTreeBytes: m.old.bytes,
      treeMs: m.tree.ms,
      treeBytes: m.tree.bytes,
      treeTimeRatio: m.tree.ms / m.old.ms,
      treeBytesRatio: m.tree.bytes / m.old.bytes,
      yearIssuesMs: m.year.ms,
      yearIssuesBytes: m.year.bytes,
    });
    return [
      {
        name: 'library.archive',
        figures: { years: YEARS, issues: stats.issues, pages: stats.pages, loadSeconds: loadS },
        summary: `${YEARS} years of a daily: ${stats.issues} issues, ${stats.pages} pages, loaded in ${loadS.toFixed(1)} s`,
      },
      { name: 'library.tree', figures: figures(direct), summary: line('direct', direct) },
      { name: 'library.tree-worker', figures: figures(viaWorker), summary: line('through the archive worker (as the app)', viaWorker) },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
