// What issue 11 found in real files, each as a small case: the hOCR DOCTYPE, hOCR lines outside
// ocr_par, ALTO spacing for CJK and Latin, one line per TextLine, character references in
// attributes, page numbers from library file names, delivery folder names, checksum manifests,
// METS facts and DIDL.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../core/import/errors.ts';
import { parsePages } from '../../electron/importer/formats.ts';
import { parseDidl } from '../../core/import/didl.ts';
import { parseMets } from '../../core/import/mets.ts';
import { factsFromPath, pageInName } from '../../core/import/names.ts';
import { importPaths, type FileResult } from '../../electron/importer/index.ts';
import { freshArchive, tempDir } from '../archive/helpers.ts';

const XHTML = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title><meta name='ocr-system' content='tesseract 5.3.0' /></head><body>`;

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return e instanceof ImportFileError ? `${e.code}: ${e.message}` : `other: ${String(e)}`;
  }
  return 'ok';
};

describe('hOCR as producers write it', () => {
  it('accepts the standard XHTML DOCTYPE; refuses an internal subset, a SYSTEM DTD and entities', () => {
    const page = `<div class='ocr_page' title='bbox 0 0 100 100'><span class='ocr_line' title='bbox 1 1 50 10'><span class='ocrx_word'>本报讯</span></span></div></body></html>`;
    expect(parsePages('t.hocr', XHTML + page).pages[0]!.text).toBe('本报讯\n');
    expect(parsePages('t.html', `<!DOCTYPE html>\n<html><body>${page}`).pages[0]!.text).toBe('本报讯\n');
    expect(code(() => parsePages('t.hocr', `<!DOCTYPE html [<!ENTITY x "y">]><html><body>${page}`))).toMatch(/^xml-doctype: .*DOCTYPE \(line 1\)/);
    expect(code(() => parsePages('t.hocr', `<!DOCTYPE html SYSTEM "http://127.0.0.1:9/x.dtd"><html><body>${page}`))).toMatch(/^xml-doctype/);
    expect(code(() => parsePages('t.hocr', `<!DOCTYPE html PUBLIC "-//Evil//DTD X//EN" "x.dtd"><html><body>${page}`))).toMatch(/^xml-doctype/);
  });

  it('keeps every line class wherever it stands; ocr_carea and ocr_par only start blocks; loose text is kept', () => {
    const body = `<div class='ocr_page' title='bbox 0 0 1000 1000; ppageno 0'>
      <div class='ocr_carea'>
        <p class='ocr_par'><span class='ocr_line' title='bbox 0 0 100 20'><span class='ocrx_word'>衡阳</span> <span class='ocrx_word'>日报</span></span></p>
        <span class='ocr_header' title='bbox 0 30 100 50'><span class='ocrx_word'>要闻</span></span>
        <p class='ocr_par'><span class='ocrx_line' title='bbox 0 60 100 80'>记者 邱文涛</span>
          <span class='ocr_caption' title='bbox 0 90 100 99'><span class='ocrx_word'>图为</span><span class='ocrx_word'>现场</span></span></p>
      </div>
      <span class='ocr_textfloat' title='bbox 0 100 100 120'><span class='ocrx_word'>广告</span></span>
      <p>散落文字</p>
    </div></body></html>`;
    const p = parsePages('t.hocr', XHTML + body).pages[0]!;
    expect(p.text).toBe('衡阳日报\n\n要闻\n\n记者 邱文涛\n图为现场\n\n广告\n散落文字\n');
    expect(p.regions!.lines.map((l) => l.line)).toEqual([0, 2, 4, 5, 7]);
    expect(p.regions!.lines[1]).toEqual({ line: 2, box: [0, 30, 100, 50], text: '要闻' });
    expect(p.regions).toMatchObject({ width: 1000, height: 1000 });
  });
});

describe('ALTO as producers write it', () => {
  const alto = (lines: string) =>
    `<?xml version="1.0"?><alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page WIDTH="1000" HEIGHT="2000" PHYSICAL_IMG_NR="3"><PrintSpace><TextBlock ID="b1">${lines}</TextBlock></PrintSpace></Page></Layout></alto>`;
  it('CJK with one String per character: spaces exactly at SP; each TextLine its own line', () => {
    const chars = (s: string) => [...s].map((c) => `<String CONTENT="${c}"/>`).join('');
    const xml = alto(
      `<TextLine HPOS="10" VPOS="20" WIDTH="300" HEIGHT="30">${chars('记者')}<SP/>${chars('邱文涛')}<SP/>${chars('通讯员')}<SP/>${chars('韩雪')}</TextLine>` +
        `<TextLine HPOS="10" VPOS="60" WIDTH="300" HEIGHT="30">${chars('高铁新城')}</TextLine>`,
    );
    const p = parsePages('a.xml', xml).pages[0]!;
    expect(p.text).toBe('记者 邱文涛 通讯员 韩雪\n高铁新城\n');
    expect(p.pageNumberHint).toBe(3);
    expect(p.regions).toEqual({ width: 1000, height: 2000, lines: [{ line: 0, box: [10, 20, 310, 50], text: '记者 邱文涛 通讯员 韩雪' }, { line: 1, box: [10, 60, 310, 90], text: '高铁新城' }] });
  });

  it('decodes character references in CONTENT; Latin words without SP still get spaces', () => {
    const p = parsePages('a.xml', alto(`<TextLine><String CONTENT="&#34;Hello"/><String CONTENT="world&#39;s&#x22;"/></TextLine>`)).pages[0]!;
    expect(p.text).toBe(`"Hello world's"\n`);
  });
});

describe('names in library deliveries', () => {
  it('reads zero-padded page sequences and keeps layout folders out of publication names', () => {
    expect(pageInName('0002364_18110127_0003')).toBe(3);
    expect(pageInName('18210801_1-0001')).toBe(1);
    expect(pageInName('2021-10-09')).toBeNull();
    expect(factsFromPath(['BL', '0002364', '1811', '0127'], '0002364_18110127_0003.xml')).toEqual({ date: '1811-01-27', pageNumber: 3, publication: null });
    expect(factsFromPath(['JDPL', '18210801_1', 'ALTO'], '18210801_1-0002.xml')).toMatchObject({ pageNumber: 2, publication: null });
    expect(factsFromPath(['text'], '20211029_p1.txt').publication).toBeNull();
  });
});

describe('METS and DIDL', () => {
  it('METS: physical order, ORDERLABEL, MODS title and date, full-text file group, articles via direct areas', () => {
    const mets = `<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:mods="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink">
      <mets:dmdSec ID="d1"><mets:mdWrap><mets:xmlData><mods:mods><mods:titleInfo><mods:title>衡阳日报</mods:title></mods:titleInfo><mods:originInfo><mods:dateIssued>2021-10-29</mods:dateIssued></mods:originInfo></mods:mods></mets:xmlData></mets:mdWrap></mets:dmdSec>
      <mets:fileSec><mets:fileGrp USE="IMAGE"><mets:file ID="i2" MIMETYPE="image/jpeg"><mets:FLocat xlink:href="img/p2.jpg"/></mets:file></mets:fileGrp>
        <mets:fileGrp USE="FULLTEXT"><mets:file ID="t1"><mets:FLocat xlink:href="alto/p1.xml"/></mets:file><mets:file ID="t2"><mets:FLocat xlink:href="alto/p2.xml"/></mets:file></mets:fileGrp></mets:fileSec>
      <mets:structMap TYPE="LOGICAL"><mets:div TYPE="issue" DMDID="d1"><mets:div ID="a1" TYPE="ARTICLE"><mets:fptr><mets:area FILEID="t2" BETYPE="IDREF" BEGIN="w5"/></mets:fptr></mets:div></mets:div></mets:structMap>
      <mets:structMap TYPE="PHYSICAL"><mets:div TYPE="physSequence">
        <mets:div TYPE="page" ORDER="2" ORDERLABEL="2"><mets:fptr FILEID="i2"/><mets:fptr FILEID="t2"/></mets:div>
        <mets:div TYPE="page" ORDER="1" ORDERLABEL="I"><mets:fptr FILEID="t1"/></mets:div>
      </mets:div></mets:structMap></mets:mets>`;
    const d = parseMets(mets, 'mets.xml');
    expect(d).toMatchObject({ kind: 'mets', title: '衡阳日报', date: '2021-10-29' });
    expect(d.pages.map((p) => [p.order, p.pageNumber, p.textHref, p.imageHref])).toEqual([
      [1, null, 'alto/p1.xml', null],
      [2, 2, 'alto/p2.xml', 'img/p2.jpg'],
    ]);
    expect(d.pages[1]!.articles).toEqual([{ id: 'a1', type: 'article', label: null, begins: ['w5'] }]);
  });

  it('DIDL: XML resources in document order, dc:title and dcterms:issued', () => {
    const didl = `<didl:DIDL xmlns:didl="urn:mpeg:mpeg21:2002:02-DIDL-NS" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">
      <didl:Item><didl:Descriptor><didl:Statement><dc:title>De Tijd</dc:title><dcterms:issued>1900-05-01</dcterms:issued></didl:Statement></didl:Descriptor>
      <didl:Component><didl:Resource mimeType="image/jp2" ref="p1.jp2"/><didl:Resource mimeType="text/xml" ref="p1_alto.xml"/></didl:Component>
      <didl:Component><didl:Resource mimeType="text/xml" ref="p2_alto.xml"/><didl:Resource mimeType="text/xml" ref="http://example.org/x.xml"/></didl:Component></didl:Item></didl:DIDL>`;
    const d = parseDidl(didl, 'didl.xml');
    expect(d).toMatchObject({ kind: 'didl', title: 'De Tijd', date: '1900-05-01' });
    expect(d.pages.map((p) => p.textHref)).toEqual(['p1_alto.xml', 'p2_alto.xml']);
  });

  it('DIDL: a year range is no issue date (a later date element gives it); an article title is not the issue title', () => {
    const didl = `<DIDL xmlns:dc="x" xmlns:dcterms="y"><Item><dcterms:issued>1813-1814</dcterms:issued><dc:date>1813-11-16</dc:date>
      <Item><Descriptor><Statement type="role">page 3</Statement></Descriptor>
        <Component><Descriptor><Statement type="role">alto</Statement></Descriptor><Resource ref="https://resolver/x" filename="p3_alto.xml"/></Component>
        <Item><Descriptor><Statement type="role">article 1</Statement></Descriptor><dc:title>Article</dc:title>
          <Component><Descriptor><Statement type="role">alto</Statement></Descriptor><Resource ref="a1.xml"/></Component></Item></Item></Item></DIDL>`;
    const d = parseDidl(didl, 'didl.xml');
    expect(d).toMatchObject({ title: null, date: '1813-11-16' });
    expect(d.pages.map((p) => [p.textHref, p.pageNumber])).toEqual([['p3_alto.xml', 3]]);
  });

  it('a folder with a DIDL is one issue; a checksum manifest in a plain folder is skipped, not failed', async () => {
    const root = tempDir();
    const dir = join(root, 'detijd', '19000501');
    mkdirSync(dir, { recursive: true });
    const altoPage = (t: string) => `<alto><Layout><Page><PrintSpace><TextBlock><TextLine><String CONTENT="${t}"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>`;
    writeFileSync(join(dir, 'p1_alto.xml'), altoPage('Eerste'));
    writeFileSync(join(dir, 'p2_alto.xml'), altoPage('Tweede'));
    writeFileSync(join(dir, 'p3_alto.xml'), altoPage('Niet genoemd'));
    writeFileSync(join(dir, 'didl.xml'), `<DIDL><Item><dc:title xmlns:dc="x">De Tijd</dc:title><Component><Resource ref="p2_alto.xml"/></Component><Component><Resource ref="p1_alto.xml"/></Component><Component><Resource ref="../../../etc/passwd.xml"/></Component></Item></DIDL>`);
    const plain = join(root, 'plain');
    mkdirSync(plain);
    writeFileSync(join(plain, 'manifest.txt'), 'sha256 (a.xml) = ff13e20b6ecad4f75e25620ed7fb01c2ca1aa4726e54fd7ac9788290eab78c4c\n');
    const archive = freshArchive();
    const results: FileResult[] = [];
    const it = importPaths([join(root, 'detijd'), plain], archive);
    for (let s = await it.next(); !s.done; s = await it.next()) results.push(s.value);
    const by = (f: string) => results.find((r) => r.file.endsWith(f))!;
    expect(results.map((r) => [r.file.split(/[\\/]/).pop(), r.status])).toEqual([
      ['p2_alto.xml', 'imported'],
      ['p1_alto.xml', 'imported'],
      ['didl.xml', 'skipped'],
      ['p3_alto.xml', 'skipped'],
      ['manifest.txt', 'skipped'],
    ]);
    expect(by('p3_alto.xml').error).toMatch(/not a page of the DIDL delivery didl\.xml/);
    expect(by('manifest.txt').error).toMatch(/checksum list/);
    expect(archive.listPublications().map((p) => p.title)).toEqual(['De Tijd']);
    expect(archive.listPages(archive.listIssues()[0]!.id).map((p) => p.pageNumber)).toEqual([1, 2]);
  }, 30_000);
});
