// The format registry: every kind of file the importer takes, how it is recognised (extension,
// then the root element or magic bytes), and the one function that turns a page file into page
// text. The CLI help, the import dialog's filters and the folder walk all read this table, so a
// new format is one entry here.
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { altoReader } from '../../core/import/alto.ts';
import { checkDeclarations } from '../../core/import/doctype.ts';
import { ImportFileError } from '../../core/import/errors.ts';
import { hocrReader } from '../../core/import/hocr.ts';
import type { ParsedPage } from '../../core/import/page-builder.ts';
import { pageXmlReader } from '../../core/import/page-xml.ts';
import type { XmlReader } from '../../core/import/sax.ts';

export type { Box, LineRegion, PageRegions, ParsedPage } from '../../core/import/page-builder.ts';

export const FORMATS = ['text', 'alto', 'hocr', 'page-xml', 'image', 'pdf'] as const;
export type PageFormat = (typeof FORMATS)[number];

export interface FormatInfo {
  id: PageFormat;
  label: string;
  extensions: string[];
  /** Needs OCR before it has text (ocr.ts). */
  scan: boolean;
}

export const FORMAT_TABLE: readonly FormatInfo[] = [
  { id: 'text', label: 'Plain text', extensions: ['.txt', '.text'], scan: false },
  { id: 'alto', label: 'ALTO v1–v4', extensions: ['.xml', '.alto'], scan: false },
  { id: 'page-xml', label: 'PAGE XML', extensions: ['.xml'], scan: false },
  { id: 'hocr', label: 'hOCR', extensions: ['.html', '.htm', '.hocr', '.xhtml'], scan: false },
  { id: 'image', label: 'Page image (OCR)', extensions: ['.png', '.jpg', '.jpeg', '.tif', '.tiff', '.jp2', '.jpx'], scan: true },
  { id: 'pdf', label: 'PDF (OCR)', extensions: ['.pdf'], scan: true },
];

const extsOf = (ids: PageFormat[]): Set<string> => new Set(FORMAT_TABLE.filter((f) => ids.includes(f.id)).flatMap((f) => f.extensions));
const TEXT_EXT = extsOf(['text']);
const XML_EXT = extsOf(['alto', 'page-xml']);
const HTML_EXT = extsOf(['hocr']);
export const SCAN_EXTENSIONS = extsOf(['image', 'pdf']);

/** Extensions the importer looks at when walking a folder. */
export const IMPORTABLE_EXTENSIONS = new Set([...TEXT_EXT, ...XML_EXT, ...HTML_EXT, ...SCAN_EXTENSIONS]);

/** One line for error messages and help: what the importer accepts. */
export const ACCEPTED = '.txt, ALTO/PAGE/METS .xml, hOCR .html/.hocr, page images .png/.jpg/.tif/.jp2, .pdf';

/** Filters for the import dialog (Electron's showOpenDialog shape; the browser's accept list is derived). */
export function dialogFilters(): { name: string; extensions: string[] }[] {
  const all = [...IMPORTABLE_EXTENSIONS].map((e) => e.slice(1));
  return [{ name: 'OCR pages and scans', extensions: all }, ...FORMAT_TABLE.map((f) => ({ name: f.label, extensions: f.extensions.map((e) => e.slice(1)) }))];
}

/** The `accept` attribute of a browser file input. */
export const ACCEPT_ATTRIBUTE = [...IMPORTABLE_EXTENSIONS].join(',');

export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** The root element's local name, skipping the XML declaration, comments, PIs and a DOCTYPE. */
export function rootElement(head: string): string | null {
  const s = head.replace(/^\uFEFF/, '').replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>/gi, '');
  const m = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(s);
  return m ? m[2]! : null;
}

