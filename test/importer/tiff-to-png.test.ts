// A TIFF scan is kept as PNG for display: an uncompressed 8-bit grey TIFF built here byte by byte
// comes out as a PNG with the same pixels.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tiffToPng } from '../../electron/importer/tiff-to-png.ts';

/** A little-endian baseline TIFF: one strip of 8-bit grey pixels. */
function greyTiff(width: number, height: number, pixels: number[]): Buffer {
  const entries: [number, number, number, number][] = [
    [256, 3, 1, width], // ImageWidth
    [257, 3, 1, height], // ImageLength
    [258, 3, 1, 8], // BitsPerSample
    [259, 3, 1, 1], // Compression: none
    [262, 3, 1, 1], // Photometric: black is zero
    [273, 4, 1, 0], // StripOffsets (patched below)
    [277, 3, 1, 1], // SamplesPerPixel
    [278, 3, 1, height], // RowsPerStrip
    [279, 4, 1, pixels.length], // StripByteCounts
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  const dataOffset = 8 + ifdSize;
  const buf = Buffer.alloc(dataOffset + pixels.length);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(8, 4);
  buf.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, count, value], i) => {
    const o = 10 + i * 12;
    buf.writeUInt16LE(tag, o);
    buf.writeUInt16LE(type, o + 2);
    buf.writeUInt32LE(count, o + 4);
    if (type === 3) buf.writeUInt16LE(tag === 273 ? dataOffset : value, o + 8);
    else buf.writeUInt32LE(tag === 273 ? dataOffset : value, o + 8);
  });
  Buffer.from(pixels).copy(buf, dataOffset);
  return buf;
}

describe('TIFF scans kept as PNG', () => {
  it('converts an 8-bit grey TIFF to a grey PNG with the same pixels', () => {
    const pixels = [0, 64, 128, 255, 10, 20];
    const png = tiffToPng(greyTiff(3, 2, pixels), 'scan.tif');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(3); // IHDR width
    expect(png.readUInt32BE(20)).toBe(2); // IHDR height
    expect(png[25]).toBe(0); // colour type: grey
    const idat = png.indexOf('IDAT', 0, 'latin1');
    const len = png.readUInt32BE(idat - 4);
    const rows = inflateSync(png.subarray(idat + 4, idat + 4 + len));
    expect([...rows]).toEqual([0, 0, 64, 128, 0, 255, 10, 20]);
  });

  it('a file that is not a TIFF is one line naming it', () => {
    expect(() => tiffToPng(Buffer.from('not a tiff at all'), 'scan.tif')).toThrow(/^scan\.tif: the TIFF image could not be read/);
  });
});
