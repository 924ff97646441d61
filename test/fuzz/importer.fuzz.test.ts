// Fuzzing the importer on every format (plain text, ALTO, hOCR, PAGE XML): generated well-formed
// files and malformed ones (truncated, characters dropped, stray markup, DOCTYPE/ENTITY
// declarations, bad character references, other encodings). Each file is either imported or
// refused with the importer's error types (ImportFileError, PageFileError) — never another
// exception — and a refused file leaves the archive exactly as it was (a hash of every table).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { archiveHash } from './archive-hash.ts';
import { importFile, ImportFileError } from '../../electron/importer/index.ts';
import { parsePages } from '../../electron/importer/formats.ts';
import { decodePageBytes, PageFileError } from '../../electron/node/read-page-file.ts';
import { check, escapeXml, FUZZ_RUNS, pageText, record, xmlSafeText, type FuzzTally } from './fuzz-kit.ts';

type Format = 'alto' | 'hocr' | 'page' | 'text';
interface FuzzFile {
  format: Format;
  ext: string;
  content: string;
  encoding: 'utf8' | 'gb18030' | 'utf16le';
}

const word = xmlSafeText.map(escapeXml);
const words = fc.array(fc.oneof(word, fc.constantFrom('&amp;', '&lt;', '&#x4e2d;', '&#20013;', '&quot;')), { minLength: 1, maxLength: 6 });
const lines = fc.array(words, { minLength: 1, maxLength: 4 });
const blocks = fc.array(lines, { minLength: 0, maxLength: 5 });

