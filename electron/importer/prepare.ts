// What the importer does to a file before the archive sees it, beyond decoding one text page:
// scans are OCR'd (ocr.ts), big XML is parsed as a stream from disk, METS/DIDL deliveries give
// each page its facts and article boundaries, files that are not pages are skipped with a reason,
// and every page carries its scan (image and line regions) to the archive. Independent of how
// the bytes arrived (a path from the CLI, an Electron handle, a browser upload saved to disk).
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { ImportPageInput } from '../archive/archive-api.ts';
import { deriveItems } from '../../core/engine/index.ts';
import type { ItemKind, Segmentation } from '../../shared/segmentation.ts';
import { ImportFileError } from '../../core/import/errors.ts';
import { extensionOf, parseFileStreaming, parsePages, SCAN_EXTENSIONS, type PageFormat, type ParsedPage } from './formats.ts';
import type { DeliveryArticle } from '../../core/import/mets.ts';
import type { Box } from '../../core/import/page-builder.ts';
import { factsFromPath } from '../../core/import/names.ts';
import { decodeJpeg2000, isJpeg2000 } from './jp2.ts';
import { MIME_OF_EXT, ocrScan, type OcrImage, type OcrOptions } from './ocr.ts';
import { tiffToPng } from './tiff-to-png.ts';

/** What a METS/DIDL delivery says about one of its page files. */
export interface DeliveryFacts {
  /** The METS file, as shown to the user. */
  source: string;
  title: string | null;
  date: string | null;
  pageNumber: number | null;
  order: number;
  articles: DeliveryArticle[];
  /** Absolute path of the page image the delivery names, when it is in the folder. */
  imagePath: string | null;
}

/** A file already turned into pages before parseFile (a scan after OCR, a big XML file streamed). */
export interface PreparedFile {
  format: PageFormat;
  pages: ParsedPage[];
  encoding: string;
  /** The image of each page (scans), in page order. */
  images: (OcrImage | null)[];
}

/** Files above this size are parsed as a stream from disk instead of being read whole. */
export const STREAM_THRESHOLD = 2 * 1024 * 1024;
/** Largest markup file streamed: an ALTO page of a broadsheet at word level is 20-40 MB. */
export const MAX_STREAMED_BYTES = 256 * 1024 * 1024;

const XML_EXTS = new Set(['.xml', '.alto', '.html', '.htm', '.hocr', '.xhtml']);

export interface PrepareOptions {
  signal?: AbortSignal;
  ocr?: Pick<OcrOptions, 'languages' | 'onProgress' | 'programs'>;
}

/**
 * Does the slow, asynchronous part of a file's import: OCR (child processes) or streaming parse.
 * Returns null when the file is an ordinary page file that parseFile decodes itself.
 */
export async function prepareFile(path: string, display: string, options: PrepareOptions & { keepIds?: boolean } = {}): Promise<PreparedFile | null> {
  const ext = extensionOf(path);
  if (SCAN_EXTENSIONS.has(ext)) {
    const scans = await ocrScan(path, display, { ...options.ocr, ...(options.signal ? { signal: options.signal } : {}) });
    const pages = scans.map((s, i) => {
      const parsed = parsePages(`${display}.hocr`, s.hocr).pages[0];
      if (!parsed) throw new ImportFileError('no-text', display, `OCR found no text on page ${i + 1}`);
      return parsed;
    });
    return { format: ext === '.pdf' ? 'pdf' : 'image', pages, encoding: 'UTF-8', images: scans.map((s) => s.image) };
  }
  if (XML_EXTS.has(ext)) {
    const info = await stat(path);
    if (info.size > STREAM_THRESHOLD) {
      if (info.size > MAX_STREAMED_BYTES) throw new ImportFileError('unsupported', display, `too large (${info.size} bytes; the limit for markup files is ${MAX_STREAMED_BYTES})`);
      const r = await parseFileStreaming(path, display, { keepIds: options.keepIds === true });
      return { format: r.format, pages: r.pages, encoding: r.encoding, images: r.pages.map(() => null) };
    }
  }
  return null;
}

/** The page image a delivery names, when it is one the workspace can show. */
export async function readDeliveryImage(path: string | null): Promise<OcrImage | null> {
  if (!path) return null;
  const ext = extensionOf(path);
  const mime = MIME_OF_EXT[ext];
  if (!mime) return null;
  try {
    // BL and KB deliveries ship JPEG 2000; the page keeps a PNG of it (jp2.ts). Without
    // opj_decompress the page is imported without its image, as with any unreadable image.
    if (isJpeg2000(ext)) return { bytes: await decodeJpeg2000(path, path), mime: 'image/png' };
    const bytes = await readFile(path);
    // Chromium cannot show TIFF: keep a PNG of it (tiff-to-png.ts).
    return mime === 'image/tiff' ? { bytes: tiffToPng(bytes, path), mime: 'image/png' } : { bytes, mime };
  } catch {
    return null;
  }
}

