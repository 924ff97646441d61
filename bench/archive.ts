// Archive speed (run by bench/run.ts; `npm run bench -- archive`):
// - import: a year of an 8-page daily (2,920 pages made by varying the corpus pages in
//   resources/pages/: dates, issue numbers, running heads, some characters) written as files and
//   imported through the real importer (walk, decode, engine, archive with indexing) into a fresh
//   archive; pages/s. Goal: the year in under 20 s.
// - search: 100,000 items loaded through the archive's bulk path (importPages with ready
//   segmentations), then p50/p95 latency of archive.search for 3-, 2- and 6-character queries,
//   side by side with a LIKE '%q%' scan of the same content table. Goal: p95 under 20 ms.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { openArchiveInWorker } from '../electron/archive/worker/client.ts';
import type { ImportPageInput } from '../electron/archive/archive-api.ts';
import { importAll } from '../electron/importer/index.ts';
import { storedSearchDoc } from '../core/search/search-doc.ts';
import type { Item, Segmentation } from '../shared/segmentation.ts';
import { fmtMs, percentile, rng } from './timing.ts';
import type { BenchResult } from './types.ts';

const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'pages');
const DAYS = 365;
const PAGES_PER_DAY = 8;
const ITEMS = 100_000;
const QUERIES = 200;
const IMPORT_GOAL_S = 20;
const SEARCH_GOAL_MS = 20;

export function corpus(): string[] {
  return readdirSync(PAGES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(PAGES_DIR, f), 'utf8').replace(/\r\n?/g, '\n'));
}

const POOL = '江河湖海山川城乡村镇街路桥港站厂园校院馆场田林农工商贸科技文教卫体新旧东南西北中上下前后';

/** Replaces `count` random CJK characters (keeps length, so offsets stay valid). */
function vary(text: string, count: number, rand: () => number): string {
  const chars = [...text];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(rand() * chars.length);
    if (/[\u4e00-\u9fff]/.test(chars[at] ?? '')) chars[at] = POOL[Math.floor(rand() * POOL.length)]!;
  }
  return chars.join('');
}

function dayPage(base: string, date: Date, day: number, page: number, rand: () => number): string {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  let text = base
    .replace(/\d{4}年\d{1,2}月\d{1,2}日/g, `${y}年${m}月${d}日`)
    .replace(/第\s*\d{4,6}\s*[号號]/g, `第${18000 + day}号`)
    .replace(/第\s*\d{1,2}\s*版/g, `第${page}版`);
  text = vary(text, 12, rand);
  return text;
}

/** Writes the year of an 8-page daily under `root` (PUBLICATION/YYYY-MM-DD/pNN.txt). */
export function writeYear(pages: string[], root: string): void {
  const fronts = pages.filter((t) => /第\s*\d{4,6}\s*[号號]/.test(t));
  const inner = pages.filter((t) => !fronts.includes(t));
  const front = fronts.find((t) => t.includes('衡阳日报')) ?? fronts[0] ?? pages[0]!;
  const others = [...inner, ...fronts.filter((t) => t !== front)];
  const rand = rng(2021);
  const start = Date.UTC(2021, 0, 1);
  for (let day = 0; day < DAYS; day++) {
    const date = new Date(start + day * 86_400_000);
    const folder = join(root, date.toISOString().slice(0, 10));
    mkdirSync(folder, { recursive: true });
    for (let p = 1; p <= PAGES_PER_DAY; p++) {
      const base = p === 1 ? front : others[(p - 2 + day) % others.length]!;
      writeFileSync(join(folder, `p${String(p).padStart(2, '0')}.txt`), dayPage(base, date, day, p, rand));
    }
  }
}

