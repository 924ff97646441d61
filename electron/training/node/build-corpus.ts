// Builds the training corpus: every crawled page of the chosen months in K layout variants, and
// optionally real-OCR versions of N pages per month in the plain style and of M more in varied
// styles (see ocr-pages.ts, ocr-style.ts), and optionally every kept OCR page again in other OCR
// engines' text layouts (ocr-relayout.ts). Writes the corpus folder described in corpus-files.ts
// and a manifest.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuildError, buildPage, jumpsOf, planJumps, type BuiltPage, type CorpusPage } from '../page-builder.ts';
import { drawOcrStyle } from '../ocr-style.ts';
import { OCR_LAYOUTS, relayoutId, relayoutsOf } from '../ocr-relayout.ts';
import type { LabelledPage } from '../../../core/engine/model/line-roles.ts';
import { hashString, Rng } from '../rng.ts';
import { corpusMonths, readCorpusMonth } from './corpus-source.ts';
import { removeLabelledPage, writeAtomic, writeLabelledPage } from './corpus-files.ts';
import type { OcrJob, OcrPageResult } from './ocr-pages.ts';

export interface BuildCorpusOptions {
  corpus: string;
  out: string;
  seed: number;
  variants: number;
  /**
   * House styles (0: none): every page also laid out in each of H papers' settings, ids
   * pd-…-pNN-h1…hH (BuildContext.house), for the learning curve of publication profiles. The
   * pages OCR'd (`ocr`, `ocrVaried`) are then house 1's, not layout variant 1's.
   */
  houseStyles?: number;
  /** Pages per month to render and OCR in the plain style (0: none). */
  ocr: number;
  /** Pages per month to render and OCR in a style drawn per page (0: none); a pick of their own. */
  ocrVaried?: number;
  /** Align every page OCR'd before again from its kept text, and OCR nothing new (`ocr` is ignored). */
  realign?: boolean;
  /**
   * Write every kept OCR page also in the other engines' layouts (ids "<ocr id>-joined", "-spaced",
   * "-dense", "-joined-spaced"); without it the layouts of the pages this run keeps are removed.
   */
  ocrRelayout?: boolean;
  /** Only this month (YYYY-MM); default every month file in the corpus folder. */
  month?: string;
  /** Tesseract processes at once, 1 or 2 (default 2); 1 on a machine shared with others. */
  jobs?: number;
  /** Minutes per month after which no new page is rendered (pages under way finish); default no limit. */
  ocrMinutes?: number;
  /** Progress lines (one per month, one per OCR page). */
  log?: (line: string) => void;
}

export interface MonthCounts {
  month: string;
  sourcePages: number;
  built: number;
  skipped: { id: string; reason: string }[];
  /**
   * OCR: pages kept, pages dropped for poor alignment, pages whose render or OCR failed (retried by
   * the next run); seconds per OCR page id; each attempted page's style, and tried/kept counts per
   * style value (`psm=4`, `scale=0.75`, …) for the drop rate of each.
   */
  ocr: {
    attempted: number;
    kept: number;
    dropped: { id: string; reason: string }[];
    failed: { id: string; reason: string }[];
    seconds: number[];
    times: Record<string, number>;
    styles: Record<string, string>;
    byValue: Record<string, { tried: number; kept: number }>;
    /** With ocrRelayout: relaid-out pages written, and layouts left out because their gold would not hold. */
    relayouts?: { written: number; failed: { id: string; reason: string }[] };
  };
}

export interface CorpusManifest {
  schema: 'galley.corpus-manifest/1';
  seed: number;
  variants: number;
  months: MonthCounts[];
  pages: { id: string; month: string; kind: 'built' | 'ocr' }[];
}