/** A checksum list (manifest.txt, *.sha256, BagIt manifests): `sha256 (f) = hex` or `hex  f` lines. */
export function isChecksumList(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim());
  if (lines.length === 0) return false;
  const ok = lines.filter((l) => /^\s*(?:sha\d+|md5)\s*\(.+\)\s*=\s*[0-9a-f]{32,128}\s*$/i.test(l) || /^\s*[0-9a-f]{32,128}\s+\*?\S.*$/i.test(l));
  return ok.length / lines.length > 0.8;
}

const KIND_OF_TYPE: Record<string, ItemKind> = {
  advertisement: 'advertisement',
  advertisements: 'advertisement',
  ad: 'advertisement',
  illustration: 'photo',
  picture: 'photo',
  photograph: 'photo',
  image: 'photo',
  notice: 'notice',
  obituary: 'notice',
};

/** The delivery's articles on this page as a segmentation (deriveItems gives the fields), or null. */
export function segmentationFromArticles(page: ParsedPage, articles: DeliveryArticle[]): Segmentation | null {
  if (articles.length === 0) return null;
  const starts = new Map<number, ItemKind>();
  const lineStarts = [0];
  for (let i = page.text.indexOf('\n'); i >= 0; i = page.text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  // Lines by their box centre, in text order, for articles given as areas (DIDL zoning).
  const centres = (page.regions?.lines ?? []).map((r) => ({ line: r.line, x: (r.box[0] + r.box[2]) / 2, y: (r.box[1] + r.box[3]) / 2 })).sort((a, b) => a.line - b.line);
  const firstLineIn = (areas: Box[]): number | undefined => {
    const hit = centres.find((c) => areas.some(([l, t, r, b]) => c.x >= l && c.x <= r && c.y >= t && c.y <= b));
    return hit ? lineStarts[hit.line] : undefined;
  };
  for (const a of articles) {
    const offsets = a.begins.map((b) => page.idOffsets?.get(b)).filter((o): o is number => o !== undefined);
    if (offsets.length === 0 && a.areas?.length) {
      const at = firstLineIn(a.areas);
      if (at !== undefined) offsets.push(at);
    }
    if (offsets.length === 0) continue;
    // An item starts at the start of the line holding the article's first word.
    const at = Math.min(...offsets);
    const lineStart = page.text.lastIndexOf('\n', at - 1) + 1;
    if (!starts.has(lineStart)) starts.set(lineStart, KIND_OF_TYPE[a.type] ?? 'article');
  }
  if (starts.size === 0) return null;
  if (!starts.has(0)) starts.set(0, 'article');
  const sorted = [...starts.entries()].sort((a, b) => a[0] - b[0]);
  const items = deriveItems(page.text, sorted.map(([s]) => s), sorted.map(([, k]) => k));
  // Marked with where it came from: the METS logical structMap, or the DIDL's article zoning.
  const version = articles.some((a) => a.areas?.length) ? 'didl-article-zoning' : 'mets-logical-structmap';
  return { schema: 'galley.segmentation/1', masthead: null, items, model: { version, profile: null } };
}

export interface EntryLike {
  path: string;
  display: string;
  folders: string[];
  delivery?: DeliveryFacts;
  deliveryImage?: OcrImage | null;
}

/** The archive's page inputs for a file's parsed pages, with facts from names or its delivery. */
export function pageInputs(entry: EntryLike, format: PageFormat, pages: ParsedPage[], encoding: string, images: (OcrImage | null)[] = []): ImportPageInput[] {
  if (format === 'text' && pages.length === 1 && isChecksumList(pages[0]!.text)) {
    throw new ImportFileError('not-a-page', entry.display, 'a checksum list (manifest), not a page');
  }
  const facts = factsFromPath(entry.folders, basename(entry.path));
  const d = entry.delivery;
  return pages.map((p, i) => {
    const image = images[i] ?? (i === 0 ? (entry.deliveryImage ?? null) : null);
    const pageNumber = pages.length > 1 ? (p.pageNumberHint ?? i + 1) : (d?.pageNumber ?? facts.pageNumber ?? p.pageNumberHint ?? d?.order ?? null);
    const segmentation = d ? segmentationFromArticles(p, d.articles) : null;
    const scan = p.regions || image ? { image: image ? { bytes: new Uint8Array(image.bytes), mime: image.mime as 'image/png' } : null, regions: p.regions ?? null, source: images[i] ? 'ocr' : format } : null;
    return {
      sourceName: pages.length > 1 ? `${entry.display}#${i + 1}` : entry.display,
      text: p.text,
      encoding,
      pageNumberHint: pageNumber,
      dateHint: d?.date ?? facts.date,
      publicationHint: d?.title ?? facts.publication,
      folderHint: dirname(entry.path),
      ...(p.blockBoundaries.length ? { blockBoundaries: p.blockBoundaries } : {}),
      ...(segmentation ? { segmentation } : {}),
      ...(scan ? { scan } : {}),
    };
  });
}