/** Picks the format from the extension and, for XML/HTML, the root element. */
export function detectFormat(name: string, text: string): PageFormat {
  const ext = extensionOf(name);
  const head = text.slice(0, 8192);
  if (TEXT_EXT.has(ext)) return 'text';
  if (XML_EXT.has(ext) || HTML_EXT.has(ext)) {
    checkDeclarations(head, name);
    const root = rootElement(head);
    if (root === 'alto') return 'alto';
    if (root === 'PcGts') return 'page-xml';
    if (root === 'mets') throw new ImportFileError('not-a-page', name, 'a METS file describes a delivery, not a page (import its folder)');
    if (root === 'DIDL') throw new ImportFileError('not-a-page', name, 'a DIDL file describes a delivery, not a page (import its folder)');
    if (/ocr_page/.test(text.slice(0, 65536)) || root?.toLowerCase() === 'html' || HTML_EXT.has(ext)) return 'hocr';
    throw new ImportFileError('not-a-page', name, `XML with a <${root ?? '?'}> root is neither ALTO, PAGE (PcGts) nor hOCR`);
  }
  if (SCAN_EXTENSIONS.has(ext)) return ext === '.pdf' ? 'pdf' : 'image';
  throw new ImportFileError('unsupported', name, `unsupported file type ${ext || '(no extension)'} (accepted: ${ACCEPTED})`);
}

export interface ReaderOptions {
  keepIds?: boolean;
}

function readerFor(format: PageFormat, name: string, options: ReaderOptions): XmlReader & { finish(): ParsedPage[] } {
  switch (format) {
    case 'alto':
      return altoReader(name, options);
    case 'page-xml':
      return pageXmlReader(name);
    case 'hocr':
      return hocrReader(name);
    default:
      throw new ImportFileError('unsupported', name, `${format} is not a markup format`);
  }
}

/** Parses a decoded file of any text format into its pages. */
export function parsePages(name: string, text: string, options: ReaderOptions = {}): { format: PageFormat; pages: ParsedPage[] } {
  const format = detectFormat(name, text);
  if (format === 'text') {
    if (!text.trim()) throw new ImportFileError('no-text', name, 'the file holds only white space');
    return { format, pages: [{ text, blockBoundaries: [], pageNumberHint: null }] };
  }
  if (format === 'image' || format === 'pdf') throw new ImportFileError('unsupported', name, 'a scan needs OCR first (ocr.ts)');
  const reader = readerFor(format, name, options);
  const SLICE = 1 << 16;
  for (let i = 0; i < text.length; i += SLICE) reader.write(text.slice(i, i + SLICE));
  reader.close();
  return { format, pages: reader.finish() };
}

/** The encoding an XML file declares (or its BOM says); UTF-8 when it says nothing. */
export function xmlEncoding(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  const ascii = Buffer.from(head.subarray(0, 200)).toString('latin1');
  const m = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/.exec(ascii);
  const enc = m?.[1]?.toLowerCase() ?? 'utf-8';
  return iconv.encodingExists(enc) ? enc : 'utf-8';
}

/**
 * Streams an ALTO/PAGE/hOCR file from disk through its parser: the file is never held whole in
 * memory (64 KiB chunks, decoded incrementally in its declared encoding). `display` names the
 * file in messages.
 */
export async function parseFileStreaming(path: string, display: string, options: ReaderOptions = {}): Promise<{ format: PageFormat; pages: ParsedPage[]; encoding: string }> {
  const stream = createReadStream(path, { highWaterMark: 1 << 16 });
  let reader: (XmlReader & { finish(): ParsedPage[] }) | null = null;
  let decoder: ReturnType<typeof iconv.getDecoder> | null = null;
  let format: PageFormat = 'text';
  let encoding = 'utf-8';
  try {
    for await (const raw of stream as AsyncIterable<Buffer>) {
      if (!reader) {
        encoding = xmlEncoding(raw);
        decoder = iconv.getDecoder(encoding);
        const first = decoder.write(raw);
        format = detectFormat(display, first);
        if (format === 'text' || format === 'image' || format === 'pdf') throw new ImportFileError('unsupported', display, 'not a markup file');
        reader = readerFor(format, display, options);
        reader.write(first);
        continue;
      }
      const chunk = decoder!.write(raw);
      if (chunk) reader.write(chunk);
    }
    if (!reader) throw new ImportFileError('no-text', display, 'the file is empty');
    const rest = decoder?.end();
    if (rest) reader.write(rest);
    reader.close();
    return { format, pages: reader.finish(), encoding: encoding.toUpperCase() };
  } finally {
    stream.destroy();
  }
}
