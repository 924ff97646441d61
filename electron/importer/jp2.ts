// JPEG 2000 page images, as BL and KB deliveries ship their scans (.jp2, .jpx). Neither Chromium
// nor the archive's image store reads JPEG 2000, so each is decoded once with OpenJPEG's
// opj_decompress (Debian libopenjp2-tools) into a PNG: that PNG is what Tesseract reads and what
// the page keeps for the scan pane. The decoder runs in a child process (run-program.ts).
import { mkdtemp, open, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ImportFileError } from '../../core/import/errors.ts';
import { missingProgram, run } from './run-program.ts';

export const JPEG2000_EXTENSIONS = new Set(['.jp2', '.jpx']);
export const isJpeg2000 = (ext: string): boolean => JPEG2000_EXTENSIONS.has(ext);

/** The JP2 file signature box, and the start of a raw codestream (SOC + SIZ markers). */
const JP2_SIGNATURE = Buffer.from([0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a]);
const CODESTREAM = Buffer.from([0xff, 0x4f, 0xff, 0x51]);

async function magic(path: string): Promise<'jp2' | 'j2k' | null> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(12);
    const { bytesRead } = await fh.read(head, 0, 12, 0);
    if (bytesRead >= 12 && head.equals(JP2_SIGNATURE)) return 'jp2';
    if (bytesRead >= 4 && head.subarray(0, 4).equals(CODESTREAM)) return 'j2k';
    return null;
  } finally {
    await fh.close();
  }
}

export interface Jpeg2000Options {
  signal?: AbortSignal;
  /** The decoder's program name (tests point it at a missing program). */
  program?: string;
}

/** Decodes a JPEG 2000 file into PNG bytes; a file that is not JPEG 2000, or that fails to decode, is one line. */
export async function decodeJpeg2000(path: string, display: string, options: Jpeg2000Options = {}): Promise<Buffer> {
  const kind = await magic(path).catch(() => null);
  if (!kind) throw new ImportFileError('unsupported', display, 'not a JPEG 2000 image (no JP2 signature or codestream header)');
  const dir = await mkdtemp(join(tmpdir(), 'galley-jp2-'));
  try {
    // opj_decompress picks its reader by the file extension and knows .jp2/.j2k but not .jpx; a
    // link with the right extension also keeps an odd file name (a leading "-") out of its argv.
    const input = join(dir, `in.${kind}`);
    await symlink(resolve(path), input);
    const output = join(dir, 'out.png');
    const cmd = options.program ?? 'opj_decompress';
    const r = await run(cmd, ['-i', input, '-o', output], display, missingProgram('missingJpeg2000', 'libopenjp2-tools'), options.signal);
    const png = r.code === 0 ? await readFile(output).catch(() => null) : null;
    if (!png) {
      const why = r.stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('[INFO]')).pop() ?? `exit ${r.code}`;
      throw new ImportFileError('ocr', display, `the JPEG 2000 image could not be decoded: ${why.replace(/^\[ERROR\]\s*/, '')}`);
    }
    return png;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
