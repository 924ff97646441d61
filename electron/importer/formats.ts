// The OCR formats Galley reads, each turned into page text: one block per paragraph-like region,
// a blank line between blocks, and the start offset of every block as a boundary hint for the
// engine.
import { ImportFileError } from './errors.ts';
import { deepText, findAll, findFirst, joinWords, parseXml, refuseDeclarations, type XmlNode } from './xml.ts';

export const FORMATS = ['text', 'alto', 'hocr', 'page-xml'] as const;
export type PageFormat = (typeof FORMATS)[number];

export interface ParsedPage {
  text: string;
  blockBoundaries: number[];
  /** Page number the file states (ALTO PRINTED_IMG_NR, hOCR ppageno of a multi-page file). */
  pageNumberHint: number | null;
}

const TEXT_EXT = new Set(['.txt', '.text']);
const XML_EXT = new Set(['.xml', '.alto']);
const HTML_EXT = new Set(['.html', '.htm', '.hocr', '.xhtml']);

/** Extensions the importer looks at when walking a folder. */
export const IMPORTABLE_EXTENSIONS = new Set([...TEXT_EXT, ...XML_EXT, ...HTML_EXT]);

export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** Picks the format from the extension and, for XML/HTML, the root element. */
export function detectFormat(name: string, text: string): PageFormat {
  const ext = extensionOf(name);
  const head = text.slice(0, 4096);
  if (TEXT_EXT.has(ext)) return 'text';
  if (XML_EXT.has(ext) || HTML_EXT.has(ext)) {
    refuseDeclarations(text, name);
    if (/<(?:[\w-]+:)?alto[\s>]/.test(head)) return 'alto';
    if (/<(?:[\w-]+:)?PcGts[\s>]/.test(head)) return 'page-xml';
    if (/ocr_page|<html[\s>]/i.test(head) || HTML_EXT.has(ext)) return 'hocr';
    throw new ImportFileError('unsupported', name, 'XML that is neither ALTO, PAGE (PcGts) nor hOCR');
  }
  throw new ImportFileError('unsupported', name, `unsupported file type ${ext || '(no extension)'} (accepted: .txt, ALTO/PAGE .xml, hOCR .html/.hocr)`);
}

function assemble(blocks: string[], pageNumberHint: number | null, name: string): ParsedPage {
  const kept = blocks.map((b) => b.replace(/\u00a0/g, ' ').trim()).filter((b) => b.length > 0);
  if (kept.length === 0) throw new ImportFileError('no-text', name, 'the page holds no text');
  const boundaries: number[] = [];
  let text = '';
  for (const b of kept) {
    if (text) text += '\n\n';
    boundaries.push(text.length);
    text += b;
  }
  return { text: text + '\n', blockBoundaries: boundaries, pageNumberHint };
}

/** Joins the lines of one block; a hyphen that ALTO marked (HYP) joins without a space. */
function joinLines(lines: { text: string; hyphen: boolean }[]): string {
  let out = '';
  let glue = false;
  for (const l of lines) {
    const t = l.text.trim();
    if (!t) continue;
    out = glue ? out + t : joinWords([out, t]);
    glue = l.hyphen;
  }
  return out;
}

const positiveInt = (v: string | undefined): number | null => {
  if (!v || !/^\d{1,4}$/.test(v.trim())) return null;
  const n = Number(v);
  return n > 0 ? n : null;
};

// ---------------------------------------------------------------- ALTO v2–v4
export function parseAlto(raw: string, name: string): ParsedPage[] {
  const doc = parseXml(raw, name);
  const alto = findFirst(doc, (n) => n.name === 'alto');
  if (!alto) throw new ImportFileError('bad-structure', name, 'ALTO without an <alto> root element');
  const pages = findAll(alto, (n) => n.name === 'Page');
  if (pages.length === 0) throw new ImportFileError('bad-structure', name, 'ALTO without a <Page> element');
  const readingOrder = findFirst(alto, (n) => n.name === 'ReadingOrder');
  const refs = readingOrder ? findAll(readingOrder, (n) => n.name === 'ElementRef').map((r) => r.attrs.REF ?? '') : [];
  return pages.map((page) => {
    let blocks = findAll(page, (n) => n.name === 'TextBlock');
    if (refs.length > 0) blocks = orderByRefs(page, blocks, refs, (n) => n.name === 'TextBlock');
    const texts = blocks.map((block) =>
      joinLines(
        findAll(block, (n) => n.name === 'TextLine').map((line) => {
          const words: string[] = [];
          let hyphen = false;
          for (const c of line.children) {
            if (c.name === 'String') {
              // Keep the word boundary for Latin text (SP), none for CJK (joinWords decides).
              words.push(c.attrs.CONTENT ?? '');
              hyphen = false;
            } else if (c.name === 'HYP') hyphen = true;
          }
          return { text: joinWords(words), hyphen };
        }),
      ),
    );
    return assemble(texts, positiveInt(page.attrs.PRINTED_IMG_NR), name);
  });
}