async function benchImport(pages: string[], work: string): Promise<BenchResult> {
  const root = join(work, 'year', '衡阳日报');
  writeYear(pages, root);
  const archive = openArchive(join(work, 'year.sqlite'), { logger: { warn: () => {} } });
  // Memory: the largest heap seen in the first and in the second half of the run; flat means
  // the second half needs no more than the first.
  const half = (DAYS * PAGES_PER_DAY) / 2;
  let heapFirstHalf = 0;
  let heapSecondHalf = 0;
  let rssMax = 0;
  const t0 = performance.now();
  const summary = await importAll([root], archive, {
    onProgress: (_r, s) => {
      if (s.files % 100 !== 0) return;
      const mem = process.memoryUsage();
      const heap = mem.heapUsed;
      rssMax = Math.max(rssMax, mem.rss);
      if (s.files <= half) heapFirstHalf = Math.max(heapFirstHalf, heap);
      else heapSecondHalf = Math.max(heapSecondHalf, heap);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const stats = archive.stats();
  archive.close();
  const pagesPerS = summary.pages / seconds;
  const met = seconds < IMPORT_GOAL_S && summary.failed === 0;
  // The same year into a fresh archive in its worker thread (electron/archive/worker): the engine
  // and every write run there, one message per batch of files; the ratio is to the run above.
  const tw = performance.now();
  const worker = await openArchiveInWorker(join(work, 'year-worker.sqlite'), { logger: { warn: () => {} } });
  const viaWorker = await importAll([root], worker);
  const workerSeconds = (performance.now() - tw) / 1000;
  await worker.close();
  return {
    name: 'archive.import',
    figures: {
      workerSeconds,
      workerPagesPerS: viaWorker.pages / workerSeconds,
      workerRatio: workerSeconds / seconds,
      workerFailed: viaWorker.failed,
      pages: summary.pages,
      failed: summary.failed,
      issues: stats.issues,
      items: stats.items,
      seconds,
      pagesPerS,
      heapMaxFirstHalfMB: heapFirstHalf / 1e6,
      heapMaxSecondHalfMB: heapSecondHalf / 1e6,
      rssMaxMB: rssMax / 1e6,
    },
    summary:
      `${summary.pages} pages (${stats.items} items, ${stats.issues} issues) in ${seconds.toFixed(1)} s = ${pagesPerS.toFixed(0)} pages/s; ` +
      `through the worker archive ${workerSeconds.toFixed(1)} s (${(workerSeconds / seconds).toFixed(2)}×, worker start included)`,
    goal: { description: `a year (${DAYS * PAGES_PER_DAY} pages) in under ${IMPORT_GOAL_S} s`, met },
  };
}

export function segmentationFor(paragraphs: string[], headlines: string[], rand: () => number, count: number): Segmentation {
  const items: Item[] = [];
  for (let i = 0; i < count; i++) {
    const body: string[] = [];
    const n = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < n; k++) body.push(vary(paragraphs[Math.floor(rand() * paragraphs.length)]!, 4, rand));
    items.push({
      kind: rand() < 0.85 ? 'article' : 'brief',
      start: 0,
      end: 0,
      kicker: null,
      headline: vary(headlines[Math.floor(rand() * headlines.length)]!, 2, rand),
      subheadline: null,
      series: null,
      byline: null,
      contributors: [],
      paragraphs: body,
      continuedOn: null,
      continuedFrom: null,
      flags: [],
    });
  }
  return { schema: 'galley.segmentation/1', masthead: null, items };
}

async function benchSearch(pages: string[], work: string): Promise<BenchResult[]> {
  const lines = pages.flatMap((t) => t.split('\n')).map((l) => l.trim()).filter((l) => /[\u4e00-\u9fff]/.test(l));
  const paragraphs = lines.filter((l) => l.length >= 40).map((l) => l.slice(0, 220));
  const headlines = lines.filter((l) => l.length >= 6 && l.length < 30);
  const rand = rng(7);
  const archive = openArchive(join(work, 'search.sqlite'), { logger: { warn: () => {} } });
  // The baselines' content table: the items' folded search text, as search_docs held it before the
  // index became contentless (migration 0017); a temporary table of this connection, not the archive's.
  archive.db.raw.exec('CREATE TEMP TABLE bench_docs(item_id INTEGER PRIMARY KEY, headline TEXT, body TEXT, people TEXT, tags TEXT)');
  const benchDoc = archive.db.raw.prepare('INSERT INTO bench_docs(headline, body, people, tags) VALUES (?, ?, ?, ?)');
  const ITEMS_PER_PAGE = 20;
  const PAGES_PER_TX = 250;
  const t0 = performance.now();
  let made = 0;
  let pageNo = 0;
  while (made < ITEMS) {
    const batch: ImportPageInput[] = [];
    for (let p = 0; p < PAGES_PER_TX && made < ITEMS; p++, pageNo++) {
      const count = Math.min(ITEMS_PER_PAGE, ITEMS - made);
      made += count;
      const day = Math.floor(pageNo / 8);
      const date = new Date(Date.UTC(1990, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
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
      for (const item of batch[batch.length - 1]!.segmentation!.items) {
        const d = storedSearchDoc({ ...item, tags: [] });
        benchDoc.run(d.headline, d.body, d.people, d.tags);
      }
    }
    archive.importPages(batch, { name: 'bench' });
  }
  const loadS = (performance.now() - t0) / 1000;

  // Queries: substrings of CJK runs of stored items, so most have hits.
  const cjkRuns = paragraphs.flatMap((p) => p.match(/[\u4e00-\u9fff]{6,}/g) ?? []);
  const pick = (len: number): string[] => {
    const r = rng(len * 101);
    const out: string[] = [];
    while (out.length < QUERIES) {
      const run = cjkRuns[Math.floor(r() * cjkRuns.length)]!;
      const at = Math.floor(r() * (run.length - len + 1));
      out.push(run.slice(at, at + len));
    }
    return out;
  };
  // Baselines over the same content table: the full LIKE scan (what ranking all matches needs)
  // and the first 20 LIKE matches in table order (unranked; stops early on common words).
  const likeAll = archive.db.stmt(
    'bench.likeAll',
    `SELECT item_id FROM bench_docs WHERE headline LIKE ? OR body LIKE ? OR people LIKE ? OR tags LIKE ?`,
  );
  const likeFirst = archive.db.stmt(
    'bench.likeFirst20',
    `SELECT item_id FROM bench_docs WHERE headline LIKE ? OR body LIKE ? OR people LIKE ? OR tags LIKE ? LIMIT 20`,
  );
  archive.search('预热', {}, 20); // folding tables and statement cache
  const results: BenchResult[] = [
    {
      name: 'archive.bulk-load',
      figures: { items: ITEMS, pages: pageNo, seconds: loadS, itemsPerS: ITEMS / loadS, rssMB: process.memoryUsage().rss / 1e6 },
      summary: `${ITEMS} items on ${pageNo} pages through importPages in ${loadS.toFixed(1)} s`,
    },
  ];
  for (const len of [3, 2, 6]) {
    const queries = pick(len);
    const ours: number[] = [];
    const scan: number[] = [];
    const first: number[] = [];
    let hits = 0;
    let matches = 0;
    for (const q of queries) {
      let t = performance.now();
      hits += archive.search(q, {}, 20).length;
      ours.push(performance.now() - t);
      const pattern = `%${q}%`;
      t = performance.now();
      matches += likeAll.all(pattern, pattern, pattern, pattern).length;
      scan.push(performance.now() - t);
      t = performance.now();
      likeFirst.all(pattern, pattern, pattern, pattern);
      first.push(performance.now() - t);
    }
    for (const list of [ours, scan, first]) list.sort((a, b) => a - b);
    const p50 = percentile(ours, 50);
    const p95 = percentile(ours, 95);
    const l50 = percentile(scan, 50);
    const l95 = percentile(scan, 95);
    results.push({
      name: `archive.search.${len}-char`,
      figures: {
        queries: queries.length,
        meanHits: hits / queries.length,
        meanMatches: matches / queries.length,
        p50Ms: p50,
        p95Ms: p95,
        likeScanP50Ms: l50,
        likeScanP95Ms: l95,
        ratioP50: l50 / p50,
        ratioP95: l95 / p95,
        likeFirst20P50Ms: percentile(first, 50),
        likeFirst20P95Ms: percentile(first, 95),
      },
      summary: `${len}-character queries over ${ITEMS} items: p50 ${fmtMs(p50)}, p95 ${fmtMs(p95)}; LIKE scan p50 ${fmtMs(l50)}, p95 ${fmtMs(l95)} (${(l50 / p50).toFixed(1)}× slower at p50)`,
      goal: { description: `p95 under ${SEARCH_GOAL_MS} ms`, met: p95 < SEARCH_GOAL_MS },
    });
  }
  archive.close();
  return results;
}

export async function bench(): Promise<BenchResult[]> {
  const pages = corpus();
  if (!pages.length) throw new Error(`no pages in ${PAGES_DIR}`);
  const work = mkdtempSync(join(tmpdir(), 'galley-bench-archive-'));
  try {
    const only = process.env.GALLEY_BENCH_ARCHIVE; // "import" or "search" to run one half
    const out: BenchResult[] = [];
    if (only !== 'search') out.push(await benchImport(pages, work));
    if (only !== 'import') out.push(...(await benchSearch(pages, work)));
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
