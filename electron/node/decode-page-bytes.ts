// Turn the raw bytes of a page file into text. Pure (no file system): the CLI and the importer share it.
//
// Order of checks, each for a reason:
//   1. size: empty / over the limit, before any work;
//   2. magic numbers: a PNG or PDF gets a precise message instead of "does not decode";
//   3. byte-order marks: authoritative when present;
//   4. BOM-less UTF-16: NUL bytes in an even-length file, confirmed by decoding a sample;
//   5. NUL or control bytes in anything else: binary;
//   6. valid UTF-8 is UTF-8 (random legacy bytes are almost never valid UTF-8);
//   7. legacy Chinese: chardet ranks GB18030/Big5, and since chardet is unreliable on short text,
//      each candidate is decoded and the clean decoding (no U+FFFD) with the largest share of
//      common characters wins (see common-cjk.ts).
import { chardet, iconv } from './lazy-codecs.ts';
import { commonHanziShare, type LegacyEncoding } from './common-cjk.ts';
import { sniffBinaryFormat } from './binary-signatures.ts';
import { PageFileError } from './page-file-error.ts';

/**
 * Largest page file accepted: 20 MiB. A scanned newspaper page is 5-50 KB of text, so anything near
 * this is a wrong file (a dump, an archive); the cap keeps decoding and segmentation interactive.
 */
export const MAX_PAGE_FILE_BYTES = 20 * 1024 * 1024;

export type PageEncoding = 'UTF-8' | 'UTF-8 (BOM)' | 'UTF-16LE' | 'UTF-16BE' | LegacyEncoding;

export interface DecodedPage {
  /** Decoded text, BOM removed, CRLF and lone CR turned into LF. */
  text: string;
  /** Canonical encoding name, e.g. "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "GB18030", "Big5". */
  encoding: PageEncoding;
  hadBom: boolean;
  /** Size of the input in bytes. */
  bytes: number;
}

/** How many leading bytes the statistical checks (UTF-16 guess, control share, chardet) look at. */
const SAMPLE_BYTES = 64 * 1024;
/** Control characters tolerated in text (stray OCR junk) before the file is called binary. */
const MAX_CONTROL_SHARE = 0.01;

export function decodePageBytes(buf: Uint8Array, name: string): DecodedPage {
  const bytes = buf.length;
  if (bytes === 0) throw new PageFileError('empty', name, 'file is empty (0 bytes)');
  if (bytes > MAX_PAGE_FILE_BYTES) throw tooLarge(name, bytes);

  const format = sniffBinaryFormat(buf);
  if (format) throw new PageFileError('binary', name, `is ${format}, not a text page`);

  const { text: raw, encoding, hadBom } = decodeRaw(buf, name);
  const text = raw.replace(/\r\n?/g, '\n');
  // trim() also strips U+3000 and U+FEFF, so a page of ideographic spaces counts as empty too.
  if (text.trim() === '') throw new PageFileError('empty', name, 'contains only whitespace');
  return { text, encoding, hadBom, bytes };
}

export function tooLarge(name: string, bytes: number): PageFileError {
  return new PageFileError(
    'too-large',
    name,
    `is ${formatMiB(bytes)}, over the ${formatMiB(MAX_PAGE_FILE_BYTES)} limit for page files`,
  );
}

function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

interface RawDecoding {
  text: string;
  encoding: PageEncoding;
  hadBom: boolean;
}

function decodeRaw(buf: Uint8Array, name: string): RawDecoding {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    const text = strictUtf8(buf.subarray(3));
    if (text === null) throw new PageFileError('undecodable', name, 'has a UTF-8 byte-order mark but is not valid UTF-8');
    rejectControls(text, name);
    return { text, encoding: 'UTF-8 (BOM)', hadBom: true };
  }
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    const encoding = buf[0] === 0xff ? 'UTF-16LE' : 'UTF-16BE';
    const text = utf16(buf.subarray(2), encoding);
    if (text === null) throw new PageFileError('undecodable', name, `has a ${encoding} byte-order mark but is not valid ${encoding}`);
    rejectControls(text, name);
    return { text, encoding, hadBom: true };
  }

  const guess = guessBomlessUtf16(buf);
  if (guess) {
    const text = utf16(buf, guess);
    // A guess whose full decoding is broken or full of control characters was binary data with NULs.
    if (text !== null && controlShare(text) <= MAX_CONTROL_SHARE && !text.includes('\0')) {
      return { text, encoding: guess, hadBom: false };
    }
  }

  if (buf.includes(0)) throw new PageFileError('binary', name, 'contains NUL bytes; looks like a binary file, not a text page');
  // Legacy CJK encodings never use bytes below 0x40 inside a character, so this is sound before decoding.
  if (controlByteShare(buf) > MAX_CONTROL_SHARE) {
    throw new PageFileError('binary', name, 'contains control characters; looks like a binary file, not a text page');
  }

  const utf8 = strictUtf8(buf);
  if (utf8 !== null) return { text: utf8, encoding: 'UTF-8', hadBom: false };

  const legacy = decodeLegacy(buf);
  if (legacy) return { ...legacy, hadBom: false };
  throw new PageFileError('undecodable', name, 'is not valid UTF-8, UTF-16, GB18030 or Big5 text');
}