export async function buildCorpus(o: BuildCorpusOptions): Promise<CorpusManifest> {
  const log = o.log ?? (() => {});
  const months = o.month ? [o.month] : corpusMonths(o.corpus);
  mkdirSync(o.out, { recursive: true });
  const manifest: CorpusManifest = { schema: 'galley.corpus-manifest/1', seed: o.seed, variants: o.variants, months: [], pages: [] };
  for (const month of months) {
    const source = readCorpusMonth(o.corpus, month);
    const counts: MonthCounts = { month, sourcePages: source.length, built: 0, skipped: [], ocr: { attempted: 0, kept: 0, dropped: [], failed: [], seconds: [], times: {}, styles: {}, byValue: {} } };
    const built = buildMonth(source, o.seed, o.variants, counts, o.houseStyles ?? 0);
    for (const page of built) {
      writeLabelledPage(o.out, page);
      manifest.pages.push({ id: page.id, month, kind: 'built' });
    }
    log(`${month}: ${counts.built} pages built from ${source.length} (${counts.skipped.length} skipped)`);
    const varied = o.ocrVaried ?? 0;
    if (o.ocr > 0 || varied > 0 || o.realign) {
      const { ocrBuiltPages, ocrPageId, realignOcrPage } = await import('./ocr-pages.ts');
      // The pages OCR'd: layout variant 1, or with house styles the first house's pages (one paper read by OCR).
      const ocrSource = built.filter((p) => p.id.endsWith(o.houseStyles ? '-h1' : '-v1'));
      // Realigning takes every page whose text an earlier run kept, in either style. Plain and
      // varied pages take turns, each in pick order, so a run stopped early (--ocr-minutes) has
      // OCR'd what smaller counts would have.
      const jobs = interleave<OcrJob>(
        (o.realign ? ocrSource : pickForOcr(ocrSource, o.ocr, o.seed)).map((page) => ({ page, style: null })),
        (o.realign ? ocrSource : pickForOcr(ocrSource, varied, o.seed, 'ocr-varied')).map((page) => ({ page, style: drawOcrStyle(o.seed, page.id) })),
      );
      // Pages OCR'd by an earlier run are aligned again from their kept text (cheap); only the
      // others are rendered and OCR'd. Failures left no text and are retried.
      const workDir = join(o.out, 'ocr-work');
      const previous = previousOcr(o.out, month);
      const record = (r: OcrPageResult): void => {
        if (r.failed) {
          counts.ocr.failed.push({ id: r.ocrId, reason: r.reason });
          return;
        }
        counts.ocr.attempted++;
        if (Number.isFinite(r.seconds)) {
          counts.ocr.seconds.push(r.seconds);
          counts.ocr.times[r.ocrId] = r.seconds;
        }
        counts.ocr.styles[r.ocrId] = r.style;
        for (const v of r.values) {
          const c = (counts.ocr.byValue[v] ??= { tried: 0, kept: 0 });
          c.tried++;
          if (r.page) c.kept++;
        }
        if (r.page) {
          counts.ocr.kept++;
          writeLabelledPage(o.out, r.page);
          manifest.pages.push({ id: r.page.id, month, kind: 'ocr' });
          for (const id of writeRelayouts(o.out, r.page, o.ocrRelayout === true, counts)) manifest.pages.push({ id, month, kind: 'ocr' });
        } else {
          counts.ocr.dropped.push({ id: r.ocrId, reason: r.reason });
          removeLabelledPage(o.out, r.ocrId);
          removeRelayouts(o.out, r.ocrId);
        }
      };
      const todo: OcrJob[] = [];
      for (const job of jobs) {
        // Manifests before varied styles keyed the seconds by the built page's id.
        const again = realignOcrPage(job, workDir, previous.times.get(ocrPageId(job)) ?? (job.style ? undefined : previous.times.get(job.page.id)));
        if (again) record(again);
        else if (!o.realign) todo.push(job);
      }
      const deadline = o.ocrMinutes === undefined ? undefined : performance.now() + o.ocrMinutes * 60_000;
      await ocrBuiltPages(todo, { workDir, log, onResult: record, ...(o.jobs ? { workers: o.jobs } : {}), ...(deadline === undefined ? {} : { deadline }) });
      log(`${month}: ${counts.ocr.kept} of ${counts.ocr.attempted} OCR pages kept, ${counts.ocr.dropped.length} dropped, ${counts.ocr.failed.length} failed`);
    }
    manifest.months.push(counts);
  }
  // Months built by earlier runs into the same folder stay in the manifest.
  const old = readManifest(o.out);
  if (old) {
    const mine = new Set(months);
    manifest.months = [...old.months.filter((m) => !mine.has(m.month)), ...manifest.months].sort((a, b) => a.month.localeCompare(b.month));
    manifest.pages = [...old.pages.filter((p) => !mine.has(p.month)), ...manifest.pages];
  }
  writeAtomic(join(o.out, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

function readManifest(out: string): CorpusManifest | null {
  const path = join(out, 'manifest.json');
  if (!existsSync(path)) return null;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as CorpusManifest;
    if (m.schema !== 'galley.corpus-manifest/1' || !Array.isArray(m.months) || !Array.isArray(m.pages)) return null;
    // Manifests written before failures were counted apart, or before varied styles, lack those fields.
    for (const month of m.months) month.ocr = { ...month.ocr, failed: month.ocr.failed ?? [], times: month.ocr.times ?? {}, styles: month.ocr.styles ?? {}, byValue: month.ocr.byValue ?? {} };
    return m;
  } catch {
    return null;
  }
}

/** Every other-engine layout of an OCR page removed from the corpus folder. */
function removeRelayouts(out: string, ocrId: string): void {
  for (const layout of OCR_LAYOUTS) removeLabelledPage(out, relayoutId(ocrId, layout));
}

/**
 * The page's other-engine layouts written (ids returned), or with `on` false removed (so a folder
 * holds the layouts only of pages a run with the flag kept, each from the page's current alignment).
 */
function writeRelayouts(out: string, page: LabelledPage, on: boolean, counts: MonthCounts): string[] {
  if (!on) {
    removeRelayouts(out, page.id);
    return [];
  }
  const { pages, failed } = relayoutsOf(page);
  const c = (counts.ocr.relayouts ??= { written: 0, failed: [] });
  for (const p of pages) writeLabelledPage(out, p);
  for (const f of failed) removeLabelledPage(out, f.id);
  c.written += pages.length;
  c.failed.push(...failed);
  return pages.map((p) => p.id);
}

/** OCR seconds per page of earlier runs for a month (the time it took to render and OCR it then). */
function previousOcr(out: string, month: string): { times: Map<string, number> } {
  const m = readManifest(out)?.months.find((x) => x.month === month);
  return { times: new Map(Object.entries(m?.ocr.times ?? {})) };
}

/** Every page of a month in `variants` layouts; pages that cannot get a consistent gold are skipped and counted. */
export function buildMonth(source: readonly CorpusPage[], seed: number, variants: number, counts?: MonthCounts, houseStyles = 0): BuiltPage[] {
  const plan = planJumps(source);
  const pageCount = new Map<string, number>();
  for (const p of source) pageCount.set(p.date, Math.max(pageCount.get(p.date) ?? 0, p.page));
  const out: BuiltPage[] = [];
  for (const page of source) {
    const layouts: { variant: number; house?: number; tag: string }[] = [
      ...Array.from({ length: variants }, (_, k) => ({ variant: k + 1, tag: `v${k + 1}` })),
      ...Array.from({ length: houseStyles }, (_, k) => ({ variant: 1, house: k + 1, tag: `h${k + 1}` })),
    ];
    for (const { variant, house, tag } of layouts) {
      try {
        out.push(buildPage(page, seed, variant, { pageCount: pageCount.get(page.date), jumps: jumpsOf(plan, page), ...(house ? { house } : {}) }));
        if (counts) counts.built++;
      } catch (e) {
        if (!(e instanceof BuildError)) throw e;
        counts?.skipped.push({ id: `${page.date}-p${page.page}-${tag}`, reason: e.message });
      }
    }
  }
  return out;
}

/**
 * N pages for OCR, drawn by the seed (front pages included as they come), in the order drawn: the
 * first N of a larger pick are the pick of N. `orderName` names the seeded order ('ocr' for the
 * plain style, as in sessions 4–8; 'ocr-varied' for varied styles).
 */
export function pickForOcr<T extends { id: string }>(pages: readonly T[], n: number, seed: number, orderName = 'ocr'): T[] {
  const rng = new Rng(hashString(`${orderName}/${seed}`));
  const order = pages.map((p) => ({ p, k: rng.next() }));
  order.sort((a, b) => a.k - b.k);
  return order.slice(0, n).map((x) => x.p);
}

/** a[0], b[0], a[1], b[1], … then the rest of the longer list. */
function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [a[i], b[i]]).flat().filter((x): x is T => x !== undefined);
}
