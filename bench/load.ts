// Load (run by bench/run.ts; `npm run bench -- load`): an archive of 20,000 pages and 100,000
// items (2,500 issues of 8 pages), loaded through the archive's bulk path (importPages with ready
// segmentations, 500 pages per transaction), then, on a re-opened archive:
// - open: time of openArchive (median of 5), and of the open-time damage check
//   (electron/archive/open-checks.ts: header + quick_check) on the same file;
// - list issues (listIssues, whole library), open a page (getPage of random pages),
//   search (3-, 2- and 6-character queries): p50/p95 of each;
// - RSS of the process holding the archive (the host), after the load and after the queries;
// - an online backup of it (electron/archive/backup.ts);
// - the same reads through the archive's worker thread (worker/client.ts), as ratios to the direct ones.
// Figures only; nothing is asserted (bench/types.ts).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportPageInput } from '../electron/archive/archive-api.ts';
import { backupArchive } from '../electron/archive/backup.ts';
import { checkArchiveFile } from '../electron/archive/open-checks.ts';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { openArchiveInWorker } from '../electron/archive/worker/client.ts';
import type { Item, Segmentation } from '../shared/segmentation.ts';
import { fmtMs, median, percentile, rng } from './timing.ts';
import type { BenchResult } from './types.ts';

const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'pages');
const PAGES = Number(process.env.GALLEY_LOAD_PAGES ?? 20_000);
const ITEMS_PER_PAGE = 5;
const PAGES_PER_ISSUE = 8;
const PAGES_PER_TX = 500;

function timed(n: number, fn: (i: number) => unknown): { p50: number; p95: number; n: number } {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn(i);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { p50: percentile(t, 50), p95: percentile(t, 95), n };
}

async function timedAsync(n: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number; n: number }> {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { p50: percentile(t, 50), p95: percentile(t, 95), n };
}

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

/** A page's text and its items laid over it contiguously (so offsets are real). */
function page(paragraphs: string[], headlines: string[], rand: () => number, no: number): { text: string; seg: Segmentation } {
  let text = '';
  const items: Item[] = [];
  for (let k = 0; k < ITEMS_PER_PAGE; k++) {
    const start = text.length;
    const headline = headlines[Math.floor(rand() * headlines.length)]!;
    const body = [0, 1].map(() => paragraphs[Math.floor(rand() * paragraphs.length)]!);
    text += `${headline}\n${body.join('\n')}\n\n`;
    items.push({
      kind: k === 0 ? 'article' : rand() < 0.8 ? 'article' : 'brief',
      start,
      end: text.length,
      kicker: null,
      headline,
      subheadline: null,
      series: null,
      byline: `记者 张${(no + k) % 50}`,
      contributors: [{ name: `张${(no + k) % 50}`, role: 'reporter' }],
      paragraphs: body,
      continuedOn: null,
      continuedFrom: null,
      flags: [],
    });
  }
  text += `第${no}页\n`;
  items[items.length - 1]!.end = text.length;
  return { text, seg: { schema: 'galley.segmentation/1', masthead: null, items } };
}