function strictUtf8(buf: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return null;
  }
}

/** Decode UTF-16; null when the byte count is odd or a surrogate is unpaired. */
function utf16(buf: Uint8Array, encoding: 'UTF-16LE' | 'UTF-16BE'): string | null {
  if (buf.length % 2 !== 0) return null;
  const text = iconv().decode(buf, encoding === 'UTF-16LE' ? 'utf16le' : 'utf16be', { stripBOM: false });
  return LONE_SURROGATE.test(text) ? null : text;
}
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * BOM-less UTF-16: every ASCII character (newline, digit, space) and every U+xx00 character
 * (U+3000 ideographic space, 一 U+4E00) carries a zero byte, so NULs in an even-length file hint
 * at UTF-16. Which byte order? Parity counts alone mislead (indentation with U+3000 puts NULs on
 * the "wrong" side), so decode a sample both ways and keep the one that reads as text: the right
 * order gives ASCII, hanzi and CJK punctuation, the wrong one scatters over unrelated blocks.
 */
function guessBomlessUtf16(buf: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  if (buf.length < 2 || buf.length % 2 !== 0) return null;
  const sample = buf.subarray(0, Math.min(buf.length, SAMPLE_BYTES));
  if (!sample.includes(0)) return null;
  let best: { encoding: 'UTF-16LE' | 'UTF-16BE'; share: number } | null = null;
  for (const encoding of ['UTF-16LE', 'UTF-16BE'] as const) {
    const share = textLikeShare(iconv().decode(sample, encoding === 'UTF-16LE' ? 'utf16le' : 'utf16be', { stripBOM: false }));
    // LE first, and only a strictly better BE replaces it: LE is what Windows tools write.
    if (share >= MIN_TEXT_LIKE_SHARE && (!best || share > best.share)) best = { encoding, share };
  }
  return best?.encoding ?? null;
}

/** Share of characters a UTF-16 decoding must place in common text blocks to be believed. */
const MIN_TEXT_LIKE_SHARE = 0.9;

function textLikeShare(text: string): number {
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      c === 0x09 || c === 0x0a || c === 0x0d ||
      (c >= 0x20 && c <= 0x7e) || // ASCII
      (c >= 0xa0 && c <= 0xff) || // Latin-1
      (c >= 0x2010 && c <= 0x206f) || // General Punctuation
      (c >= 0x3000 && c <= 0x303f) || // CJK Symbols and Punctuation
      (c >= 0x3400 && c <= 0x4dbf) || // CJK Extension A
      (c >= 0x4e00 && c <= 0x9fff) || // CJK Unified Ideographs
      (c >= 0xff00 && c <= 0xffef) // Halfwidth and Fullwidth Forms
    ) {
      good++;
    }
  }
  return text.length === 0 ? 0 : good / text.length;
}

function isDisallowedControl(code: number): boolean {
  // Allowed: TAB, LF, VT, FF, CR. Everything else below 0x20, and DEL, is a control character.
  return (code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f;
}

function controlByteShare(buf: Uint8Array): number {
  const n = Math.min(buf.length, SAMPLE_BYTES);
  let count = 0;
  for (let i = 0; i < n; i++) if (isDisallowedControl(buf[i] ?? 0)) count++;
  return count / n;
}

function controlShare(text: string): number {
  const n = Math.min(text.length, SAMPLE_BYTES);
  let count = 0;
  for (let i = 0; i < n; i++) if (isDisallowedControl(text.charCodeAt(i))) count++;
  return n === 0 ? 0 : count / n;
}

function rejectControls(text: string, name: string): void {
  if (text.includes('\0') || controlShare(text) > MAX_CONTROL_SHARE) {
    throw new PageFileError('binary', name, 'contains control characters; looks like a binary file, not a text page');
  }
}

/** GB18030 first: it is the mainland default and wins ties (e.g. a lone character valid in both). */
const LEGACY_CANDIDATES: readonly LegacyEncoding[] = ['GB18030', 'Big5'];
const ICONV_NAME: Record<LegacyEncoding, string> = { GB18030: 'gb18030', Big5: 'big5' };

function decodeLegacy(buf: Uint8Array): { text: string; encoding: LegacyEncoding } | null {
  // chardet's confidence only orders the candidates; the decision is made on the decoded text.
  const confidence = new Map<string, number>();
  for (const match of chardet().analyse(buf.subarray(0, SAMPLE_BYTES))) {
    if (!confidence.has(match.name)) confidence.set(match.name, match.confidence);
  }
  const ordered = [...LEGACY_CANDIDATES].sort((a, b) => (confidence.get(b) ?? 0) - (confidence.get(a) ?? 0));

  let best: { text: string; encoding: LegacyEncoding; share: number } | null = null;
  for (const encoding of ordered) {
    const text = iconv().decode(buf, ICONV_NAME[encoding], { stripBOM: false });
    if (text.includes('\uFFFD')) continue;
    const share = commonHanziShare(text, encoding);
    if (!best || share > best.share) best = { text, encoding, share };
  }
  return best && { text: best.text, encoding: best.encoding };
}
