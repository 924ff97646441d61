// Builds the training corpus: every crawled page of the chosen months in K layout variants, and
// optionally real-OCR versions of N pages per month (see ocr-pages.ts). Writes the corpus folder
// described in corpus-files.ts and a manifest.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuildError, buildPage, jumpsOf, planJumps, type BuiltPage, type CorpusPage } from '../page-builder.ts';
import { hashString, Rng } from '../rng.ts';
import { corpusMonths, readCorpusMonth } from './corpus-source.ts';
import { removeLabelledPage, writeAtomic, writeLabelledPage } from './corpus-files.ts';
import type { OcrPageResult } from './ocr-pages.ts';

export interface BuildCorpusOptions {
  corpus: string;
  out: string;
  seed: number;
  variants: number;
  /** Pages per month to render and OCR (0: none). */
  ocr: number;
  /** Align every page OCR'd before again from its kept text, and OCR nothing new (`ocr` is ignored). */
  realign?: boolean;
  /** Only this month (YYYY-MM); default every month file in the corpus folder. */
  month?: string;
  /** Tesseract processes at once, 1 or 2 (default 2); 1 on a machine shared with others. */
  jobs?: number;
  /** Progress lines (one per month, one per OCR page). */
  log?: (line: string) => void;
}

export interface MonthCounts {
  month: string;
  sourcePages: number;
  built: number;
  skipped: { id: string; reason: string }[];
  /** OCR: pages kept, pages dropped for poor alignment, pages whose render or OCR failed (retried by the next run). */
  ocr: { attempted: number; kept: number; dropped: { id: string; reason: string }[]; failed: { id: string; reason: string }[]; seconds: number[]; times: Record<string, number> };
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
    const counts: MonthCounts = { month, sourcePages: source.length, built: 0, skipped: [], ocr: { attempted: 0, kept: 0, dropped: [], failed: [], seconds: [], times: {} } };
    const built = buildMonth(source, o.seed, o.variants, counts);
    for (const page of built) {
      writeLabelledPage(o.out, page);
      manifest.pages.push({ id: page.id, month, kind: 'built' });
    }
    log(`${month}: ${counts.built} pages built from ${source.length} (${counts.skipped.length} skipped)`);
    if (o.ocr > 0 || o.realign) {
      const { ocrBuiltPages } = await import('./ocr-pages.ts');
      const v1 = built.filter((p) => p.id.endsWith('-v1'));
      const chosen = o.realign ? v1 : pickForOcr(v1, o.ocr, o.seed);
      // Pages OCR'd by an earlier run are aligned again from their kept text (cheap); only the
      // others are rendered and OCR'd. Failures left no text and are retried.
      const { realignOcrPage } = await import('./ocr-pages.ts');
      const workDir = join(o.out, 'ocr-work');
      const previous = previousOcr(o.out, month);
      const record = (r: OcrPageResult): void => {
        if (r.failed) {
          counts.ocr.failed.push({ id: r.id, reason: r.reason });
          return;
        }
        counts.ocr.attempted++;
        if (Number.isFinite(r.seconds)) {
          counts.ocr.seconds.push(r.seconds);
          counts.ocr.times[r.id] = r.seconds;
        }
        if (r.page) {
          counts.ocr.kept++;
          writeLabelledPage(o.out, r.page);
          manifest.pages.push({ id: r.page.id, month, kind: 'ocr' });
        } else {
          counts.ocr.dropped.push({ id: r.id, reason: r.reason });
          removeLabelledPage(o.out, `${r.id}-ocr`);
        }
      };
      const todo: BuiltPage[] = [];
      for (const p of chosen) {
        const again = realignOcrPage(p, workDir, previous.times.get(p.id));
        if (again) record(again);
        else if (!o.realign) todo.push(p);
      }
      await ocrBuiltPages(todo, { workDir, log, onResult: record, ...(o.jobs ? { workers: o.jobs } : {}) });
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
    // Manifests written before failures were counted apart have no `failed` list.
    for (const month of m.months) month.ocr = { ...month.ocr, failed: month.ocr.failed ?? [], times: month.ocr.times ?? {} };
    return m;
  } catch {
    return null;
  }
}

/** OCR seconds per page of earlier runs for a month (the time it took to render and OCR it then). */
function previousOcr(out: string, month: string): { times: Map<string, number> } {
  const m = readManifest(out)?.months.find((x) => x.month === month);
  return { times: new Map(Object.entries(m?.ocr.times ?? {})) };
}

/** Every page of a month in `variants` layouts; pages that cannot get a consistent gold are skipped and counted. */
export function buildMonth(source: readonly CorpusPage[], seed: number, variants: number, counts?: MonthCounts): BuiltPage[] {
  const plan = planJumps(source);
  const pageCount = new Map<string, number>();
  for (const p of source) pageCount.set(p.date, Math.max(pageCount.get(p.date) ?? 0, p.page));
  const out: BuiltPage[] = [];
  for (const page of source) {
    for (let v = 1; v <= variants; v++) {
      try {
        out.push(buildPage(page, seed, v, { pageCount: pageCount.get(page.date), jumps: jumpsOf(plan, page) }));
        if (counts) counts.built++;
      } catch (e) {
        if (!(e instanceof BuildError)) throw e;
        counts?.skipped.push({ id: `${page.date}-p${page.page}-v${v}`, reason: e.message });
      }
    }
  }
  return out;
}

/** N pages for OCR, drawn by the seed (front pages included as they come). */
export function pickForOcr<T extends { id: string }>(pages: readonly T[], n: number, seed: number): T[] {
  const rng = new Rng(hashString(`ocr/${seed}`));
  const order = pages.map((p) => ({ p, k: rng.next() }));
  order.sort((a, b) => a.k - b.k);
  return order.slice(0, n).map((x) => x.p).sort((a, b) => a.id.localeCompare(b.id));
}
