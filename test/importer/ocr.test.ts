// Local OCR of scans: the real programs (Tesseract with chi_sim, poppler's pdftoppm) on real
// inputs — a page image rendered from resources/pages and a scanned PDF from dinglehopper — and
// the one-line message naming the Debian package when a program is missing.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths, type FileResult } from '../../electron/importer/index.ts';
import { ocrScan } from '../../electron/importer/ocr.ts';
import { freshArchive, tempDir } from '../archive/helpers.ts';

const real = (p: string): string => new URL(`./fixtures/real/${p}`, import.meta.url).pathname;

async function run(paths: string[]) {
  const archive = freshArchive();
  const results: FileResult[] = [];
  const it = importPaths(paths, archive);
  for (let step = await it.next(); !step.done; step = await it.next()) results.push(step.value);
  return { archive, results };
}

describe('scans OCR’d locally', () => {
  it('a PNG page is OCR’d with Tesseract into hOCR, imported with its image and a region for every line', async () => {
    const dir = join(tempDir(), '云溪日报', '2023-03-14');
    mkdirSync(dir, { recursive: true });
    copyFileSync(real('tesseract/yunxi-daily-2023-03-14-p4.png'), join(dir, 'p04.png'));
    const { archive, results } = await run([dir]);
    expect(results[0]).toMatchObject({ status: 'imported', format: 'image' });
    const page = archive.getPage(results[0]!.pageId!);
    expect(page.text).toContain('星期二');
    expect(page.text).toContain('责任编辑');
    expect(page.pageNumber).toBe(4);
    const scan = archive.getPageScan!(page.id)!;
    expect(scan.source).toBe('ocr');
    expect(scan.image?.mime).toBe('image/png');
    const lines = page.text.split('\n');
    expect(scan.lines.length).toBe(lines.filter((l) => l.trim()).length);
    for (const r of scan.lines) expect(lines[r.line]).toBe(r.text);
    expect(archive.getPageImage!(page.id)!.bytes.subarray(1, 4).toString()).toBe('PNG');
  }, 60_000);

  it('a scanned PDF is rendered with pdftoppm, OCR’d page by page with progress, and keeps each page as PNG', async () => {
    const progress: string[] = [];
    const pages = await ocrScan(real('dinglehopper/lorem-ipsum-scan.pdf'), 'lorem.pdf', { languages: 'eng', onProgress: (p) => progress.push(`${p.stage}:${p.page}/${p.pages}`) });
    expect(pages).toHaveLength(1);
    expect(pages[0]!.hocr).toMatch(/class='ocr_page'/);
    expect(pages[0]!.hocr).toMatch(/Lorem/);
    expect(pages[0]!.image.mime).toBe('image/png');
    expect(progress).toEqual(['render:0/0', 'ocr:1/1', 'done:1/1']);
  }, 60_000);

  it('cancelling kills the OCR', async () => {
    const ac = new AbortController();
    const p = ocrScan(real('tesseract/yunxi-daily-2023-03-14-p4.png'), 'p.png', { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await expect(p).rejects.toThrow(/OCR cancelled/);
  }, 30_000);

  it('a missing program or language is one line naming the Debian package', async () => {
    await expect(ocrScan(real('tesseract/yunxi-daily-2023-03-14-p4.png'), 'p.png', { programs: { tesseract: 'galley-no-such-tesseract' } })).rejects.toThrow(
      /^p\.png: OCR needs galley-no-such-tesseract, which is not installed: install the Debian package tesseract-ocr \(apt-get install tesseract-ocr\)$/,
    );
    await expect(ocrScan(real('dinglehopper/lorem-ipsum-scan.pdf'), 'x.pdf', { languages: 'eng', programs: { pdftoppm: 'galley-no-such-pdftoppm' } })).rejects.toThrow(/install the Debian package poppler-utils/);
    await expect(ocrScan(real('tesseract/yunxi-daily-2023-03-14-p4.png'), 'p.png', { languages: 'xyz_abc' })).rejects.toThrow(/install the Debian package tesseract-ocr-xyz-abc/);
  }, 30_000);
});
