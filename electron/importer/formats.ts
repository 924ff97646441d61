// The format registry: every kind of file the importer takes, how it is recognised (extension,
// then the root element: `sniff`), and the reader that turns a markup file into pages. Sniffing,
// parsing, the folder walk, the Electron import dialog's filters, the browser's accept list and
// the CLI help all read this table (test/cli/import-formats.test.ts checks the dialog, the help
// and docs/import.md list every extension), so a new format is one entry here.
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { altoReader } from '../../core/import/alto.ts';
import { checkDeclarations } from '../../core/import/doctype.ts';
import { ImportFileError } from '../../core/import/errors.ts';
import { hocrReader } from '../../core/import/hocr.ts';
import type { ParsedPage } from '../../core/import/page-builder.ts';
import { pageXmlReader } from '../../core/import/page-xml.ts';
import type { XmlReader } from '../../core/import/sax.ts';
import { extensionOf, TEXT_EXTENSIONS } from './extensions.ts';

export type { Box, LineRegion, PageRegions, ParsedPage } from '../../core/import/page-builder.ts';

export const FORMATS = ['text', 'alto', 'hocr', 'page-xml', 'image', 'pdf'] as const;
export type PageFormat = (typeof FORMATS)[number];

export interface ReaderOptions {
  keepIds?: boolean;
}

type MarkupReader = XmlReader & { finish(): ParsedPage[] };

export interface FormatInfo {
  id: PageFormat;
  label: string;
  extensions: string[];
  /** Needs OCR before it has text (ocr.ts). */
  scan: boolean;
  /**
   * Markup formats: whether a file with one of the markup extensions is this format, from its
   * root element's local name and its first 64 KiB. Tried in table order; a `lenient` format
   * (hOCR: HTML is often not well-formed) only after delivery manifests were ruled out.
   */
  sniff?: (root: string | null, head: string, ext: string) => boolean;
  lenient?: boolean;
  /** Markup formats: the streaming reader that turns the file into pages. */
  reader?: (name: string, options: ReaderOptions) => MarkupReader;
}

const HTML_EXTENSIONS = ['.html', '.htm', '.hocr', '.xhtml'];

export const FORMAT_TABLE: readonly FormatInfo[] = [
  { id: 'text', label: 'Plain text', extensions: [...TEXT_EXTENSIONS], scan: false },
  { id: 'alto', label: 'ALTO v1–v4', extensions: ['.xml', '.alto'], scan: false, sniff: (root) => root === 'alto', reader: (name, o) => altoReader(name, o) },
  { id: 'page-xml', label: 'PAGE XML', extensions: ['.xml'], scan: false, sniff: (root) => root === 'PcGts', reader: (name) => pageXmlReader(name) },
  {
    id: 'hocr',
    label: 'hOCR',
    extensions: HTML_EXTENSIONS,
    scan: false,
    lenient: true,
    sniff: (root, head, ext) => /ocr_page/.test(head) || root?.toLowerCase() === 'html' || HTML_EXTENSIONS.includes(ext),
    reader: (name) => hocrReader(name),
  },
  { id: 'image', label: 'Page image (OCR)', extensions: ['.png', '.jpg', '.jpeg', '.tif', '.tiff', '.jp2', '.jpx'], scan: true },
  { id: 'pdf', label: 'PDF (OCR)', extensions: ['.pdf'], scan: true },
];

/** Root elements of delivery manifests: a folder holding one is an issue, the file itself no page. */
const DELIVERY_ROOTS: Record<string, string> = {
  mets: 'a METS file describes a delivery, not a page (import its folder)',
  DIDL: 'a DIDL file describes a delivery, not a page (import its folder)',
};

const extsOf = (pick: (f: FormatInfo) => boolean): Set<string> => new Set(FORMAT_TABLE.filter(pick).flatMap((f) => f.extensions));
const MARKUP = FORMAT_TABLE.filter((f) => f.sniff && f.reader);
const TEXT_EXT = extsOf((f) => !f.scan && !f.reader);
const MARKUP_EXT = extsOf((f) => MARKUP.includes(f));
export const SCAN_EXTENSIONS = extsOf((f) => f.scan);

