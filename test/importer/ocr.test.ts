// Local OCR of scans: the real programs (Tesseract with chi_sim, poppler's pdftoppm) on real
// inputs — a page image rendered from resources/pages and a scanned PDF from dinglehopper — and
// the one-line message naming the Debian package when a program is missing.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportFileError, importPaths, type FileResult } from '../../electron/importer/index.ts';
import { decodeJpeg2000 } from '../../electron/importer/jp2.ts';
import { ocrScan } from '../../electron/importer/ocr.ts';
import { scanZh } from '../../shared/i18n-scan.ts';
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

  it('a missing program carries its typed details (key, program, package), which the import panel words in Chinese', async () => {
    const error = await ocrScan(real('tesseract/yunxi-daily-2023-03-14-p4.png'), 'p.png', { programs: { tesseract: 'galley-no-such-tesseract' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    const m = (error as ImportFileError).missing!;
    expect(m).toEqual({ key: 'missingOcr', program: 'galley-no-such-tesseract', package: 'tesseract-ocr' });
    expect(scanZh[m.key].replace('{{program}}', m.program).replaceAll('{{package}}', m.package)).toBe(
      '文字识别需要 galley-no-such-tesseract，但尚未安装：请安装 Debian 软件包 tesseract-ocr',
    );
    const lang = ((await ocrScan(real('tesseract/yunxi-daily-2023-03-14-p4.png'), 'p.png', { languages: 'xyz_abc' }).catch((e: unknown) => e)) as ImportFileError).missing!;
    expect(lang).toEqual({ key: 'missingOcrLanguage', program: 'xyz_abc', package: 'tesseract-ocr-xyz-abc' });
    // Other failures carry none: the panel words them by their code.
    const other = await ocrScan(join(tempDir(), 'missing.png'), 'missing.png').catch((e: unknown) => e);
    expect((other as { missing?: unknown }).missing).toBeUndefined();
  }, 30_000);

  it('a JPEG 2000 scan whose decoder is missing fails with one line naming libopenjp2-tools; a file that is not JPEG 2000 says so', async () => {
    const dir = tempDir();
    const jp2 = join(dir, 'p.jp2');
    // A JP2 signature is enough to reach the decoder, which is not there.
    writeFileSync(jp2, Buffer.from([0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a, 0, 0, 0, 0]));
    await expect(ocrScan(jp2, 'p.jp2', { languages: 'eng', programs: { opj_decompress: 'galley-no-such-opj' } })).rejects.toThrow(
      /^p\.jp2: JPEG 2000 scans need galley-no-such-opj, which is not installed: install the Debian package libopenjp2-tools \(apt-get install libopenjp2-tools\)$/,
    );
    writeFileSync(join(dir, 'fake.jp2'), 'not an image');
    await expect(decodeJpeg2000(join(dir, 'fake.jp2'), 'fake.jp2')).rejects.toThrow(/^fake\.jp2: not a JPEG 2000 image/);
  }, 30_000);

  // The test makes its JPEG 2000 files with OpenJPEG's encoder from the rendered page; without
  // libopenjp2-tools (.ci/run installs it) there is nothing to decode them with either.
  const hasOpenJpeg = !spawnSync('opj_compress', ['-h']).error && !spawnSync('opj_decompress', ['-h']).error;
  const makeJp2 = (out: string): void => {
    const r = spawnSync('opj_compress', ['-i', real('tesseract/yunxi-daily-2023-03-14-p4.png'), '-o', out]);
    if (r.status !== 0) throw new Error(`opj_compress failed: ${r.stderr}`);
  };

  it.skipIf(!hasOpenJpeg)('a JPEG 2000 scan (.jp2, and .jpx) is decoded with opj_decompress, OCR’d, and keeps a PNG of itself (skipped without libopenjp2-tools)', async () => {
    const dir = join(tempDir(), '云溪日报', '2023-03-14');
    mkdirSync(dir, { recursive: true });
    makeJp2(join(dir, 'p04.jp2'));
    const progress: string[] = [];
    const { archive, results } = await run([dir]);
    expect(results[0]).toMatchObject({ status: 'imported', format: 'image' });
    const page = archive.getPage(results[0]!.pageId!);
    expect(page.text).toContain('星期二');
    expect(page.pageNumber).toBe(4);
    const image = archive.getPageImage!(page.id)!;
    expect(image.mime).toBe('image/png');
    expect(image.bytes.subarray(1, 4).toString()).toBe('PNG');
    // .jpx: opj_decompress does not know the extension; the file is still decoded, by its signature.
    copyFileSync(join(dir, 'p04.jp2'), join(dir, 'p05.jpx'));
    const pages = await ocrScan(join(dir, 'p05.jpx'), 'p05.jpx', { onProgress: (p) => progress.push(`${p.stage}:${p.page}/${p.pages}`) });
    expect(pages[0]!.image.mime).toBe('image/png');
    expect(pages[0]!.hocr).toMatch(/class='ocr_page'/);
    expect(progress).toEqual(['render:0/1', 'ocr:1/1', 'done:1/1']);
  }, 90_000);

  it.skipIf(!hasOpenJpeg)('a delivery’s JPEG 2000 page image (KB names DDD_…_001.jp2) is kept as PNG beside its ALTO page (skipped without libopenjp2-tools)', async () => {
    const dir = join(tempDir(), 'DDD_ddd_010179815_mpeg21');
    cpSync(real('kb-ddd-010179815'), dir, { recursive: true });
    // Not the KB's own scan (too large to keep): the rendered test page stands in for it.
    makeJp2(join(dir, 'DDD_010179815_001.jp2'));
    const { archive, results } = await run([dir]);
    const p1 = results.find((r) => r.file.endsWith('_001_alto.xml'))!;
    const p2 = results.find((r) => r.file.endsWith('_002_alto.xml'))!;
    expect(p1).toMatchObject({ status: 'imported' });
    expect(archive.getPageImage!(p1.pageId!)).toMatchObject({ mime: 'image/png' });
    expect(archive.getPageImage!(p1.pageId!)!.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(archive.getPageImage!(p2.pageId!) ?? null).toBeNull();
    expect(results.find((r) => r.file.endsWith('_001.jp2'))).toBeUndefined();
  }, 90_000);
});
