// hOCR as Tesseract, OCRopus/kraken, ABBYY-to-hOCR and hocr-tools write it. hOCR is HTML, and not
// every producer writes well-formed XHTML, so it is read with htmlparser2 (tolerant, streaming,
// decodes HTML entities, never reads a DTD). Every ocr_line / ocrx_line / ocr_header /
// ocr_caption / ocr_textfloat is one line wherever it stands; ocr_par and ocr_carea are block
// hints only; text outside any line is kept as a line of its own. The standard XHTML DOCTYPE is
// accepted; any other declaration is refused (doctype.ts).
import { Parser } from 'htmlparser2';
import { checkDeclarations, isStandardDoctype } from './doctype.ts';
import { ImportFileError } from './errors.ts';
import { joinWordsAt, PageBuilder, type Box, type ParsedPage } from './page-builder.ts';
import type { XmlReader } from './sax.ts';

const LINE_CLASSES = new Set(['ocr_line', 'ocrx_line', 'ocr_header', 'ocr_caption', 'ocr_textfloat']);
const BLOCK_CLASSES = new Set(['ocr_par', 'ocr_carea']);
const MAX_DEPTH = 512;

type Role = 'page' | 'block' | 'line' | 'word' | 'skip' | null;

function roleOf(tag: string, classes: string[]): Role {
  if (tag === 'head' || tag === 'script' || tag === 'style' || tag === 'title') return 'skip';
  if (classes.includes('ocr_page')) return 'page';
  if (classes.some((c) => LINE_CLASSES.has(c))) return 'line';
  if (classes.includes('ocrx_word')) return 'word';
  if (classes.some((c) => BLOCK_CLASSES.has(c))) return 'block';
  return null;
}

/** The properties in an hOCR title attribute: `bbox 0 0 10 10; image "p.png"; ppageno 0`. */
export function hocrProps(title: string | undefined): { bbox: Box | null; image: string | null; ppageno: number | null } {
  const t = title ?? '';
  const b = /(?:^|;)\s*bbox\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)/.exec(t);
  const img = /(?:^|;)\s*image\s+(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(t);
  const pno = /(?:^|;)\s*ppageno\s+(\d+)/.exec(t);
  return {
    bbox: b ? [Number(b[1]), Number(b[2]), Number(b[3]), Number(b[4])] : null,
    image: img ? (img[1] ?? img[2] ?? img[3] ?? null) : null,
    ppageno: pno ? Number(pno[1]) : null,
  };
}

export function hocrReader(name: string): XmlReader & { finish(): ParsedPage[] } {
  // Every ocr_page in file order; `page` is null for a page without text (ABBYY-to-hOCR writes one
  // for each picture-only page of a book: cover, plates, blank leaves).
  const pages: { page: ParsedPage | null; ppageno: number | null }[] = [];
  const stack: Role[] = [];
  let builder: PageBuilder | null = null;
  let ppageno: number | null = null;
  let line: { words: string[]; box: Box | null } | null = null;
  let word: string | null = null;
  let loose = '';
  let skip = 0;
  let doctypeError: ImportFileError | null = null;
  let depthError: ImportFileError | null = null;

  const flushLoose = (): void => {
    if (builder && loose.trim()) builder.addLine(loose.replace(/\s+/g, ' '), null);
    loose = '';
  };

  const parser = new Parser(
    {
      onprocessinginstruction(piName, data) {
        if (piName.toLowerCase() !== '!doctype') return;
        if (!isStandardDoctype(data.replace(/^!doctype/i, ''))) {
          doctypeError = new ImportFileError('xml-doctype', name, 'refused: the XML declares a DOCTYPE; only the standard XHTML DOCTYPE is accepted');
        }
      },
      onopentag(tag, attrs) {
        const role = roleOf(tag, (attrs.class ?? '').split(/\s+/));
        stack.push(role);
        // Same limit as the XML reader (sax.ts): OCR output is never nested this deep.
        if (stack.length > MAX_DEPTH && !depthError) depthError = new ImportFileError('xml-malformed', name, `malformed XML: elements nested deeper than ${MAX_DEPTH}`);
        if (role === 'skip') skip++;
        if (skip) return;
        const props = role ? hocrProps(attrs.title) : null;
        if (role === 'page') {
          builder = new PageBuilder();
          const bb = props?.bbox;
          if (bb) (builder.width = bb[2]), (builder.height = bb[3]);
          builder.imageName = props?.image ?? null;
          ppageno = props?.ppageno ?? null;
        } else if (!builder) return;
        else if (role === 'block') {
          flushLoose();
          builder.startBlock();
        } else if (role === 'line' && !line) {
          flushLoose();
          line = { words: [], box: props?.bbox ?? null };
        } else if (role === 'word' && line && word === null) word = '';
      },
      ontext(text) {
        if (skip || !builder) return;
        if (word !== null) word += text;
        else if (line) {
          if (text.trim()) line.words.push(text);
        } else loose += text;
      },
      onclosetag() {
        const role = stack.pop() ?? null;
        if (role === 'skip') {
          skip--;
          return;
        }
        if (skip || !builder) return;
        if (role === 'word' && word !== null && line) {
          line.words.push(word);
          word = null;
        } else if (role === 'line' && line) {
          if (word !== null) line.words.push(word), (word = null);
          builder.addLine(joinWordsAt(line.words).text, line.box);
          line = null;
        } else if (role === 'block') {
          flushLoose();
          builder.startBlock();
        } else if (role === 'page') {
          flushLoose();
          const b: PageBuilder = builder;
          builder = null;
          pages.push({ page: b.hasText() ? b.build(name) : null, ppageno });
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  let tail = '';
  const raise = (): void => {
    if (doctypeError) throw doctypeError;
    if (depthError) throw depthError;
  };
  return {
    write(chunk) {
      checkDeclarations(tail + chunk, name);
      tail = chunk.slice(-16);
      parser.write(chunk);
      raise();
    },
    close() {
      parser.end();
      raise();
    },
    finish() {
      if (pages.length === 0) throw new ImportFileError('bad-structure', name, 'hOCR without an ocr_page element');
      // Pages without text are left out, not failed, as long as one page has text; the others keep
      // their place in the file as their number (ppageno when given), so page 6 stays page 6.
      const multi = pages.length > 1;
      const kept = pages.flatMap(({ page, ppageno: n }, i) => (page ? [{ ...page, pageNumberHint: multi ? (n !== null ? n + 1 : i + 1) : null }] : []));
      if (kept.length === 0) throw new ImportFileError('no-text', name, 'the page holds no text');
      return kept;
    },
  };
}
