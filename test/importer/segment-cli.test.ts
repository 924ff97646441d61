// `galley segment FILE` reads every format the importer reads; `--text` prints the page text
// exactly as Galley extracted it (the text the offsets refer to).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { run as runSegment } from '../../electron/cli/commands/segment.ts';
import { segmentationSchema } from '../../shared/segmentation.ts';
import { parsePages } from '../../electron/importer/formats.ts';

const sample = (p: string): string => new URL(`../../resources/import-samples/${p}`, import.meta.url).pathname;
const real = (p: string): string => new URL(`./fixtures/real/${p}`, import.meta.url).pathname;

describe('galley segment on every format', () => {
  it('--text prints exactly the text the importer extracts, for ALTO, hOCR and PAGE', async () => {
    for (const f of [sample('alto-v2.xml'), sample('hocr.html'), sample('page-xml.xml'), real('tesseract/yunxi-daily-2023-03-14-p4.hocr')]) {
      const io = captureIO();
      expect(await runSegment([f, '--text'], io)).toBe(0);
      expect(io.out()).toBe(parsePages(f, readFileSync(f, 'utf8')).pages[0]!.text);
      expect(io.out()).not.toMatch(/<\?xml|<alto|ocr_page/);
    }
  });

  it('segments an ALTO page, not its markup: offsets refer to the extracted text', async () => {
    const f = real('tesseract/yunxi-daily-2023-03-14-p4.xml');
    const io = captureIO();
    expect(await runSegment([f, '--json'], io)).toBe(0);
    const seg = segmentationSchema.parse(JSON.parse(io.out()));
    const text = parsePages(f, readFileSync(f, 'utf8')).pages[0]!.text;
    expect(seg.items.length).toBeGreaterThan(0);
    for (const item of seg.items) expect(item.end).toBeLessThanOrEqual(text.length);
    expect(seg.items.map((i) => i.headline ?? '').join(' ')).not.toMatch(/xml version/);
    const outline = captureIO();
    await runSegment([f], outline);
    expect(outline.out()).not.toContain('<?xml');
  });
});
