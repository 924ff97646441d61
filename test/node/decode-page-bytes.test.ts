import { describe, expect, it, afterAll } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  decodePageBytes,
  MAX_PAGE_FILE_BYTES,
  PageFileError,
  readPageFile,
  type PageFileErrorCode,
} from '../../electron/node/read-page-file.ts';
import { BINARY_SAMPLES, makeTempDir, SIMPLIFIED, TRADITIONAL } from './fixtures.ts';

const tmp = makeTempDir('decode');
afterAll(() => tmp.cleanup());

function write(name: string, data: Uint8Array | string): string {
  const path = tmp.path(name);
  writeFileSync(path, data);
  return path;
}

const BOM_UTF8 = Buffer.from([0xef, 0xbb, 0xbf]);
const BOM_LE = Buffer.from([0xff, 0xfe]);
const BOM_BE = Buffer.from([0xfe, 0xff]);

describe('readPageFile decodes every supported encoding back to the same text', () => {
  const cases: { name: string; data: Buffer; text: string; encoding: string; hadBom: boolean }[] = [
    { name: 'utf8', data: Buffer.from(SIMPLIFIED, 'utf8'), text: SIMPLIFIED, encoding: 'UTF-8', hadBom: false },
    { name: 'utf8-bom', data: Buffer.concat([BOM_UTF8, Buffer.from(SIMPLIFIED)]), text: SIMPLIFIED, encoding: 'UTF-8 (BOM)', hadBom: true },
    { name: 'utf16le-bom', data: Buffer.concat([BOM_LE, iconv.encode(SIMPLIFIED, 'utf16le')]), text: SIMPLIFIED, encoding: 'UTF-16LE', hadBom: true },
    { name: 'utf16be-bom', data: Buffer.concat([BOM_BE, iconv.encode(SIMPLIFIED, 'utf16be')]), text: SIMPLIFIED, encoding: 'UTF-16BE', hadBom: true },
    { name: 'utf16le', data: iconv.encode(SIMPLIFIED, 'utf16le'), text: SIMPLIFIED, encoding: 'UTF-16LE', hadBom: false },
    { name: 'utf16be', data: iconv.encode(SIMPLIFIED, 'utf16be'), text: SIMPLIFIED, encoding: 'UTF-16BE', hadBom: false },
    { name: 'gb18030', data: iconv.encode(SIMPLIFIED, 'gb18030'), text: SIMPLIFIED, encoding: 'GB18030', hadBom: false },
    { name: 'gbk', data: iconv.encode(SIMPLIFIED, 'gbk'), text: SIMPLIFIED, encoding: 'GB18030', hadBom: false },
    { name: 'gb2312', data: iconv.encode(SIMPLIFIED, 'gb2312'), text: SIMPLIFIED, encoding: 'GB18030', hadBom: false },
    { name: 'big5', data: iconv.encode(TRADITIONAL, 'big5'), text: TRADITIONAL, encoding: 'Big5', hadBom: false },
    // GBK can also encode traditional characters: the bytes must still come back as GB18030.
    { name: 'gbk-traditional', data: iconv.encode(TRADITIONAL, 'gbk'), text: TRADITIONAL, encoding: 'GB18030', hadBom: false },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const path = write(`${c.name}.txt`, c.data);
      const page = await readPageFile(path);
      expect(page.text).toBe(c.text);
      expect(page.encoding).toBe(c.encoding);
      expect(page.hadBom).toBe(c.hadBom);
      expect(page.bytes).toBe(c.data.length);
    });
  }

  it('turns CRLF and lone CR into LF in every encoding', () => {
    const crlf = SIMPLIFIED.replace(/\n/g, '\r\n');
    const mixed = '第一行\r\n第二行\r第三行\n';
    expect(decodePageBytes(iconv.encode(crlf, 'gb18030'), 'x').text).toBe(SIMPLIFIED);
    expect(decodePageBytes(Buffer.concat([BOM_LE, iconv.encode(crlf, 'utf16le')]), 'x').text).toBe(SIMPLIFIED);
    expect(decodePageBytes(Buffer.from(mixed), 'x').text).toBe('第一行\n第二行\n第三行\n');
  });

  it('treats plain ASCII as UTF-8', () => {
    expect(decodePageBytes(Buffer.from('Page 1\n'), 'x')).toEqual({ text: 'Page 1\n', encoding: 'UTF-8', hadBom: false, bytes: 7 });
  });

  it('tells GB18030 from Big5 on a single line of ordinary text', () => {
    const gb = '市委书记率队赴苏州考察学习';
    const big5 = '市委書記率隊赴蘇州考察學習';
    expect(decodePageBytes(iconv.encode(gb, 'gb18030'), 'x')).toMatchObject({ text: gb, encoding: 'GB18030' });
    expect(decodePageBytes(iconv.encode(big5, 'big5'), 'x')).toMatchObject({ text: big5, encoding: 'Big5' });
  });

  it('decodes a four-byte GB18030 sequence (a character outside GBK)', () => {
    const text = '表情😀与生僻字𠮷\n';
    expect(decodePageBytes(iconv.encode(text, 'gb18030'), 'x')).toMatchObject({ text, encoding: 'GB18030' });
  });

  it('finds the byte order of BOM-less UTF-16 even when U+3000 indentation puts NULs on the other side', () => {
    for (const text of ['　　一二三\n', '一\n', 'Hello world\n', `　　${SIMPLIFIED}`]) {
      expect(decodePageBytes(iconv.encode(text, 'utf16le'), 'x')).toMatchObject({ text, encoding: 'UTF-16LE' });
      expect(decodePageBytes(iconv.encode(text, 'utf16be'), 'x')).toMatchObject({ text, encoding: 'UTF-16BE' });
    }
  });

  it('decodes every page in resources/pages from GB18030, Big5 (when encodable) and BOM-less UTF-16', () => {
    const dir = resolve(import.meta.dirname, '../../resources/pages');
    const pages = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')) : [];
    for (const name of pages) {
      const text = readFileSync(join(dir, name), 'utf8');
      const expected = text.replace(/\r\n?/g, '\n');
      const encodings = [['gb18030', 'GB18030'], ['utf16le', 'UTF-16LE'], ['utf16be', 'UTF-16BE'], ['big5', 'Big5']] as const;
      for (const [iconvName, reported] of encodings) {
        const data = iconv.encode(text, iconvName);
        if (iconv.decode(data, iconvName) !== text) continue; // simplified text has no Big5 form
        expect({ name, ...decodePageBytes(data, name) }).toMatchObject({ name, text: expected, encoding: reported });
      }
    }
  });

  it('round-trips arbitrary UTF-8 text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), (s) => {
        // Out of scope for the property: control characters, CR (normalised), a leading BOM, blank text.
        fc.pre(!/[\u0000-\u0008\u000e-\u001f\u007f\r]/.test(s) && !s.startsWith('\uFEFF') && s.trim() !== '');
        const page = decodePageBytes(Buffer.from(s, 'utf8'), 'x');
        expect(page.text).toBe(s);
        expect(page.encoding).toBe('UTF-8');
      }),
      { numRuns: 300 },
    );
  });
});