export async function bench(): Promise<BenchResult[]> {
  const corpusLines = readdirSync(PAGES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => readFileSync(join(PAGES_DIR, f), 'utf8').split(/\r?\n/))
    .map((l) => l.trim())
    .filter((l) => /[\u4e00-\u9fff]/.test(l));
  const paragraphs = corpusLines.filter((l) => l.length >= 40).map((l) => l.slice(0, 200));
  const headlines = corpusLines.filter((l) => l.length >= 6 && l.length < 30);
  const work = mkdtempSync(join(tmpdir(), 'galley-bench-load-'));
  const path = join(work, 'load.sqlite');
  const quiet = { logger: { warn: () => {} } };
  try {
    // ---- bulk load
    const rand = rng(2024);
    let archive = openArchive(path, quiet);
    const t0 = performance.now();
    for (let first = 0; first < PAGES; first += PAGES_PER_TX) {
      const batch: ImportPageInput[] = [];
      for (let no = first; no < Math.min(PAGES, first + PAGES_PER_TX); no++) {
        const day = Math.floor(no / PAGES_PER_ISSUE);
        const date = new Date(Date.UTC(1960, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
        const { text, seg } = page(paragraphs, headlines, rand, no);
        batch.push({
          sourceName: `load/${date}/p${(no % PAGES_PER_ISSUE) + 1}.txt`,
          text,
          encoding: 'UTF-8',
          dateHint: date,
          pageNumberHint: (no % PAGES_PER_ISSUE) + 1,
          publicationHint: '衡阳日报',
          folderHint: `load/${date}`,
          segmentation: seg,
        });
      }
      archive.importPages(batch, { name: 'bench' });
    }
    const loadS = (performance.now() - t0) / 1000;
    const stats = archive.stats();
    archive.close();
    const bytes = statSync(path).size;

    // ---- open (the archive is re-opened as the app would after a restart)
    const opens: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const a = openArchive(path, quiet);
      opens.push(performance.now() - t);
      a.close();
    }
    const checks: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      checkArchiveFile(path);
      checks.push(performance.now() - t);
    }
    const rssBefore = process.memoryUsage().rss;
    archive = openArchive(path, quiet);
    const rssOpen = process.memoryUsage().rss;

    // ---- list issues, open a page, search
    const list = timed(30, () => archive.listIssues());
    const issues = archive.listIssues();
    const pageIds = archive.listPages(issues[0]!.id).map((p) => p.id);
    const maxPageId = pageIds[0]! + stats.pages - 1;
    const r = rng(99);
    const get = timed(500, () => archive.getPage(pageIds[0]! + Math.floor(r() * (maxPageId - pageIds[0]! + 1))));
    const runs = paragraphs.flatMap((p) => p.match(/[\u4e00-\u9fff]{6,}/g) ?? []);
    const searches: Record<number, ReturnType<typeof timed> & { hits: number }> = {};
    for (const len of [3, 2, 6]) {
      const rq = rng(len);
      let hits = 0;
      archive.search('预热', {}, 20);
      const t = timed(200, () => {
        const run = runs[Math.floor(rq() * runs.length)]!;
        const at = Math.floor(rq() * (run.length - len + 1));
        hits += archive.search(run.slice(at, at + len), {}, 20).length;
      });
      searches[len] = { ...t, hits: hits / t.n };
    }
    const rssAfter = process.memoryUsage().rss;
    archive.close();

    // ---- the same reads through the archive's worker thread (electron/archive/worker): the
    // cost of a message round trip and of copying the result across, beside the direct calls.
    const tw = performance.now();
    const worker = await openArchiveInWorker(path, { ...quiet, learn: false });
    const workerOpenMs = performance.now() - tw;
    const wr = rng(99);
    const wList = await timedAsync(30, () => worker.listIssues());
    const wGet = await timedAsync(500, () => worker.getPage(pageIds[0]! + Math.floor(wr() * (maxPageId - pageIds[0]! + 1))));
    const wq = rng(3);
    const wSearch = await timedAsync(200, () => {
      const run = runs[Math.floor(wq() * runs.length)]!;
      const at = Math.floor(wq() * (run.length - 3 + 1));
      return worker.search(run.slice(at, at + 3), {}, 20);
    });
    await worker.close();

    // ---- online backup of the loaded archive
    const backup = await backupArchive(path, join(work, 'backup.sqlite'));

    const openMs = median(opens);
    const checkMs = median(checks);
    const results: BenchResult[] = [
      {
        name: 'load.bulk',
        figures: { pages: stats.pages, items: stats.items, issues: stats.issues, seconds: loadS, archiveMb: mb(bytes) },
        summary: `${stats.items} items on ${stats.pages} pages (${stats.issues} issues) through importPages in ${loadS.toFixed(1)} s; ${mb(bytes)} MiB`,
      },
      {
        name: 'load.open',
        figures: { openMedianMs: openMs, openMaxMs: Math.max(...opens), damageCheckMedianMs: checkMs },
        summary: `openArchive ${fmtMs(openMs)} (median of 5); open-time damage check (header + quick_check) ${fmtMs(checkMs)}`,
      },
      {
        name: 'load.list-issues',
        figures: { calls: list.n, issues: issues.length, p50Ms: list.p50, p95Ms: list.p95 },
        summary: `listIssues over ${issues.length} issues: p50 ${fmtMs(list.p50)}, p95 ${fmtMs(list.p95)}`,
      },
      {
        name: 'load.open-page',
        figures: { calls: get.n, p50Ms: get.p50, p95Ms: get.p95 },
        summary: `getPage of random pages: p50 ${fmtMs(get.p50)}, p95 ${fmtMs(get.p95)}`,
      },
      ...[3, 2, 6].map((len) => ({
        name: `load.search.${len}-char`,
        figures: { queries: searches[len]!.n, meanHits: searches[len]!.hits, p50Ms: searches[len]!.p50, p95Ms: searches[len]!.p95 },
        summary: `${len}-character queries over ${stats.items} items: p50 ${fmtMs(searches[len]!.p50)}, p95 ${fmtMs(searches[len]!.p95)}`,
      })),
      {
        name: 'load.memory',
        figures: { rssBeforeOpenMb: mb(rssBefore), rssAfterOpenMb: mb(rssOpen), rssAfterQueriesMb: mb(rssAfter), heapUsedMb: mb(process.memoryUsage().heapUsed) },
        summary: `host process RSS ${mb(rssOpen)} MiB after open, ${mb(rssAfter)} MiB after the queries`,
      },
      {
        name: 'load.worker',
        figures: {
          openMs: workerOpenMs,
          listIssuesP95Ms: wList.p95,
          listIssuesRatio: wList.p95 / list.p95,
          openPageP50Ms: wGet.p50,
          openPageP95Ms: wGet.p95,
          openPageRatio: wGet.p95 / get.p95,
          search3P95Ms: wSearch.p95,
          search3Ratio: wSearch.p95 / searches[3]!.p95,
        },
        summary:
          `through the worker thread: listIssues p95 ${fmtMs(wList.p95)} (${(wList.p95 / list.p95).toFixed(2)}× direct), ` +
          `getPage p95 ${fmtMs(wGet.p95)} (${(wGet.p95 / get.p95).toFixed(2)}×), 3-char search p95 ${fmtMs(wSearch.p95)} ` +
          `(${(wSearch.p95 / searches[3]!.p95).toFixed(2)}×); worker start and open ${fmtMs(workerOpenMs)}`,
      },
      {
        name: 'load.backup',
        figures: { seconds: backup.ms / 1000, mb: mb(backup.bytes) },
        summary: `online backup of the ${mb(bytes)} MiB archive in ${(backup.ms / 1000).toFixed(1)} s, checked`,
      },
    ];
    return results;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
