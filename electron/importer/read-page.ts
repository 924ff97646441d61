// One page file read exactly as the importer reads it, for `galley segment FILE`: plain text,
// ALTO, hOCR, PAGE XML (big files streamed) and scans (OCR'd). The text returned is the text the
// archive would store, so the segmentation's offsets refer to it and `--text` shows it.
// The format registry (XML readers) and prepare.ts (scans: OCR, TIFF and JPEG 2000 decoders;
// streamed markup) are loaded only for other files: a text page, the common case, does not pay for
// compiling them (`galley segment` start-up). Its result is what parsePages gives a text file.
import { readPageFile } from '../node/read-page-file.ts';
import type { PageFormat } from './formats.ts';
import { extensionOf, TEXT_EXTENSIONS } from './extensions.ts';

export interface ReadPage {
  text: string;
  encoding: string;
  bytes: number;
  format: PageFormat;
  pageNumberHint: number | null;
  blockBoundaries: number[];
  /** How many pages the file holds (the first one is returned). */
  pages: number;
}

const MARKUP = new Set(['.xml', '.alto', '.html', '.htm', '.hocr', '.xhtml']);

export async function readPageForCli(path: string, options: { signal?: AbortSignal } = {}): Promise<ReadPage> {
  const ext = extensionOf(path);
  if (TEXT_EXTENSIONS.includes(ext)) {
    // readPageFile already refuses a page of white space, as parsePages would.
    const decoded = await readPageFile(path);
    return { text: decoded.text, encoding: decoded.encoding, bytes: decoded.bytes, format: 'text', pageNumberHint: null, blockBoundaries: [], pages: 1 };
  }
  const { parsePages, SCAN_EXTENSIONS } = await import('./formats.ts');
  if (SCAN_EXTENSIONS.has(ext) || MARKUP.has(ext)) {
    const { stat } = await import('node:fs/promises');
    const bytes = (await stat(path).catch(() => null))?.size ?? 0;
    const { prepareFile } = await import('./prepare.ts');
    const prepared = await prepareFile(path, path, options).catch((e: unknown) => {
      // A missing file gets the page reader's one-line message.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return readPageFile(path).then(() => null);
      throw e;
    });
    if (prepared) {
      const p = prepared.pages[0]!;
      return { text: p.text, encoding: prepared.encoding, bytes, format: prepared.format, pageNumberHint: p.pageNumberHint, blockBoundaries: p.blockBoundaries, pages: prepared.pages.length };
    }
  }
  const decoded = await readPageFile(path);
  const { format, pages } = parsePages(path, decoded.text);
  const p = pages[0]!;
  return { text: p.text, encoding: decoded.encoding, bytes: decoded.bytes, format, pageNumberHint: p.pageNumberHint, blockBoundaries: p.blockBoundaries, pages: pages.length };
}
