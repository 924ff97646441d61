// The nasty-files corpus, generated at test time in a temp folder (nothing binary is committed):
// a 50 MB single-line page, NUL bytes, invalid UTF-8 in the middle, mixed encodings, bidi and
// zero-width marks, XML entity bombs and external entities, 10,000-level nesting, and a folder of
// 1,000 pages (10,000 in npm run test:stress) imported with memory watched.
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive, type SqliteArchive } from '../../electron/archive/sqlite-archive.ts';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { main } from '../../electron/cli/main.ts';
import { segmentPage } from '../../core/engine/index.ts';
import { importAll, importFile } from '../../electron/importer/index.ts';
import { decodePageBytes, MAX_PAGE_FILE_BYTES, PageFileError, readPageFile } from '../../electron/node/read-page-file.ts';
import { archiveHash } from '../fuzz/archive-hash.ts';
import { envCount, recordFigures, STRESS } from './figures.ts';

const dir = mkdtempSync(join(tmpdir(), 'galley-nasty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }), 300_000); // 10,000 files under stress
const quiet = { logger: { warn: () => {} } };
const PAGE = '衡阳市委书记率队赴苏州考察学习。本报讯（记者 张三）湘江大桥今日通车，经过三年建设正式通车。\n';
const findings: Record<string, string> = {};

function fresh(name: string): SqliteArchive {
  return openArchive(join(dir, `${name}.sqlite`), quiet);
}

async function importOne(archive: SqliteArchive, name: string, bytes: Buffer | string) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return importFile({ path, display: name, folders: [], explicit: true }, archive, { actor: { name: 'nasty' } });
}

/** Items cover the text from 0 to its end without gaps; every offset is inside the text. */
function expectCovered(text: string, items: { start: number; end: number }[]): void {
  expect(items.length).toBeGreaterThan(0);
  expect(items[0]!.start).toBe(0);
  for (let k = 1; k < items.length; k++) expect(items[k]!.start).toBe(items[k - 1]!.end);
  expect(items[items.length - 1]!.end).toBe(text.length);
}

describe('nasty files', () => {
  it('refuses a 50 MB single-line page by the 20 MiB limit, before reading it', { timeout: 60_000 }, async () => {
    const path = join(dir, 'huge.txt');
    const fd = openSync(path, 'w');
    const chunk = Buffer.from('字'.repeat(1024 * 1024 / 3 + 1)); // ~1 MiB of one line
    let written = 0;
    while (written < 50 * 1000 * 1000) written += writeSync(fd, chunk);
    closeSync(fd);
    await expect(readPageFile(path)).rejects.toMatchObject({ code: 'too-large' });
    const archive = fresh('huge');
    const before = archiveHash(archive);
    const rss0 = process.memoryUsage().rss;
    const r = await importFile({ path, display: 'huge.txt', folders: [], explicit: true }, archive);
    const rssGrowth = process.memoryUsage().rss - rss0;
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/too large .*limit is 20971520/);
    expect(archiveHash(archive)).toBe(before);
    archive.close();
    // The file is never loaded: memory does not grow by anything near its size.
    expect(rssGrowth).toBeLessThan(25 * 1024 * 1024);
    const io = captureIO();
    expect(await main(['segment', path], io)).toBe(1);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(/too large|20 MiB|limit/i);
    // decodePageBytes checks the size too (for bytes that arrive without a file).
    expect(() => decodePageBytes(new Uint8Array(MAX_PAGE_FILE_BYTES + 1), 'x')).toThrow(PageFileError);
  });

  it('refuses NUL bytes, invalid UTF-8 in the middle and mixed UTF-8/GB18030 with one-line errors', async () => {
    const u8 = Buffer.from(PAGE.repeat(40), 'utf8');
    const cases: Record<string, Buffer> = {
      nul: Buffer.concat([u8.subarray(0, 900), Buffer.from([0]), u8.subarray(900)]),
      invalidUtf8: Buffer.concat([u8.subarray(0, 1200), Buffer.from([0xff]), u8.subarray(1200)]),
      overlongUtf8: Buffer.concat([u8.subarray(0, 1200), Buffer.from([0xc0, 0xaf]), u8.subarray(1200)]),
      mixedUtf8Gb: Buffer.concat([u8.subarray(0, 1200), Buffer.from(iconv.encode(PAGE.repeat(20), 'gb18030'))]),
      mixedGbUtf8: Buffer.concat([Buffer.from(iconv.encode(PAGE.repeat(20), 'gb18030')), u8]),
    };
    const archive = fresh('bytes');
    const before = archiveHash(archive);
    const codes: Record<string, string> = {};
    for (const [name, bytes] of Object.entries(cases)) {
      const e = (() => {
        try {
          decodePageBytes(bytes, name);
          return null;
        } catch (x) {
          return x;
        }
      })();
      expect(e, name).toBeInstanceOf(PageFileError);
      codes[name] = (e as PageFileError).code;
      const r = await importOne(archive, `${name}.txt`, bytes);
      expect(r.status, name).toBe('failed');
      expect(r.error!.includes('\n')).toBe(false);
    }
    expect(codes).toEqual({ nul: 'binary', invalidUtf8: 'undecodable', overlongUtf8: 'undecodable', mixedUtf8Gb: 'undecodable', mixedGbUtf8: 'undecodable' });
    expect(archiveHash(archive)).toBe(before);
    archive.close();
  });

  it('decodes a Big5 + GB18030 mix as GB18030 (documented limit: the Big5 half comes out garbled)', () => {
    const bytes = Buffer.concat([Buffer.from(iconv.encode(PAGE.repeat(10), 'big5')), Buffer.from(iconv.encode(PAGE.repeat(10), 'gb18030'))]);
    const d = decodePageBytes(bytes, 'mixed.txt');
    expect(d.encoding).toBe('GB18030');
    expect(d.text.endsWith(PAGE)).toBe(true);
    expect(d.text.startsWith(PAGE)).toBe(false);
    findings.big5Gb18030Mix = 'decoded as GB18030 without a warning; the Big5 part is mojibake (one encoding per file is detected)';
  });

  it('keeps bidi and zero-width marks, with valid offsets, through the engine and the importer', async () => {
    const marks = ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202b', '\u202e', '\u202c', '\u2066', '\u2069', '\ufeff', '\u061c'];
    let text = '';
    PAGE.repeat(30)
      .split('')
      .forEach((ch, i) => (text += ch + (i % 7 === 0 ? marks[i % marks.length]! : '')));
    text = `衡阳日报\u200f\n\n2021年10月29日\u202e 星期五\n\n第17980号\n\n要闻\u200b标题\n${text}`;
    const seg = segmentPage(text);
    expectCovered(text, seg.items);
    for (const item of seg.items) expect(text.slice(item.start, item.end).length).toBe(item.end - item.start);
    const archive = fresh('marks');
    const r = await importOne(archive, 'marks.txt', Buffer.from(text, 'utf8'));
    expect(r.status).toBe('imported');
    const page = archive.getPage(r.pageId!);
    expect(page.text).toBe(text); // marks are kept, not stripped
    expectCovered(page.text, page.items);
    // Search finds words across a zero-width mark? Record what it does.
    const hits = archive.search('湘江大桥');
    findings.searchAcrossMarks = `search "湘江大桥" on a page with marks inside words: ${hits.length} hit(s)`;
    archive.close();
  });

  it('refuses XML entity bombs and external entities without expanding or fetching anything', async () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<alto><Layout><Page><PrintSpace><TextBlock><TextLine><String CONTENT="&lol9;"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><PcGts><Page><TextRegion><TextEquiv><Unicode>&xxe;</Unicode></TextEquiv></TextRegion></Page></PcGts>`;
    const remote = `<?xml version="1.0"?><!DOCTYPE html SYSTEM "http://127.0.0.1:9/evil.dtd"><html><body><div class="ocr_page">&ent;</div></body></html>`;
    const param = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]><alto/>`;
    const lowercase = `<?xml version="1.0"?><!doctype alto><alto/>`;
    const archive = fresh('xml');
    const before = archiveHash(archive);
    for (const [name, body] of Object.entries({ 'lol.xml': lol, 'xxe.xml': xxe, 'remote.html': remote, 'param.xml': param, 'lower.xml': lowercase })) {
      const t0 = performance.now();
      const r = await importOne(archive, name, body);
      expect(r.status, name).toBe('failed');
      expect(r.error, name).toMatch(/DOCTYPE|ENTITY/);
      expect(performance.now() - t0).toBeLessThan(5_000); // generous: refusal is immediate, never an expansion
    }
    expect(archiveHash(archive)).toBe(before);
    archive.close();
  });

  it('refuses 10,000-level nesting without a stack overflow (ALTO, hOCR, PAGE)', async () => {
    const depth = 10_000;
    const files = {
      'deep-alto.xml': `<?xml version="1.0"?><alto><Layout><Page>${'<TextBlock>'.repeat(depth)}<TextLine><String CONTENT="字"/></TextLine>${'</TextBlock>'.repeat(depth)}</Page></Layout></alto>`,
      'deep-hocr.html': `<html><body><div class="ocr_page">${'<div>'.repeat(depth)}<span class="ocrx_word">字</span>${'</div>'.repeat(depth)}</div></body></html>`,
      'deep-page.xml': `<PcGts><Page><TextRegion>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</TextRegion></Page></PcGts>`,
    };
    const archive = fresh('deep');
    const before = archiveHash(archive);
    const messages: string[] = [];
    for (const [name, body] of Object.entries(files)) {
      const r = await importOne(archive, name, body);
      expect(r.status, name).toBe('failed');
      expect(r.error, name).not.toMatch(/call stack|RangeError/i);
      expect(r.error, name).toMatch(/malformed XML/);
      messages.push(r.error!);
    }
    expect(archiveHash(archive)).toBe(before);
    archive.close();
    findings.deepNesting = `refused: ${messages[0]} (fast-xml-parser's maxNestedTags, 100 by default, reported as malformed XML naming the file)`;
  });

  it(`imports a folder of ${STRESS ? '10,000' : '1,000'} pages with flat memory`, { timeout: 900_000 }, async () => {
    const pages = envCount('GALLEY_FOLDER_PAGES', STRESS ? 10_000 : 1_000);
    const root = join(dir, 'folder', '县报');
    const perDay = 8;
    for (let i = 0; i < pages; i++) {
      const day = Math.floor(i / perDay);
      const date = new Date(Date.UTC(2001, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      const folder = join(root, date);
      if (i % perDay === 0) mkdirSync(folder, { recursive: true });
      const p = (i % perDay) + 1;
      writeFileSync(join(folder, `p${String(p).padStart(2, '0')}.txt`), `第${p}版\n\n标题${i}号\n本报讯（记者 张${i % 97}）第${i}页的正文${PAGE}${PAGE}`);
    }
    const archive = fresh('folder');
    const samples: { files: number; rss: number }[] = [];
    const t0 = performance.now();
    const summary = await importAll([root], archive, {
      onProgress: (_r, s) => {
        if (s.files % Math.max(1, Math.floor(pages / 20)) === 0) samples.push({ files: s.files, rss: process.memoryUsage().rss });
      },
    });
    const ms = performance.now() - t0;
    const stats = archive.stats();
    archive.close();
    expect(summary.failed).toBe(0);
    expect(summary.imported).toBe(pages);
    expect(stats.pages).toBe(pages);
    // Memory: compare the second tenth (after warm-up) with the end.
    const warm = samples[Math.min(2, samples.length - 1)]!;
    const end = samples[samples.length - 1]!;
    const growthMb = (end.rss - warm.rss) / 1024 / 1024;
    const peakMb = Math.max(...samples.map((s) => s.rss)) / 1024 / 1024;
    recordFigures(STRESS ? 'folder-import-stress' : 'folder-import', {
      pages,
      seconds: Number((ms / 1000).toFixed(1)),
      pagesPerSecond: Math.round(pages / (ms / 1000)),
      rssAfterWarmupMb: Math.round(warm.rss / 1024 / 1024),
      rssEndMb: Math.round(end.rss / 1024 / 1024),
      rssGrowthMb: Number(growthMb.toFixed(1)),
      rssPeakMb: Math.round(peakMb),
      items: stats.items,
    });
    expect(growthMb).toBeLessThan(STRESS ? 200 : 100);
  });

  it('records what it found (each finding above was reached and says what the test saw)', () => {
    expect(Object.keys(findings).sort()).toEqual(['big5Gb18030Mix', 'deepNesting', 'searchAcrossMarks']);
    expect(findings.searchAcrossMarks).toMatch(/: [1-9]\d* hit\(s\)$/);
    expect(findings.deepNesting).toMatch(/^refused: \S/);
    expect(findings.big5Gb18030Mix).toMatch(/^decoded as GB18030/);
    recordFigures('nasty-files', { findings });
  });
});
