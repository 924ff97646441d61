// "Nothing lost" on real files from public projects (test/importer/fixtures/real/README.md): every
// fixture is imported into an archive and the characters Galley stores (white space aside) are
// compared with a count taken independently from the file by a different parser
// (fast-xml-parser's tree, not the streaming readers the importer uses).
import { createHash } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseDidl } from '../../core/import/didl.ts';
import { parsePages } from '../../electron/importer/formats.ts';
import { importPaths, type FileResult } from '../../electron/importer/index.ts';
import { segmentationFromArticles } from '../../electron/importer/prepare.ts';
import { freshArchive, tempDir } from '../archive/helpers.ts';

const REAL = new URL('./fixtures/real/', import.meta.url);
const real = (p: string): string => new URL(p, REAL).pathname;

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
  trimValues: false,
  unpairedTags: ['meta', 'br'],
  isArray: () => true,
});
const visible = (s: string): number => [...s.replace(/\s+/g, '')].length;
const asList = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);
const str = (v: unknown): string => (Array.isArray(v) ? v.map(str).join('') : v === undefined || v === null ? '' : typeof v === 'object' ? '' : String(v));

/** Every element named `name` below `n`, at any depth. */
function all(n: unknown, name: string): Node[] {
  const out: Node[] = [];
  const walk = (x: unknown): void => {
    for (const o of asList(x)) {
      for (const [k, v] of Object.entries(o)) {
        if (k.startsWith('@') || k === '#text') continue;
        if (k === name) out.push(...asList(v));
        walk(v);
      }
    }
  };
  walk(n);
  return out;
}
// <meta> holds no page text; producers write it void (`<meta …>`), self-closed or paired (Saxon's
// `<meta …></meta>`), which no single unpaired-tag setting reads, so it is dropped before parsing.
const xml = (path: string): Node =>
  parser.parse(readFileSync(path, 'utf8').replace(/<!DOCTYPE[^>]*>/i, '').replace(/<\/?meta\b[^>]*>/gi, '')) as Node;

/** ALTO: String@CONTENT and HYP@CONTENT of every TextLine. */
function altoCount(path: string): number {
  return all(all(xml(path), 'TextLine'), 'String').reduce((n, s) => n + visible(str(s['@CONTENT'])), 0) + all(xml(path), 'HYP').reduce((n, h) => n + visible(str(h['@CONTENT'] ?? '-')), 0);
}

/** PAGE: each TextLine's own TextEquiv/Unicode (lowest @index), regions without lines their own. */
function pageCount(path: string): number {
  const best = (n: Node): string => {
    const eq = asList(n.TextEquiv).sort((a, b) => Number(a['@index'] ?? 0) - Number(b['@index'] ?? 0))[0];
    return eq ? (asList(eq.Unicode) as unknown[]).map((u) => (typeof u === 'string' ? u : str((u as Node)['#text']))).join('') : '';
  };
  let n = 0;
  for (const region of all(xml(path), 'TextRegion')) {
    const lines = asList(region.TextLine);
    n += lines.length ? lines.reduce((m, l) => m + visible(best(l)), 0) : visible(best(region));
  }
  return n;
}

/** hOCR: all text inside each ocr_page element. */
function hocrCount(path: string): number {
  // An element holding only text (`<strong>A</strong>` in Tesseract 3) parses to a bare string.
  const text = (x: unknown): string =>
    (Array.isArray(x) ? x : [x])
      .map((o: unknown) =>
        typeof o === 'string' || typeof o === 'number'
          ? String(o)
          : o && typeof o === 'object'
            ? Object.entries(o as Node).map(([k, v]) => (k === '#text' ? str(v) : k.startsWith('@') ? '' : text(v))).join('')
            : '',
      )
      .join('');
  const pages: Node[] = [];
  const find = (x: unknown): void => {
    for (const o of asList(x))
      for (const [k, v] of Object.entries(o)) {
        if (k.startsWith('@') || k === '#text') continue;
        for (const c of asList(v)) (str(c['@class']).split(/\s+/).includes('ocr_page') ? pages.push(c) : find([c]));
      }
  };
  find(xml(path));
  return pages.reduce((n, p) => n + visible(text([p])), 0);
}

