// The import-format registry (electron/importer/formats.ts) feeds sniffing, parsing, the Electron
// import dialog's filters, the CLI help and docs/import.md: each of them lists every registered
// extension (the dialog once omitted .text, .alto, .htm and .xhtml).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.ts';
import { STRINGS } from '../../shared/i18n.ts';
import { ACCEPTED, detectFormat, dialogFilters, FORMAT_TABLE, IMPORTABLE_EXTENSIONS } from '../../electron/importer/formats.ts';

const ALL = FORMAT_TABLE.flatMap((f) => f.extensions);

function captureIO() {
  const out: string[] = [];
  return { out: () => out.join(''), io: { stdout: (t: string) => void out.push(t), stderr: () => undefined, isTTY: false } };
}

describe('the import-format registry', () => {
  it('has every extension in the folder walk and in the Electron dialog filters, each format with its own filter', () => {
    for (const ext of ALL) expect(IMPORTABLE_EXTENSIONS.has(ext), ext).toBe(true);
    const [all, ...each] = dialogFilters();
    expect(new Set(all!.extensions)).toEqual(new Set(ALL.map((e) => e.slice(1))));
    for (const ext of ['text', 'alto', 'htm', 'xhtml', 'jp2']) expect(all!.extensions).toContain(ext);
    expect(each.map((f) => f.name)).toEqual(FORMAT_TABLE.map((f) => f.label));
    for (const [i, f] of FORMAT_TABLE.entries()) expect(each[i]!.extensions).toEqual(f.extensions.map((e) => e.slice(1)));
    // In the UI language: the Chinese dialog names every filter from the i18n table.
    const zh = dialogFilters(STRINGS['zh-CN'].errors.importFormats);
    expect(zh.map((f) => f.name)).toEqual(['OCR 版面与扫描件', '纯文本', 'ALTO v1–v4', 'PAGE XML', 'hOCR', '版面图像（OCR）', 'PDF（OCR）']);
    expect(zh.map((f) => f.extensions)).toEqual(dialogFilters().map((f) => f.extensions));
  });

  // Loads the import command and the pipeline behind it through vitest's transform: over 20 s on the loaded 2-core machine.
  it('lists every extension in galley import --help and in the unsupported-file message', { timeout: 120_000 }, async () => {
    const c = captureIO();
    expect(await main(['import', '--help'], c.io)).toBe(0);
    for (const ext of ALL) {
      expect(c.out(), ext).toMatch(new RegExp(`(^|\\s)\\${ext}(\\s|$)`, 'm'));
      expect(ACCEPTED).toContain(ext);
    }
  });

  it('documents every extension in docs/import.md', () => {
    const docs = readFileSync(new URL('../../docs/import.md', import.meta.url), 'utf8');
    for (const ext of ALL) expect(docs, ext).toContain(`\`${ext}\``);
  });

  it('sniffs markup by the registry: the extension says markup, the root element says which', () => {
    expect(detectFormat('p.alto', '<?xml version="1.0"?><alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"/>')).toBe('alto');
    expect(detectFormat('p.xml', '<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"/>')).toBe('page-xml');
    expect(detectFormat('p.htm', '<html><body><div class="ocr_page"></div></body></html>')).toBe('hocr');
    expect(detectFormat('p.xhtml', '<html xmlns="http://www.w3.org/1999/xhtml"></html>')).toBe('hocr');
    expect(detectFormat('p.text', '衡阳日报')).toBe('text');
    expect(detectFormat('p.jpx', '')).toBe('image');
    expect(() => detectFormat('mets.xml', '<mets xmlns="http://www.loc.gov/METS/"/>')).toThrow(/describes a delivery/);
    expect(() => detectFormat('p.doc', '')).toThrow(/unsupported file type \.doc/);
  });
});
