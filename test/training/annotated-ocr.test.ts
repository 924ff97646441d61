// `galley build-corpus --annotated-ocr`: the hand-annotated pages rendered, read back by Tesseract and
// written as an annotated folder whose gold the engine and the reference scorer read; and the
// committed folder (resources/annotated-ocr) is one such folder, each page from an annotated page.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { main } from '../../electron/cli/main.ts';
import { DEFAULT_RESOURCES_DIR, loadCorpus } from '../../electron/eval/corpus.ts';
import { ANNOTATED_OCR_DIR, annotatedPages, sourceOfId } from '../../electron/eval/labelled-pages.ts';
import { OCR_TOOLS } from './ocr-tools.ts';

const tmp = mkdtempSync(join(tmpdir(), 'galley-annotated-ocr-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function galley(...args: string[]) {
  const io = captureIO();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('galley build-corpus --annotated-ocr', () => {
  it('validates its arguments', async () => {
    expect((await galley('build-corpus', '--corpus', tmp, '--annotated', DEFAULT_RESOURCES_DIR)).err).toMatch(/--annotated DIR goes with --annotated-ocr/);
    expect((await galley('build-corpus', '--annotated-ocr', '--annotated', join(tmp, 'nowhere'))).err).toMatch(/no annotated pages: .*nowhere.gold not found/);
    expect((await galley('build-corpus', '--help')).out).toContain('--annotated-ocr');
  });

  it('leaves the pages of the last run as they were when Tesseract is missing', async () => {
    const out = join(tmp, 'kept');
    mkdirSync(join(out, 'gold'), { recursive: true });
    writeFileSync(join(out, 'gold', 'earlier-ocr.json'), '{}');
    const path = process.env.PATH;
    process.env.PATH = join(tmp, 'no-such-bin');
    try {
      const r = await galley('build-corpus', '--annotated-ocr', '--out', out);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/tesseract-ocr/);
    } finally {
      process.env.PATH = path;
    }
    expect(readFileSync(join(out, 'gold', 'earlier-ocr.json'), 'utf8')).toBe('{}');
  });

  it.skipIf(!OCR_TOOLS)('reads an annotated page back with Tesseract, twice, and writes pages and gold the scorer reads', async () => {
    const src = join(tmp, 'annotated');
    const id = 'dongling-daily-2024-08-01-p1';
    mkdirSync(join(src, 'gold'), { recursive: true });
    mkdirSync(join(src, 'pages'), { recursive: true });
    cpSync(join(DEFAULT_RESOURCES_DIR, 'gold', `${id}.json`), join(src, 'gold', `${id}.json`));
    cpSync(join(DEFAULT_RESOURCES_DIR, 'pages', `${id}.txt`), join(src, 'pages', `${id}.txt`));
    const out = join(tmp, 'out');
    const r = await galley('build-corpus', '--annotated-ocr', '--annotated', src, '--out', out, '--jobs', '1');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/annotated pages in real OCR: [12] of 2 kept/);
    const kept = loadCorpus(out);
    expect(kept.length).toBeGreaterThan(0);
    for (const page of kept) {
      expect(page.id).toMatch(new RegExp(`^${id}-ocr(-var)?$`));
      expect(page.gold.items[0]!.kind).toBe('masthead');
      expect(page.gold.notes).toContain('Tesseract OCR');
    }
    // The OCR work folder is not left behind.
    expect(readdirSync(out).sort()).toEqual(['gold', 'pages']);
  }, 180_000);
});

describe('resources/annotated-ocr', () => {
  it('holds annotated pages as real OCR read them: valid gold, each page from an annotated page of resources/', () => {
    const ocr = loadCorpus(join(DEFAULT_RESOURCES_DIR, ANNOTATED_OCR_DIR));
    const annotated = new Set(annotatedPages().map((p) => p.id));
    expect(ocr.length).toBeGreaterThanOrEqual(40);
    for (const page of ocr) expect(annotated.has(page.id.replace(/-ocr(-var)?$/, '')), page.id).toBe(true);
    // Nearly every source of resources/ is there (a page whose OCR aligns too poorly is left out).
    const sources = new Set(annotatedPages().map((p) => p.source));
    expect(new Set(ocr.map((p) => sourceOfId(p.id))).size).toBeGreaterThanOrEqual(sources.size - 2);
  });
});
