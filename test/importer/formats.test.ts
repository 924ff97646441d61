import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../core/import/errors.ts';
import { ACCEPT_ATTRIBUTE, detectFormat, parsePages } from '../../electron/importer/formats.ts';
import { dateInName, factsFromPath, pageInName } from '../../core/import/names.ts';

const sample = (name: string): string => readFileSync(new URL(`../../resources/import-samples/${name}`, import.meta.url), 'utf8');

describe('OCR formats', () => {
  it('ALTO v2: each TextLine a line, blocks separated by a blank line with boundaries, SP kept as a space; PRINTED_IMG_NR is a hint', () => {
    const { format, pages } = parsePages('alto-v2.xml', sample('alto-v2.xml'));
    expect(format).toBe('alto');
    expect(pages).toHaveLength(1);
    const p = pages[0]!;
    expect(p.text).toBe('第2版 要闻\n\n湘江大桥今日通车\n\n本报讯 经过三年建设,湘江大桥\n于今日正式通车,市民可从东岸直达西岸。\n');
    expect(p.blockBoundaries).toEqual([0, 8, 18]);
    for (const b of p.blockBoundaries.slice(1)) expect(p.text.slice(b - 2, b)).toBe('\n\n');
    expect(p.pageNumberHint).toBe(2);
  });

  it('ALTO v3: blocks inside ComposedBlock, Latin words spaced by SP, HYP printed at the line end; PHYSICAL_IMG_NR is a hint', () => {
    const p = parsePages('alto-v3.xml', sample('alto-v3.xml')).pages[0]!;
    expect(p.text).toBe('Harbour bridge opens\n\nThe new bridge was com-\npleted today.\n');
    expect(p.pageNumberHint).toBe(3);
  });

  it('ALTO v4: ReadingOrder decides the block order', () => {
    const p = parsePages('alto-v4.xml', sample('alto-v4.xml')).pages[0]!;
    expect(p.text.split('\n\n')[0]).toBe('就业形势稳中向好');
    expect(p.blockBoundaries).toEqual([0, 10]);
    expect(p.pageNumberHint).toBe(4);
  });

  it('hOCR: ocr_carea blocks, ocr_line lines, ocrx_word words joined without spaces between CJK', () => {
    const { format, pages } = parsePages('hocr.html', sample('hocr.html'));
    expect(format).toBe('hocr');
    expect(pages[0]!.text).toBe('船山书院修缮完工\n\n本报讯历时两年的船山书院\n修缮工程日前完工。\n');
  });

  it('hOCR of several pages: pages without text (pictures) are left out and the others keep their place as their number', () => {
    const page = (body: string, title = 'bbox 0 0 100 100'): string => `<div class="ocr_page" title="${title}">${body}</div>`;
    const line = (t: string): string => `<span class="ocr_line" title="bbox 1 1 50 10">${t}</span>`;
    const doc = (...pages: string[]): string => `<!DOCTYPE html><html><body>${pages.join('')}</body></html>`;
    const picture = page('<div class="ocr_image" title="bbox 0 0 100 100"></div>');
    const a = parsePages('book.hocr', doc(picture, page(line('Chapter one')), picture, page(line('Chapter two')))).pages;
    expect(a.map((p) => [p.text, p.pageNumberHint])).toEqual([
      ['Chapter one\n', 2],
      ['Chapter two\n', 4],
    ]);
    // ppageno, when the producer writes it, still decides.
    const b = parsePages('b.hocr', doc(picture, page(line('x'), 'bbox 0 0 100 100; ppageno 9'))).pages;
    expect(b.map((p) => p.pageNumberHint)).toEqual([10]);
    const empty = (() => {
      try {
        return parsePages('empty.hocr', doc(picture, picture));
      } catch (e) {
        return e;
      }
    })();
    expect(empty).toBeInstanceOf(ImportFileError);
    expect(empty).toMatchObject({ code: 'no-text' });
  });

  it('PAGE XML: ReadingOrder by @index, line TextEquiv (lowest @index) preferred over the region’s', () => {
    const { format, pages } = parsePages('page-xml.xml', sample('page-xml.xml'));
    expect(format).toBe('page-xml');
    expect(pages[0]!.text).toBe('石鼓书院恢复开放\n\n石鼓书院今起恢复开放,\n游客需提前预约。\n');
    expect(pages[0]!.text).not.toContain('WRONG');
  });

  it('the browser host’s file picker offers every format the importer takes, scans and JPEG 2000 included', () => {
    // The renderer cannot import the registry (layers), so App.tsx spells the list out; this keeps them equal.
    const app = readFileSync(new URL('../../renderer/App.tsx', import.meta.url), 'utf8');
    const accept = /accept="([^"]*)"[^>]*data-testid="import-input"/.exec(app)?.[1] ?? '';
    expect(new Set(accept.split(','))).toEqual(new Set(ACCEPT_ATTRIBUTE.split(',')));
    expect(ACCEPT_ATTRIBUTE).toContain('.jp2');
  });

  it('detects formats by extension and root element', () => {
    expect(detectFormat('a.txt', '<alto>')).toBe('text');
    expect(detectFormat('a.xml', '<?xml version="1.0"?><PcGts>')).toBe('page-xml');
    expect(() => detectFormat('a.xml', '<root/>')).toThrow(/neither ALTO, PAGE/);
    expect(detectFormat('a.pdf', 'x')).toBe('pdf');
    expect(detectFormat('scan.TIF', 'x')).toBe('image');
    expect(detectFormat('DDD_010179815_001.jp2', 'x')).toBe('image');
    expect(detectFormat('scan.JPX', 'x')).toBe('image');
    expect(() => detectFormat('a.doc', 'x')).toThrow(/unsupported file type \.doc/);
  });
});

