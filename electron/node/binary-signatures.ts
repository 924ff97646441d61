// Recognise common non-text files by their magic numbers, so the user is told "this is a PNG image"
// rather than "does not decode". Only formats that plausibly end up in a newspaper-archive folder.

interface Signature {
  /** Human description used in the error message, e.g. "a PNG image". */
  what: string;
  /** Bytes that must appear at `offset`; null matches any byte. */
  bytes: readonly (number | null)[];
  offset?: number;
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

const SIGNATURES: readonly Signature[] = [
  { what: 'a PNG image', bytes: [0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a] },
  { what: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { what: 'a GIF image', bytes: ascii('GIF87a') },
  { what: 'a GIF image', bytes: ascii('GIF89a') },
  { what: 'a TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { what: 'a TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { what: 'a JPEG 2000 image', bytes: [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20] },
  { what: 'a WebP image', bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')] },
  { what: 'a BMP image', bytes: ascii('BM'), offset: 0 },
  { what: 'a PDF document', bytes: ascii('%PDF-') },
  { what: 'a ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { what: 'a ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { what: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { what: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { what: 'a RAR archive', bytes: ascii('Rar!\x1a\x07') },
  // OLE2 compound file: legacy .doc/.xls, still common in older archives.
  { what: 'a legacy Office document (.doc/.xls)', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
];

function matches(buf: Uint8Array, sig: Signature): boolean {
  const offset = sig.offset ?? 0;
  if (buf.length < offset + sig.bytes.length) return false;
  return sig.bytes.every((b, i) => b === null || buf[offset + i] === b);
}

/** Office Open XML files are ZIPs whose first entry is "[Content_Types].xml" (or a word/xl/ppt part). */
function isOfficeOpenXml(buf: Uint8Array): boolean {
  if (buf.length < 30) return false;
  const nameLength = (buf[26] ?? 0) | ((buf[27] ?? 0) << 8);
  const name = String.fromCharCode(...buf.subarray(30, 30 + Math.min(nameLength, 200)));
  return name === '[Content_Types].xml' || /^(word|xl|ppt)\//.test(name);
}

/**
 * Describe a known binary format, or return null when the bytes match no signature.
 * BMP's "BM" prefix is also plausible ASCII text, so it additionally needs a sane header size field.
 */
export function sniffBinaryFormat(buf: Uint8Array): string | null {
  for (const sig of SIGNATURES) {
    if (!matches(buf, sig)) continue;
    if (sig.what === 'a BMP image' && !looksLikeBmp(buf)) continue;
    if (sig.what === 'a ZIP archive' && isOfficeOpenXml(buf)) return 'an Office document (.docx/.xlsx/.pptx)';
    return sig.what;
  }
  return null;
}

function looksLikeBmp(buf: Uint8Array): boolean {
  // Bytes 14..17: DIB header size, one of a handful of little-endian values (12, 40, 52, 56, 108, 124).
  if (buf.length < 18) return false;
  const dib = (buf[14] ?? 0) | ((buf[15] ?? 0) << 8) | ((buf[16] ?? 0) << 16) | ((buf[17] ?? 0) << 24);
  return [12, 40, 52, 56, 64, 108, 124].includes(dib);
}
