// TIFF, the archival scan format, cannot be shown by Chromium (so neither by the browser host nor
// by Electron). The page image kept for the scan pane is therefore a PNG made from the TIFF's first
// image: decoded with utif2 (pure JS, handles the CCITT G4, LZW and uncompressed scans libraries
// deliver), encoded here with node:zlib (PNG is a zlib stream of filtered rows).
import { crc32, deflateSync } from 'node:zlib';
import UTIF from 'utif2';
import { ImportFileError } from '../../core/import/errors.ts';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGBA8 image as PNG (8-bit grey when every pixel is grey, which scans mostly are). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  let grey = true;
  for (let i = 0; i < rgba.length && grey; i += 4) grey = rgba[i] === rgba[i + 1] && rgba[i] === rgba[i + 2];
  const channels = grey ? 1 : 3;
  const stride = width * channels + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * 4;
      const d = y * stride + 1 + x * channels;
      raw[d] = rgba[s]!;
      if (!grey) (raw[d + 1] = rgba[s + 1]!), (raw[d + 2] = rgba[s + 2]!);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = grey ? 0 : 2; // colour type: grey or RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
}

/** The first image of a TIFF file as PNG bytes. */
export function tiffToPng(bytes: Buffer, display: string): Buffer {
  try {
    const ifds = UTIF.decode(bytes);
    const first = ifds[0];
    if (!first) throw new Error('no image in the file');
    UTIF.decodeImage(bytes, first);
    const width = Number(first.width);
    const height = Number(first.height);
    if (!(width > 0 && height > 0)) throw new Error('an image without size');
    return encodePng(width, height, UTIF.toRGBA8(first));
  } catch (error) {
    throw new ImportFileError('ocr', display, `the TIFF image could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}