describe('hostile and broken XML', () => {
  const code = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ImportFileError);
      return `${(e as ImportFileError).code}: ${(e as Error).message}`;
    }
    return 'no error';
  };

  it('refuses a DOCTYPE entity-expansion bomb before parsing', () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<alto><Layout><Page><PrintSpace><TextBlock><TextLine><String CONTENT="&lol3;"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>`;
    expect(code(() => parsePages('bomb.xml', bomb))).toMatch(/^xml-doctype: bomb\.xml: refused: the XML declares a DOCTYPE \(line 2\)/);
  });

  it('refuses an external entity', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><PcGts><Page><TextRegion><TextEquiv><Unicode>&xxe;</Unicode></TextEquiv></TextRegion></Page></PcGts>`;
    expect(code(() => parsePages('xxe.xml', xxe))).toMatch(/^xml-doctype: .*DOCTYPE/);
    // an ENTITY without DOCTYPE (not valid XML, still refused by name)
    expect(code(() => parsePages('e.xml', '<alto><!ENTITY x "y"></alto>'))).toMatch(/^xml-doctype: .*ENTITY/);
  });

  it('reports truncated XML as malformed with a line number', () => {
    const cut = sample('alto-v2.xml').slice(0, 900);
    expect(code(() => parsePages('cut.xml', cut))).toMatch(/^xml-malformed: cut\.xml: malformed XML at line \d+/);
  });

  it('reports an XML page without text', () => {
    expect(code(() => parsePages('e.xml', '<alto><Layout><Page><PrintSpace/></Page></Layout></alto>'))).toMatch(/^no-text: .*no text/);
    expect(code(() => parsePages('e.xml', '<alto><Layout/></alto>'))).toMatch(/^bad-structure: .*<Page>/);
    expect(code(() => parsePages('w.txt', ' \n\t\n'))).toMatch(/^no-text/);
  });
});

describe('names', () => {
  it('reads dates in the accepted forms', () => {
    expect(dateInName('2021-10-29')).toBe('2021-10-29');
    expect(dateInName('20211029_p1')).toBe('2021-10-29');
    expect(dateInName('hengyang-2021_10_29-p01')).toBe('2021-10-29');
    expect(dateInName('2021年10月29日')).toBe('2021-10-29');
    expect(dateInName('20211332_p1')).toBeNull();
    expect(dateInName('p01')).toBeNull();
  });

  it('reads page numbers in the accepted forms', () => {
    expect(pageInName('p01')).toBe(1);
    expect(pageInName('20211029_p1')).toBe(1);
    expect(pageInName('hengyang-daily-2021-10-29-p12')).toBe(12);
    expect(pageInName('page03')).toBe(3);
    expect(pageInName('page-3')).toBe(3);
    expect(pageInName('第2版')).toBe(2);
    expect(pageInName('第十二版')).toBe(12);
    expect(pageInName('07')).toBe(7);
    expect(pageInName('scan')).toBeNull();
  });

  it('takes the publication from the folder above a date folder, or the folder of dated files', () => {
    expect(factsFromPath(['衡阳日报', '2021-10-29'], 'p02.txt')).toEqual({ date: '2021-10-29', pageNumber: 2, publication: '衡阳日报' });
    expect(factsFromPath(['2021-10-29'], 'p02.txt')).toEqual({ date: '2021-10-29', pageNumber: 2, publication: null });
    expect(factsFromPath(['hengyang'], '20211029_p3.txt')).toEqual({ date: '2021-10-29', pageNumber: 3, publication: 'hengyang' });
    expect(factsFromPath(['scans'], 'a.txt')).toEqual({ date: null, pageNumber: null, publication: null });
  });
});
