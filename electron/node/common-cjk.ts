// "Common character" sets used to choose between legacy Chinese decodings of the same bytes.
//
// GB18030 and Big5 overlap heavily: most Big5 byte pairs are also valid GBK, and most GB2312 pairs
// are valid Big5, so "decodes without U+FFFD" alone cannot tell them apart. The right decoding,
// however, lands mostly on common characters, while the wrong one scatters over rare ones. Both
// standards define their common tier by byte range, so the sets come straight from the codecs:
//   - GB2312 level 1 (lead bytes 0xB0-0xD7): the 3,755 most-used simplified characters;
//   - Big5 "frequently used" (0xA440-0xC67E): the 5,401 most-used traditional characters.
import { iconv } from './lazy-codecs.ts';

export type LegacyEncoding = 'GB18030' | 'Big5';

let cache: Record<LegacyEncoding, ReadonlySet<number>> | null = null;

function hanziOf(bytes: number[], encoding: string): Set<number> {
  const set = new Set<number>();
  for (const ch of iconv().decode(Buffer.from(bytes), encoding)) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isHanzi(cp)) set.add(cp);
  }
  return set;
}

/** Lazily built (about 9k code points, a few milliseconds). */
export function commonHanzi(encoding: LegacyEncoding): ReadonlySet<number> {
  if (!cache) {
    const gb: number[] = [];
    for (let lead = 0xb0; lead <= 0xd7; lead++) for (let trail = 0xa1; trail <= 0xfe; trail++) gb.push(lead, trail);
    const big5: number[] = [];
    for (let lead = 0xa4; lead <= 0xc6; lead++) {
      for (let trail = 0x40; trail <= 0x7e; trail++) big5.push(lead, trail);
      if (lead < 0xc6) for (let trail = 0xa1; trail <= 0xfe; trail++) big5.push(lead, trail);
    }
    cache = { GB18030: hanziOf(gb, 'gb18030'), Big5: hanziOf(big5, 'big5') };
  }
  return cache[encoding];
}

export function isHanzi(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK Unified Ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0xf900 && cp <= 0xfaff) || // Compatibility Ideographs
    (cp >= 0x20000 && cp <= 0x3134f) // Extensions B-G
  );
}

/** CJK and general punctuation: shared by every decoding, so it says nothing about which is right. */
function isNeutralSymbol(cp: number): boolean {
  return (
    (cp >= 0x2000 && cp <= 0x206f) || // General Punctuation (“ ” … —)
    (cp >= 0x3000 && cp <= 0x303f) || // CJK Symbols and Punctuation (，。、《》)
    (cp >= 0xff00 && cp <= 0xffef) || // Halfwidth and Fullwidth Forms
    cp === 0x00b7
  );
}

/**
 * Share of the non-ASCII, non-punctuation characters of `text` that are common characters of
 * `encoding`'s own common tier. Kana, Greek, box drawing, private-use and rare hanzi (what a wrong
 * decoding produces) all count against. Returns 0 when there is nothing to judge.
 */
export function commonHanziShare(text: string, encoding: LegacyEncoding): number {
  const common = commonHanzi(encoding);
  let judged = 0;
  let hits = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80 || isNeutralSymbol(cp)) continue;
    judged++;
    if (common.has(cp)) hits++;
  }
  return judged === 0 ? 0 : hits / judged;
}