const alto = fc.tuple(blocks, fc.option(fc.integer({ min: 0, max: 20000 }).map(String)), fc.boolean()).map(([bs, nr, hyp]) => {
  const body = bs
    .map(
      (ls, b) =>
        `<TextBlock ID="b${b}">${ls
          .map((ws) => `<TextLine>${ws.map((w) => `<String CONTENT="${w}"/>`).join('<SP/>')}${hyp ? '<HYP CONTENT="-"/>' : ''}</TextLine>`)
          .join('')}</TextBlock>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page ID="p1"${nr ? ` PRINTED_IMG_NR="${nr}"` : ''}><PrintSpace>${body}</PrintSpace></Page></Layout></alto>\n`;
});
const hocr = fc.tuple(blocks, fc.boolean()).map(([bs, carea]) => {
  const body = bs
    .map((ls) => {
      const inner = ls.map((ws) => `<span class="ocr_line">${ws.map((w) => `<span class="ocrx_word">${w}</span>`).join(' ')}</span>`).join('\n');
      return carea ? `<div class="ocr_carea"><p class="ocr_par">${inner}</p></div>` : `<p class="ocr_par">${inner}</p>`;
    })
    .join('\n');
  return `<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title><meta charset="utf-8"/></head><body><div class="ocr_page" title="bbox 0 0 10 10; ppageno 0">${body}</div></body></html>\n`;
});
const pageXml = fc.tuple(blocks, fc.boolean()).map(([bs, ro]) => {
  const regions = bs
    .map((ls, r) => `<TextRegion id="r${r}">${ls.map((ws, l) => `<TextLine id="r${r}l${l}"><TextEquiv><Unicode>${ws.join(' ')}</Unicode></TextEquiv></TextLine>`).join('')}</TextRegion>`)
    .join('\n');
  const order = ro && bs.length ? `<ReadingOrder><OrderedGroup id="g">${bs.map((_, r) => `<RegionRefIndexed index="${bs.length - r}" regionRef="r${r}"/>`).join('')}</OrderedGroup></ReadingOrder>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page imageFilename="p.png" imageWidth="10" imageHeight="10">${order}${regions}</Page></PcGts>\n`;
});

const wellFormed: fc.Arbitrary<FuzzFile> = fc.oneof(
  alto.chain((c) => fc.constantFrom('.xml', '.alto').map((ext) => ({ format: 'alto' as const, ext, content: c, encoding: 'utf8' as const }))),
  hocr.chain((c) => fc.constantFrom('.html', '.hocr', '.xhtml', '.htm').map((ext) => ({ format: 'hocr' as const, ext, content: c, encoding: 'utf8' as const }))),
  pageXml.map((c) => ({ format: 'page' as const, ext: '.xml', content: c, encoding: 'utf8' as const })),
  pageText(80).map((c) => ({ format: 'text' as const, ext: '.txt', content: c, encoding: 'utf8' as const })),
);

const STRAY = [
  '<', '>', '&', '&bogus;', ']]>', '</Page>', '<TextBlock>', '"', "'", '&#0;', '&#xD800;', '&#x110000;', '<!-- x', '<?pi', '<![CDATA[x',
  '<!DOCTYPE alto [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>', '<!ENTITY x SYSTEM "file:///etc/passwd">', '&x;', '\u0000', '\uffff', '\ud800',
];
type Mutation = (f: FuzzFile) => fc.Arbitrary<FuzzFile>;
const mutations: Mutation[] = [
  (f) => fc.nat({ max: Math.max(0, f.content.length - 1) }).map((n) => ({ ...f, content: f.content.slice(0, n) })),
  (f) => fc.nat({ max: Math.max(0, f.content.length - 1) }).map((n) => ({ ...f, content: f.content.slice(0, n) + f.content.slice(n + 1) })),
  (f) => fc.tuple(fc.nat({ max: f.content.length }), fc.constantFrom(...STRAY)).map(([n, s]) => ({ ...f, content: f.content.slice(0, n) + s + f.content.slice(n) })),
  (f) => fc.constantFrom<FuzzFile['encoding']>('gb18030', 'utf16le').map((encoding) => ({ ...f, encoding })),
  (f) => fc.constantFrom('.xml', '.html', '.txt', '.hocr').map((ext) => ({ ...f, ext })),
  (f) => fc.constant({ ...f, content: f.content.replace(/<\?xml[^>]*\?>/, '<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://127.0.0.1:9/x.dtd">') }),
];
const malformed = wellFormed.chain((f) => fc.constantFrom(...mutations).chain((m) => m(f)));
const files = fc.oneof({ weight: 1, arbitrary: wellFormed }, { weight: 1, arbitrary: malformed });

function encode(f: FuzzFile): Buffer {
  return f.encoding === 'utf8' ? Buffer.from(f.content, 'utf8') : Buffer.from(iconv.encode(f.content, f.encoding));
}

describe('importer fuzz', () => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-fuzz-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000);

  it(`imports or refuses ${FUZZ_RUNS} generated files per format mix, leaving the archive unchanged on refusal`, { timeout: 600_000 }, async () => {
    const quiet = { logger: { warn: () => {} } };
    let archive = openArchive(join(dir, 'a0.sqlite'), quiet);
    let n = 0;
    const per: Record<Format, { tried: number; imported: number; refused: number }> = {
      alto: { tried: 0, imported: 0, refused: 0 },
      hocr: { tried: 0, imported: 0, refused: 0 },
      page: { tried: 0, imported: 0, refused: 0 },
      text: { tried: 0, imported: 0, refused: 0 },
    };
    const refusalCodes: Record<string, number> = {};
    // fast-check properties are synchronous here: collect the inputs, then run them through the
    // (async) importer one by one, in generation order.
    const inputs: FuzzFile[] = [];
    const gen = check('generate', files, (f) => void inputs.push(f));
    expect(gen.failures).toBe(0);
    const failures: string[] = [];
    let hashMs = 0;
    let importMs = 0;
    let lastHash: string | null = null;
    for (const f of inputs) {
      n++;
      if (n % 25 === 0) {
        // A fresh archive now and then keeps the per-input table hash cheap.
        archive.close();
        archive = openArchive(join(dir, `a${n}.sqlite`), quiet);
        lastHash = null;
      }
      const s = per[f.format];
      s.tried++;
      const bytes = encode(f);
      const name = `fuzz-${n}${f.ext}`;
      const path = join(dir, name);
      writeFileSync(path, bytes);
      // 1. The parsing half directly: a result, or the importer's own error types.
      let refusedBy: string | null = null;
      try {
        const decoded = decodePageBytes(bytes, name);
        parsePages(name, decoded.text);
      } catch (e) {
        if (e instanceof ImportFileError || e instanceof PageFileError) refusedBy = `${e.name}:${e.code}`;
        else {
          failures.push(`${name} (${f.format}, ${f.encoding}): ${(e as Error)?.name}: ${(e as Error)?.message} :: ${JSON.stringify(f.content.slice(0, 300))}`);
          refusedBy = 'other';
        }
      }
      // 2. The whole import into the archive.
      const h0 = performance.now();
      // The hash after a refused input is still valid before the next one.
      const before: string = refusedBy ? (lastHash ?? archiveHash(archive)) : '';
      hashMs += performance.now() - h0;
      const i0 = performance.now();
      const result = await importFile({ path, display: name, folders: [], explicit: true }, archive, { actor: { name: 'fuzz' } });
      importMs += performance.now() - i0;
      if (refusedBy) {
        s.refused++;
        refusalCodes[refusedBy] = (refusalCodes[refusedBy] ?? 0) + 1;
        if (result.status !== 'failed') failures.push(`${name}: refused by the parser but the import says ${result.status}`);
        if (!result.error || result.error.includes('\n')) failures.push(`${name}: refusal without a one-line message`);
        lastHash = archiveHash(archive);
        if (lastHash !== before) failures.push(`${name}: a refused file changed the archive`);
      } else {
        lastHash = null;
        if (result.status !== 'imported' && result.status !== 'unchanged') failures.push(`${name}: parsed but import says ${result.status}: ${result.error}`);
        else {
          s.imported++;
          for (const id of result.pageIds ?? []) {
            const page = archive.getPage(id);
            if (page.items.length === 0 && /[\p{L}\p{N}]/u.test(page.text)) failures.push(`${name}: page ${id} stored without items`);
          }
        }
      }
    }
    archive.close();
    const tallies: FuzzTally[] = (Object.keys(per) as Format[]).map((k) => ({
      target: `import:${k}`,
      tried: per[k].tried,
      failures: failures.filter((m) => m.includes(`(${k},`)).length,
      imported: per[k].imported,
      refused: per[k].refused,
    }));
    record('fuzz-importer', tallies, { hashMs: Math.round(hashMs), importMs: Math.round(importMs), refusalCodes, failureMessages: failures.slice(0, 20), totalFailures: failures.length });
    expect(failures).toEqual([]);
  });
});