async function importOne(paths: string[]) {
  const archive = freshArchive();
  const results: FileResult[] = [];
  const it = importPaths(paths, archive);
  for (let step = await it.next(); !step.done; step = await it.next()) results.push(step.value);
  const stored = (r: FileResult | undefined): number => (r?.pageIds ?? []).reduce((n, id) => n + visible(archive.getPage(id).text), 0);
  return { archive, results, stored };
}

const FILES: [string, (p: string) => number][] = [
  ['dinglehopper/test.alto2.xml', altoCount],
  ['dinglehopper/test.alto3.xml', altoCount],
  ['dinglehopper/lorem-ipsum-scan.ocr.tesseract.alto.xml', altoCount],
  ['dinglehopper/00000139.ocrd-tess.ocr.page.xml', pageCount],
  ['kraken/bsb00084914_00007.xml', altoCount],
  ['kraken/170025120000003,0074.xml', pageCount],
  ['tesseract/yunxi-daily-2023-03-14-p4.xml', altoCount],
  ['tesseract/yunxi-daily-2023-03-14-p4.hocr', hocrCount],
  ['hocr-tools/tess.hocr', hocrCount],
  ['hocr-tools/litver.html', hocrCount],
  ['hocr-tools/sample.html', hocrCount],
  ['kraken-anthologia/0023.hocr', hocrCount],
  ['abbyy/finereader_10_sample.hocr', hocrCount],
];

/** Characters of an ABBYY FineReader XML counted from the XML itself: the text of every <formatting> (or its <charParams>). */
function abbyyCount(path: string): number {
  let n = 0;
  for (const f of all(xml(path), 'formatting')) {
    const chars = all([f], 'charParams');
    n += chars.length ? chars.reduce((m, c) => m + visible(str(c['#text'])), 0) : visible(str(f['#text']));
  }
  return n;
}

export const counts: Record<string, { file: number; stored: number }> = {};