describe('bad input gives a PageFileError with a code and a one-line message naming the file', () => {
  function decodeError(data: Uint8Array, name = 'page.txt'): PageFileError {
    try {
      decodePageBytes(data, name);
    } catch (error) {
      expect(error).toBeInstanceOf(PageFileError);
      return error as PageFileError;
    }
    throw new Error('expected decodePageBytes to throw');
  }

  async function readError(path: string): Promise<PageFileError> {
    const error: unknown = await readPageFile(path).then(
      () => new Error('expected readPageFile to reject'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PageFileError);
    return error as PageFileError;
  }

  function expectError(error: PageFileError, code: PageFileErrorCode, name: string, text: RegExp): void {
    expect(error.code).toBe(code);
    expect(error.message.startsWith(`${name}: `)).toBe(true);
    expect(error.message).toMatch(text);
    expect(error.message).not.toContain('\n');
  }

  for (const [kind, sample] of Object.entries(BINARY_SAMPLES)) {
    it(`${kind} bytes are reported as that format`, () => {
      expectError(decodeError(sample.bytes, `scan.${kind}`), 'binary', `scan.${kind}`, sample.what);
    });
  }

  it('NUL bytes in a file that is not UTF-16', () => {
    const data = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0]);
    expectError(decodeError(data), 'binary', 'page.txt', /NUL bytes/);
  });

  it('control characters without NULs', () => {
    const data = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 7 === 0 ? 0x01 : 0x41 + (i % 26))));
    expectError(decodeError(data), 'binary', 'page.txt', /control characters/);
  });

  it('a few stray control characters in a long text are tolerated', () => {
    const text = `${SIMPLIFIED.repeat(3)}\u0007\n`;
    expect(decodePageBytes(Buffer.from(text), 'x').text).toBe(text);
  });

  it('empty and whitespace-only files', () => {
    expectError(decodeError(new Uint8Array(0)), 'empty', 'page.txt', /empty \(0 bytes\)/);
    expectError(decodeError(Buffer.from(' \r\n\t\n')), 'empty', 'page.txt', /only whitespace/);
    expectError(decodeError(Buffer.from('\uFEFF\u3000\n', 'utf8')), 'empty', 'page.txt', /only whitespace/);
    expectError(decodeError(Buffer.concat([BOM_LE, iconv.encode('  \r\n', 'utf16le')])), 'empty', 'page.txt', /only whitespace/);
  });

  it('bytes that are neither UTF-8 nor GB18030 nor Big5', () => {
    const data = Buffer.concat([Buffer.from('Page one '), Buffer.from([0xff, 0xff, 0xfe, 0x80]), Buffer.from(' end\n')]);
    expectError(decodeError(data), 'undecodable', 'page.txt', /not valid UTF-8, UTF-16, GB18030 or Big5/);
  });

  it('a UTF-8 byte-order mark followed by invalid UTF-8', () => {
    const data = Buffer.concat([BOM_UTF8, iconv.encode(SIMPLIFIED, 'gb18030')]);
    expectError(decodeError(data), 'undecodable', 'page.txt', /UTF-8 byte-order mark but is not valid UTF-8/);
  });

  it('a UTF-16 byte-order mark with an odd number of bytes', () => {
    const data = Buffer.concat([BOM_LE, iconv.encode('正文', 'utf16le'), Buffer.from([0x41])]);
    expectError(decodeError(data), 'undecodable', 'page.txt', /UTF-16LE byte-order mark/);
  });

  it('over the size limit (in memory)', () => {
    const data = new Uint8Array(MAX_PAGE_FILE_BYTES + 1).fill(0x41);
    expectError(decodeError(data), 'too-large', 'page.txt', /is 20\.0 MiB, over the 20 MiB limit for page files/);
  });

  it('a missing file', async () => {
    const path = tmp.path('missing.txt');
    expectError(await readError(path), 'not-found', path, /no such file/);
  });

  it('a directory', async () => {
    const path = tmp.path('folder');
    mkdirSync(path);
    expectError(await readError(path), 'is-directory', path, /is a directory/);
  });

  it('a file over 20 MiB on disk is refused before it is read', async () => {
    const path = tmp.path('huge.txt');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, MAX_PAGE_FILE_BYTES + 5 * 1024 * 1024); // sparse: no disk space used
    closeSync(fd);
    expectError(await readError(path), 'too-large', path, /is 25 MiB, over the 20 MiB limit for page files/);
  });

  it('a file of exactly 20 MiB is accepted', () => {
    const data = new Uint8Array(MAX_PAGE_FILE_BYTES).fill(0x41);
    expect(decodePageBytes(data, 'x').bytes).toBe(MAX_PAGE_FILE_BYTES);
  });
});
