// Import of big and scanned pages: an 18 MB ALTO page (the British Library fixture's text blocks
// repeated inside one Page) parsed as a stream, its time and peak RSS measured in a child process
// of its own, against the floor of streaming and decoding the same file in the same run; and the
// time Tesseract takes for one rendered Chinese page (goal: 18 MB in ≤ 10 s and ≤ 300 MB RSS).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ocrScan } from '../electron/importer/ocr.ts';
import type { BenchResult } from './types.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixture = (p: string): string => fileURLToPath(new URL(`../test/importer/fixtures/real/${p}`, import.meta.url));

/** A real ALTO page grown to `bytes` by repeating its PrintSpace content. */
function bigAlto(bytes: number): string {
  const src = readFileSync(fixture('bl-0002364-18110127/0002364_18110127_0001.xml'), 'utf8');
  const open = src.indexOf('>', src.indexOf('<PrintSpace')) + 1;
  const close = src.lastIndexOf('</PrintSpace>');
  const body = src.slice(open, close);
  const times = Math.ceil((bytes - src.length) / body.length) + 1;
  return src.slice(0, open) + body.repeat(times) + src.slice(close);
}

function child(file: string, floor: boolean): { ms: number; maxRssMiB: number; chars: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, '_import-parse.ts'), file, ...(floor ? ['--floor'] : [])], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as { ms: number; maxRssMiB: number; chars: number };
}

export async function bench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-bench-import-'));
  try {
    const file = join(dir, 'big-alto.xml');
    writeFileSync(file, bigAlto(18 * 1000 * 1000));
    const mb = statSync(file).size / 1e6;
    const floor = child(file, true);
    const parse = child(file, false);
    const t0 = performance.now();
    await ocrScan(fixture('tesseract/yunxi-daily-2023-03-14-p4.png'), 'p.png');
    const ocrMs = performance.now() - t0;
    const met = parse.ms <= 10_000 && parse.maxRssMiB <= 300;
    return [
      {
        name: 'import.big-alto',
        figures: {
          fileMB: Number(mb.toFixed(1)),
          parseMs: Math.round(parse.ms),
          peakRssMiB: Math.round(parse.maxRssMiB),
          textChars: parse.chars,
          floorMs: Math.round(floor.ms),
          floorRssMiB: Math.round(floor.maxRssMiB),
          ratioToFloor: Number((parse.ms / floor.ms).toFixed(1)),
        },
        summary: `an ${mb.toFixed(1)} MB ALTO page in ${(parse.ms / 1000).toFixed(1)} s, peak RSS ${Math.round(parse.maxRssMiB)} MiB (${(parse.ms / floor.ms).toFixed(1)}× streaming and decoding the file)`,
        goal: { description: '18 MB ALTO in ≤ 10 s and ≤ 300 MB RSS', met },
      },
      {
        name: 'import.ocr-page',
        figures: { ocrMsPerPage: Math.round(ocrMs) },
        summary: `Tesseract 5 (chi_sim) on one rendered 1100×1066 Chinese page: ${(ocrMs / 1000).toFixed(1)} s`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