/** Orders blocks by reading-order references (a reference to a group takes its blocks in order). */
function orderByRefs(scope: XmlNode, blocks: XmlNode[], refs: string[], isBlock: (n: XmlNode) => boolean): XmlNode[] {
  const byId = new Map<string, XmlNode>();
  const index = (n: XmlNode): void => {
    const id = n.attrs.ID ?? n.attrs.id;
    if (id) byId.set(id, n);
    n.children.forEach(index);
  };
  index(scope);
  const seen = new Set<XmlNode>();
  const out: XmlNode[] = [];
  for (const ref of refs) {
    const target = byId.get(ref);
    if (!target) continue;
    const members = isBlock(target) ? [target] : findAll(target, isBlock);
    for (const m of members) if (!seen.has(m)) (seen.add(m), out.push(m));
  }
  for (const b of blocks) if (!seen.has(b)) out.push(b);
  return out;
}

// ---------------------------------------------------------------- hOCR
const hasClass = (n: XmlNode, cls: string): boolean => (n.attrs.class ?? '').split(/\s+/).includes(cls);
const LINE_CLASSES = ['ocr_line', 'ocr_header', 'ocr_caption', 'ocr_textfloat'];

export function parseHocr(raw: string, name: string): ParsedPage[] {
  const doc = parseXml(raw, name, { html: true });
  const pages = findAll(doc, (n) => hasClass(n, 'ocr_page'));
  if (pages.length === 0) throw new ImportFileError('bad-structure', name, 'hOCR without an ocr_page element');
  return pages.map((page) => {
    let blocks = findAll(page, (n) => hasClass(n, 'ocr_carea'));
    if (blocks.length === 0) blocks = findAll(page, (n) => hasClass(n, 'ocr_par'));
    if (blocks.length === 0) blocks = [page];
    const texts = blocks.map((block) => {
      const lines = findAll(block, (n) => LINE_CLASSES.some((c) => hasClass(n, c)));
      const lineTexts = (lines.length ? lines : [block]).map((line) => {
        const words = findAll(line, (n) => hasClass(n, 'ocrx_word'));
        return { text: words.length ? joinWords(words.map(deepText)) : deepText(line).replace(/\s+/g, ' '), hyphen: false };
      });
      return joinLines(lineTexts);
    });
    const pageNo = /ppageno\s+(\d+)/.exec(page.attrs.title ?? '');
    const hint = pages.length > 1 && pageNo ? Number(pageNo[1]) + 1 : null;
    return assemble(texts, hint, name);
  });
}

// ---------------------------------------------------------------- PAGE XML (PcGts)
export function parsePageXml(raw: string, name: string): ParsedPage[] {
  const doc = parseXml(raw, name);
  const root = findFirst(doc, (n) => n.name === 'PcGts');
  if (!root) throw new ImportFileError('bad-structure', name, 'PAGE XML without a <PcGts> root element');
  const pages = findAll(root, (n) => n.name === 'Page');
  if (pages.length === 0) throw new ImportFileError('bad-structure', name, 'PAGE XML without a <Page> element');
  return pages.map((page) => {
    const isRegion = (n: XmlNode): boolean => n.name === 'TextRegion';
    let regions = findAll(page, isRegion);
    const ro = page.children.find((c) => c.name === 'ReadingOrder');
    if (ro) regions = orderByRefs(page, regions, readingOrderRefs(ro), isRegion);
    const texts = regions.map((region) => {
      const lines = region.children.filter((c) => c.name === 'TextLine');
      if (lines.length > 0) return joinLines(lines.map((l) => ({ text: unicodeOf(l), hyphen: false })));
      return joinLines(unicodeOf(region).split('\n').map((t) => ({ text: t, hyphen: false })));
    });
    return assemble(texts, null, name);
  });
}

/** Region ids in reading order: groups ordered by @index, nested groups expanded in place. */
function readingOrderRefs(node: XmlNode): string[] {
  const out: string[] = [];
  const walk = (n: XmlNode): void => {
    const kids = [...n.children].sort((a, b) => Number(a.attrs.index ?? 0) - Number(b.attrs.index ?? 0));
    for (const k of kids) {
      if (k.attrs.regionRef) out.push(k.attrs.regionRef);
      walk(k);
    }
  };
  walk(node);
  return out;
}

/** The text of the element's own TextEquiv (the lowest @index when there are several). */
function unicodeOf(n: XmlNode): string {
  const equivs = n.children.filter((c) => c.name === 'TextEquiv');
  if (equivs.length === 0) {
    // Fall back to words/glyphs.
    const words = n.children.filter((c) => c.name === 'Word');
    return joinWords(words.map(unicodeOf));
  }
  equivs.sort((a, b) => Number(a.attrs.index ?? 0) - Number(b.attrs.index ?? 0));
  const uni = equivs[0]!.children.find((c) => c.name === 'Unicode');
  return uni ? deepText(uni) : '';
}

/** Parses a decoded file of any supported format into its pages. */
export function parsePages(name: string, text: string): { format: PageFormat; pages: ParsedPage[] } {
  const format = detectFormat(name, text);
  switch (format) {
    case 'text': {
      if (!text.trim()) throw new ImportFileError('no-text', name, 'the file holds only white space');
      return { format, pages: [{ text, blockBoundaries: [], pageNumberHint: null }] };
    }
    case 'alto':
      return { format, pages: parseAlto(text, name) };
    case 'hocr':
      return { format, pages: parseHocr(text, name) };
    case 'page-xml':
      return { format, pages: parsePageXml(text, name) };
  }
}
