// Fuzzing decodePageBytes: arbitrary bytes (random, BOM-led, UTF-8/UTF-16/GB18030/Big5 text with
// damage, NULs, control bytes, file signatures) give either a decoded page or a PageFileError,
// never another exception; a decoded page has no CR left and names a known encoding.
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodePageBytes, PageFileError } from '../../electron/node/read-page-file.ts';
import { check, FUZZ_RUNS, pageText, record } from './fuzz-kit.ts';

const ENCODINGS = new Set(['UTF-8', 'UTF-8 (BOM)', 'UTF-16LE', 'UTF-16BE', 'GB18030', 'Big5']);

const encoded = pageText(60).chain((text) =>
  fc.constantFrom('utf8', 'utf16le', 'utf16be', 'gb18030', 'big5').map((enc) => {
    const body = enc === 'utf16be' ? Buffer.from(iconv.encode(text, 'utf16-be')) : Buffer.from(iconv.encode(text, enc));
    return new Uint8Array(body);
  }),
);
const damaged = fc.tuple(encoded, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 })).map(([bytes, hits]) => {
  const out = Uint8Array.from(bytes);
  for (const [at, b] of hits) if (out.length) out[at % out.length] = b;
  return out;
});
const prefixes = [
  [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0x25, 0x50, 0x44, 0x46, 0x2d],
  [0x50, 0x4b, 0x03, 0x04], [0xff, 0xd8, 0xff], [0x00, 0x00, 0xfe, 0xff], [0x1f, 0x8b],
];
const bytes = fc.oneof(
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 4096 }) },
  { weight: 4, arbitrary: encoded },
  { weight: 3, arbitrary: damaged },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...prefixes), fc.oneof(encoded, fc.uint8Array({ maxLength: 512 }))).map(([p, rest]) => Uint8Array.from([...p, ...rest])),
  },
);

describe('decodePageBytes fuzz', () => {
  it(`gives a page or a PageFileError for ${FUZZ_RUNS} byte strings`, { timeout: 300_000 }, () => {
    let decoded = 0;
    let refused = 0;
    const codes: Record<string, number> = {};
    const tally = check('decodePageBytes', bytes, (buf) => {
      let page;
      try {
        page = decodePageBytes(buf, 'fuzz.txt');
      } catch (e) {
        if (!(e instanceof PageFileError)) throw new Error(`threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
        if (e.message.includes('\n')) throw new Error('a multi-line message');
        refused++;
        codes[e.code] = (codes[e.code] ?? 0) + 1;
        return;
      }
      decoded++;
      if (!ENCODINGS.has(page.encoding)) throw new Error(`unknown encoding ${page.encoding}`);
      if (page.text.includes('\r')) throw new Error('CR left in the text');
      if (page.bytes !== buf.length) throw new Error('byte count differs');
    });
    record('fuzz-decode', [{ ...tally, decoded, refused, refusedByCode: codes }]);
    expect(tally.counterexample ?? null).toBeNull();
  });
});
