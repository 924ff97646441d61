// Safe XML reading for the OCR formats: DOCTYPE/ENTITY declarations are refused outright (no
// external entities, no entity-expansion bombs), malformed XML is reported with its line, and the
// document becomes a small ordered tree.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ImportFileError } from './errors.ts';

export interface XmlNode {
  /** Local name, namespace prefix removed (alto:String → String). */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Text directly inside the element, in order, joined. */
  text: string;
}

const DECLARATION = /<!\s*(DOCTYPE|ENTITY)\b/i;

/** Throws when the raw text declares a DOCTYPE or an ENTITY; checked before any parsing. */
export function refuseDeclarations(raw: string, file: string): void {
  const m = DECLARATION.exec(raw);
  if (m) {
    const line = raw.slice(0, m.index).split('\n').length;
    throw new ImportFileError(
      'xml-doctype',
      file,
      `refused: the XML declares a ${m[1]!.toUpperCase()} (line ${line}); DOCTYPE and ENTITY declarations are not accepted (external entities, entity expansion)`,
    );
  }
}

const HTML_VOID = ['meta', 'link', 'br', 'img', 'hr', 'input', 'area', 'base', 'col', 'source', 'wbr'];

/** Parses XML (or XHTML when `html`) into an ordered tree, refusing declarations first. */
export function parseXml(raw: string, file: string, options: { html?: boolean } = {}): XmlNode {
  refuseDeclarations(raw, file);
  const unpairedTags = options.html ? HTML_VOID : [];
  const valid = XMLValidator.validate(raw, { allowBooleanAttributes: true, unpairedTags });
  if (valid !== true) {
    const { line, msg } = valid.err;
    throw new ImportFileError('xml-malformed', file, `malformed XML at line ${line}: ${msg}`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    allowBooleanAttributes: true,
    unpairedTags,
    processEntities: true,
    htmlEntities: options.html === true,
  });
  let doc: unknown[];
  try {
    doc = parser.parse(raw) as unknown[];
  } catch (error) {
    // The validator passes a few inputs the parser still refuses (a quote inside the XML
    // declaration, nesting past the parser's limit): report them like any malformed file.
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportFileError('xml-malformed', file, `malformed XML: ${reason}`);
  }
  const root: XmlNode = { name: '#document', attrs: {}, children: toNodes(doc), text: '' };
  return root;
}

function toNodes(list: unknown): XmlNode[] {
  if (!Array.isArray(list)) return [];
  const out: XmlNode[] = [];
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const rec = entry as Record<string, unknown>;
    for (const key of Object.keys(rec)) {
      if (key === ':@' || key === '#text' || key.startsWith('?')) continue;
      const attrsRaw = (rec[':@'] ?? {}) as Record<string, unknown>;
      const attrs: Record<string, string> = {};
      for (const [k, v] of Object.entries(attrsRaw)) attrs[k.replace(/^[^:]*:/, '')] = String(v);
      const kids = rec[key];
      const node: XmlNode = { name: key, attrs, children: toNodes(kids), text: '' };
      if (Array.isArray(kids)) {
        node.text = kids
          .map((k) => (k && typeof k === 'object' && '#text' in k ? String((k as Record<string, unknown>)['#text']) : ''))
          .join('');
      }
      out.push(node);
    }
  }
  return out;
}

/** Every descendant (document order) for which `pred` holds, not descending into matches. */
export function findAll(node: XmlNode, pred: (n: XmlNode) => boolean, opts: { nested?: boolean } = {}): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode): void => {
    for (const c of n.children) {
      if (pred(c)) {
        out.push(c);
        if (opts.nested) walk(c);
      } else walk(c);
    }
  };
  walk(node);
  return out;
}

export function findFirst(node: XmlNode, pred: (n: XmlNode) => boolean): XmlNode | null {
  for (const c of node.children) {
    if (pred(c)) return c;
    const deep = findFirst(c, pred);
    if (deep) return deep;
  }
  return null;
}

/** All text below a node, in document order. */
export function deepText(node: XmlNode): string {
  return node.text + node.children.map(deepText).join('');
}

const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/**
 * Joins OCR words into a line: a space between two words only when neither side is CJK
 * (Chinese OCR emits one "word" per character or phrase; a space there is an artefact).
 */
export function joinWords(words: string[]): string {
  let out = '';
  for (const w of words) {
    const word = w.trim();
    if (!word) continue;
    if (out && !WIDE.test(out[out.length - 1]!) && !WIDE.test(word[0]!)) out += ' ';
    out += word;
  }
  return out;
}
