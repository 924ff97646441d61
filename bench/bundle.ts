// The renderer bundle (run by bench/run.ts; `npm run bench -- bundle`): what the browser host
// sends before the first paint (index.html's script, its module preloads and stylesheets) against
// the whole build, raw, gzip and Brotli (the copies the build writes and the host serves).
// Baseline: the whole build raw, i.e. one uncompressed bundle as before code splitting.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRendererBuilt, RENDERER_DIST } from '../electron/host/build-renderer.ts';
import type { BenchResult } from './types.ts';

interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

function sizesOf(file: string): Sizes {
  const raw = statSync(file).size;
  const alt = (ext: string): number => (existsSync(`${file}.${ext}`) ? statSync(`${file}.${ext}`).size : raw);
  return { raw, gzip: alt('gz'), brotli: alt('br') };
}

const add = (a: Sizes, b: Sizes): Sizes => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;

export async function bench(): Promise<BenchResult[]> {
  await ensureRendererBuilt();
  const assets = join(RENDERER_DIST, 'assets');
  const code = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
  const total = code.map((f) => sizesOf(join(assets, f))).reduce(add, { raw: 0, gzip: 0, brotli: 0 });
  const html = readFileSync(join(RENDERER_DIST, 'index.html'), 'utf8');
  const first = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const entry = first.map((f) => sizesOf(join(assets, f))).reduce(add, { raw: 0, gzip: 0, brotli: 0 });
  const largest = code.map((f) => ({ f, s: sizesOf(join(assets, f)) })).sort((a, b) => b.s.raw - a.s.raw)[0];
  const ratio = entry.brotli / total.raw;
  return [
    {
      name: 'bundle.renderer',
      figures: {
        chunks: code.length,
        totalRawKB: total.raw / 1024,
        totalGzipKB: total.gzip / 1024,
        totalBrotliKB: total.brotli / 1024,
        entryRawKB: entry.raw / 1024,
        entryGzipKB: entry.gzip / 1024,
        entryBrotliKB: entry.brotli / 1024,
        entryBrotliToTotalRaw: ratio,
        largestChunk: largest?.f ?? '',
        largestRawKB: (largest?.s.raw ?? 0) / 1024,
        largestBrotliKB: (largest?.s.brotli ?? 0) / 1024,
      },
      summary:
        `before first paint ${kb(entry.raw)} raw / ${kb(entry.gzip)} gzip / ${kb(entry.brotli)} br of ${kb(total.raw)} raw ` +
        `(${kb(total.gzip)} gzip, ${kb(total.brotli)} br) in ${code.length} chunks = ${(ratio * 100).toFixed(1)}% of the one raw bundle; ` +
        `largest lazy chunk ${largest?.f} ${kb(largest?.s.raw ?? 0)} (${kb(largest?.s.brotli ?? 0)} br)`,
    },
  ];
}