describe('real OCR files: nothing lost', () => {
  for (const [file, count] of FILES) {
    it(`${file}: the characters stored equal an independent count of the file`, async () => {
      const expected = count(real(file));
      const { results, stored } = await importOne([real(file)]);
      expect(results[0]).toMatchObject({ status: 'imported' });
      counts[file] = { file: expected, stored: stored(results[0]) };
      expect(expected).toBeGreaterThan(0);
      expect(stored(results[0])).toBe(expected);
    }, 30_000);
  }

  it('a British Library METS/ALTO delivery: one issue, METS facts, pages from the METS, other files skipped with reasons, nothing lost', async () => {
    const dir = join(tempDir(), 'BL', '0002364', '1811', '0127');
    cpSync(real('bl-0002364-18110127'), dir, { recursive: true });
    const { archive, results, stored } = await importOne([join(dir, '..', '..', '..')]);
    const by = (suffix: string) => results.find((r) => r.file.endsWith(suffix));
    expect(by('_0001.xml')).toMatchObject({ status: 'imported', format: 'alto' });
    expect(by('_0005.xml')).toMatchObject({ status: 'imported', format: 'alto' });
    expect(by('_mets.xml')).toMatchObject({ status: 'skipped' });
    expect(by('_mets.xml')!.error).toMatch(/METS delivery "The Anti-Gallican Monitor\." of 1811-01-27: 2 page file\(s\)/);
    expect(by('_manifest.txt')).toMatchObject({ status: 'skipped' });
    expect(results.filter((r) => r.status === 'failed')).toEqual([]);
    const issues = archive.listIssues();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ date: '1811-01-27' });
    expect(archive.listPublications().map((p) => p.title)).toEqual(['The Anti-Gallican Monitor.']);
    expect(archive.listPages(issues[0]!.id).map((p) => p.pageNumber)).toEqual([1, 5]);
    for (const f of ['0002364_18110127_0001.xml', '0002364_18110127_0005.xml']) {
      const expected = altoCount(join(dir, f));
      counts[`bl/${f}`] = { file: expected, stored: stored(by(f)) };
      expect(stored(by(f))).toBe(expected);
    }
    // The METS logical structMap's articles are the page's segmentation, marked as coming from METS.
    const page = archive.getPage(by('_0001.xml')!.pageId!);
    expect(page.items.length).toBeGreaterThan(3);
    const scan = archive.getPageScan!(page.id);
    expect(scan?.lines.length).toBeGreaterThan(50);
    expect(scan?.source).toBe('alto');
  }, 60_000);

  it('a KB (Delpher) DIDL delivery: one issue, title and date from the DIDL, pages in DIDL order with their native numbers, article texts skipped with reasons, nothing lost', async () => {
    const kb = real('kb-ddd-010179815');
    // The DIDL alone: page Items in order, ALTO by KB's dcx:filename (the ref is a resolver URL),
    // the preservation image by its local ref; article Items ("ocr" role) are not pages.
    const d = parseDidl(readFileSync(join(kb, 'didl.xml'), 'utf8'), 'didl.xml');
    expect(d).toMatchObject({ kind: 'didl', title: 'Advertentieblad, bekendmakingen en onderscheidene berigten van Groningen', date: '1813-11-16' });
    expect(d.pages.map((p) => [p.order, p.pageNumber, p.textHref, p.imageHref])).toEqual([
      [1, 1, 'DDD_010179815_001_alto.xml', 'DDD_010179815_001.jp2'],
      [2, 2, 'DDD_010179815_002_alto.xml', 'DDD_010179815_002.jp2'],
    ]);
    // Each page's articles with their zoning areas (KB's advertentie is an advertisement).
    expect(d.pages.map((p) => p.articles.map((a) => [a.id.split(':').pop(), a.type, a.areas?.length]))).toEqual([
      [['a0001', 'article', 2], ['a0002', 'article', 2]],
      [['a0002', 'article', 1], ['a0003', 'article', 2], ['a0004', 'advertisement', 1]],
    ]);
    // The zoning areas are in the ALTO's pixel space: each article begins at the first line inside them.
    const page1 = parsePages('p1.xml', readFileSync(join(kb, 'DDD_010179815_001_alto.xml'), 'utf8')).pages[0]!;
    const seg = segmentationFromArticles(page1, d.pages[0]!.articles)!;
    expect(seg.model?.version).toBe('didl-article-zoning');
    expect(seg.items.map((i) => page1.text.slice(i.start).split('\n')[0])).toEqual(['GRONINGEN', 'De Notaris HARM JAN VAN BOLHUIS, refide-', 'EXTRA VERKOOPING.']);

    const dir = join(tempDir(), 'KB', 'newspaper', '1813', '11', '16', 'DDD_ddd_010179815_mpeg21');
    cpSync(kb, dir, { recursive: true });
    const { archive, results, stored } = await importOne([join(dir, '..', '..', '..', '..', '..')]);
    const by = (suffix: string) => results.find((r) => r.file.endsWith(suffix));
    expect(results.filter((r) => r.status === 'failed')).toEqual([]);
    expect(results.filter((r) => r.status === 'imported').map((r) => r.file.split(/[\\/]/).pop())).toEqual(['DDD_010179815_001_alto.xml', 'DDD_010179815_002_alto.xml']);
    expect(by('didl.xml')!.error).toMatch(/DIDL delivery "Advertentieblad, bekendmakingen en onderscheidene berigten van Groningen" of 1813-11-16: 2 page file\(s\)/);
    for (const n of [1, 2, 3, 4]) expect(by(`_000${n}_articletext.xml`)).toMatchObject({ status: 'skipped', error: expect.stringMatching(/not a page of the DIDL delivery didl\.xml/) });
    const issues = archive.listIssues();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ date: '1813-11-16' });
    // The DIDL's title names the publication, not the folders (KB, newspaper, 1813, DDD_ddd_…).
    expect(archive.listPublications().map((p) => p.title)).toEqual(['Advertentieblad, bekendmakingen en onderscheidene berigten van Groningen']);
    expect(archive.listPages(issues[0]!.id).map((p) => p.pageNumber)).toEqual([1, 2]);
    // The DIDL's articles are the pages' segmentation: 2 articles below the masthead, then 3 items.
    expect(archive.getPage(by('_001_alto.xml')!.pageId!).items.map((i) => i.kind)).toEqual(['article', 'article', 'article']);
    expect(archive.getPage(by('_002_alto.xml')!.pageId!).items.map((i) => i.kind)).toEqual(['article', 'article', 'advertisement']);
    for (const f of ['DDD_010179815_001_alto.xml', 'DDD_010179815_002_alto.xml']) {
      const expected = altoCount(join(dir, f));
      counts[`kb/${f}`] = { file: expected, stored: stored(by(f)) };
      expect(stored(by(f))).toBe(expected);
    }
  }, 60_000);

  it('an OCR-D workspace: the METS picks the page file that is there; its PAGE XML is imported whole', async () => {
    const dir = join(tempDir(), 'actevedef');
    cpSync(real('ocrd-actevedef'), dir, { recursive: true });
    const { results, stored } = await importOne([dir]);
    const page = results.find((r) => r.file.endsWith('OCR-D-OCR-TESS_0001.xml'));
    expect(page).toMatchObject({ status: 'imported', format: 'page-xml' });
    expect(results.find((r) => r.file.endsWith('mets.xml'))).toMatchObject({ status: 'skipped' });
    const expected = pageCount(join(dir, 'OCR-D-OCR-TESS', 'OCR-D-OCR-TESS_0001.xml'));
    counts['ocrd/OCR-D-OCR-TESS_0001.xml'] = { file: expected, stored: stored(page) };
    expect(stored(page)).toBe(expected);
  }, 30_000);

  it('a real JPEG 2000 scan (OCR-D bag, Berlinische Monatsschrift 1784): checked against the bag\'s SHA-512, decoded as the page\'s image beside its PAGE ground truth, nothing lost', async () => {
    const src = real('ocrd-kant-jp2');
    // The bytes are the bag's own (its manifest lists them under data/).
    for (const line of readFileSync(join(src, 'manifest-sha512.txt'), 'utf8').trim().split('\n')) {
      const [sum, path] = line.split(/\s+/) as [string, string];
      expect(createHash('sha512').update(readFileSync(join(src, path.replace(/^data\//, '')))).digest('hex'), path).toBe(sum);
    }
    const dir = join(tempDir(), 'kant_aufklaerung_1784-jp2');
    cpSync(src, dir, { recursive: true });
    const { archive, results, stored } = await importOne([dir]);
    const page = results.find((r) => r.file.endsWith('PAGE_0020_PAGE.xml'));
    expect(page).toMatchObject({ status: 'imported', format: 'page-xml' });
    expect(results.filter((r) => r.status === 'failed')).toEqual([]);
    const expected = pageCount(join(dir, 'OCR-D-GT-PAGE', 'PAGE_0020_PAGE.xml'));
    counts['ocrd-kant-jp2/PAGE_0020_PAGE.xml'] = { file: expected, stored: stored(page) };
    expect(stored(page)).toBe(expected);
    // The JPEG 2000 (1457 x 2084, three components, per its codestream header) became the page's image.
    const jp2 = readFileSync(join(dir, 'OCR-D-IMG', 'INPUT_0020.jp2'));
    const siz = jp2.indexOf(Buffer.from([0xff, 0x51]));
    expect([jp2.readUInt32BE(siz + 6), jp2.readUInt32BE(siz + 10)]).toEqual([1457, 2084]);
    const image = archive.getPageImage!(page!.pageId!);
    expect(image?.mime).toBe('image/png');
    expect(image!.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([image!.bytes.readUInt32BE(16), image!.bytes.readUInt32BE(20)]).toEqual([1457, 2084]);
  }, 60_000);

  it('a 186-page ABBYY FineReader 8 XML (Emory yearbook): the hOCR made from it keeps every character the ABBYY file holds', async () => {
    const abbyy = abbyyCount(real('abbyy/abbyyocr_fr8v2.xml'));
    expect(abbyy).toBeGreaterThan(50_000);
    const { results, stored } = await importOne([real('abbyy/abbyyocr_fr8v2.hocr')]);
    expect(results[0]).toMatchObject({ status: 'imported', format: 'hocr' });
    counts['abbyy/abbyyocr_fr8v2.hocr'] = { file: hocrCount(real('abbyy/abbyyocr_fr8v2.hocr')), stored: stored(results[0]) };
    counts['abbyy/abbyyocr_fr8v2.xml (counted in the ABBYY XML)'] = { file: abbyy, stored: stored(results[0]) };
    expect(stored(results[0])).toBe(hocrCount(real('abbyy/abbyyocr_fr8v2.hocr')));
    expect(stored(results[0])).toBe(abbyy);
  }, 180_000);

  it('prints the comparison (for the report)', () => {
    for (const [f, c] of Object.entries(counts)) console.log(`nothing-lost ${f}: file ${c.file}, stored ${c.stored}`);
    expect(Object.keys(counts).length).toBeGreaterThan(0);
  });
});