/** Extensions the importer looks at when walking a folder. */
export const IMPORTABLE_EXTENSIONS = extsOf(() => true);

/** One line for error messages: what the importer accepts (from the table). */
export const ACCEPTED = [...FORMAT_TABLE.map((f) => `${f.label} ${f.extensions.join('/')}`), 'METS/DIDL delivery folders'].join(', ');

/** The accepted formats for command-line help: one line per format with its extensions. */
export function formatHelpLines(indent = '  '): string[] {
  const width = Math.max(...FORMAT_TABLE.map((f) => f.label.length));
  return FORMAT_TABLE.map((f) => `${indent}${f.label.padEnd(width)}  ${f.extensions.join(' ')}`);
}

/**
 * Filters for the import dialog (Electron's showOpenDialog shape; the browser's accept list is
 * derived): every extension first, then one filter per format. `names` words them in the UI
 * language (shared/i18n-errors.ts importFormats); the registry's English labels otherwise.
 */
export function dialogFilters(names?: Readonly<Record<'all' | PageFormat, string>>): { name: string; extensions: string[] }[] {
  const all = [...IMPORTABLE_EXTENSIONS].map((e) => e.slice(1));
  return [
    { name: names?.all ?? 'OCR pages and scans', extensions: all },
    ...FORMAT_TABLE.map((f) => ({ name: names?.[f.id] ?? f.label, extensions: f.extensions.map((e) => e.slice(1)) })),
  ];
}

/** The `accept` attribute of a browser file input. */
export const ACCEPT_ATTRIBUTE = [...IMPORTABLE_EXTENSIONS].join(',');

export { extensionOf } from './extensions.ts';

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
  if (MARKUP_EXT.has(ext)) {
    checkDeclarations(head, name);
    const root = rootElement(head);
    const sniffHead = text.slice(0, 65536);
    for (const f of MARKUP.filter((m) => !m.lenient)) if (f.sniff!(root, sniffHead, ext)) return f.id;
    if (root && Object.hasOwn(DELIVERY_ROOTS, root)) throw new ImportFileError('not-a-page', name, DELIVERY_ROOTS[root]!);
    for (const f of MARKUP.filter((m) => m.lenient)) if (f.sniff!(root, sniffHead, ext)) return f.id;
    throw new ImportFileError('not-a-page', name, `XML with a <${root ?? '?'}> root is neither ALTO, PAGE (PcGts) nor hOCR`);
  }
  const scan = FORMAT_TABLE.find((f) => f.scan && f.extensions.includes(ext));
  if (scan) return scan.id;
  throw new ImportFileError('unsupported', name, `unsupported file type ${ext || '(no extension)'} (accepted: ${ACCEPTED})`);
}

function readerFor(format: PageFormat, name: string, options: ReaderOptions): MarkupReader {
  const reader = FORMAT_TABLE.find((f) => f.id === format)?.reader;
  if (!reader) throw new ImportFileError('unsupported', name, `${format} is not a markup format`);
  return reader(name, options);
}

/** Parses a decoded file of any text format into its pages. */
export function parsePages(name: string, text: string, options: ReaderOptions = {}): { format: PageFormat; pages: ParsedPage[] } {
  const format = detectFormat(name, text);
  if (format === 'text') {
    if (!text.trim()) throw new ImportFileError('no-text', name, 'the file holds only white space');
    return { format, pages: [{ text, blockBoundaries: [], pageNumberHint: null }] };
  }
  if (FORMAT_TABLE.find((f) => f.id === format)?.scan) throw new ImportFileError('unsupported', name, 'a scan needs OCR first (ocr.ts)');
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
  let reader: MarkupReader | null = null;
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
        if (!MARKUP.some((f) => f.id === format)) throw new ImportFileError('unsupported', display, 'not a markup file');
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
