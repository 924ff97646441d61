// Streaming XML for ALTO, PAGE and METS: saxes (strict, well-formedness checked, line numbers in
// errors) fed chunk by chunk, so an 18 MB ALTO page never becomes a tree in memory. Why saxes and
// not fast-xml-parser: fast-xml-parser builds the whole document (a 18 MB page took 1 GB and 76 s);
// saxes is the SAX parser jsdom relies on, and it never loads a DTD or expands a declared entity.
// DOCTYPE policy (doctype.ts): only the standard (X)HTML doctypes pass; an internal subset or any
// ENTITY declaration is refused before its content is read.
import { SaxesParser } from 'saxes';
import { checkDeclarations, checkDoctype } from './doctype.ts';
import { ImportFileError } from './errors.ts';

export interface SaxSink {
  /** Local names (namespace prefix removed) and attributes with prefixes removed (xlink:href → href). */
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  text?(text: string): void;
}

export interface XmlReader {
  write(chunk: string): void;
  close(): void;
}

const local = (name: string): string => {
  const i = name.indexOf(':');
  return i >= 0 ? name.slice(i + 1) : name;
};

/** Deepest nesting accepted; a page nested deeper is a hostile or broken file, not OCR output. */
const MAX_DEPTH = 512;

export function createXmlReader(file: string, sink: SaxSink): XmlReader {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let depth = 0;
  const fail = (error: Error): never => {
    if (error instanceof ImportFileError) throw error;
    // saxes prefixes "line:column: "; the user gets the line once, in our words.
    const msg = error.message.replace(/^[^:]*:\d+:\d+:\s*/, '').replace(/^\d+:\d+:\s*/, '');
    throw new ImportFileError('xml-malformed', file, `malformed XML at line ${parser.line}: ${msg}`);
  };
  parser.on('error', fail);
  parser.on('doctype', (doctype) => checkDoctype(doctype, file, parser.line));
  parser.on('opentag', (tag) => {
    if (++depth > MAX_DEPTH) throw new ImportFileError('xml-malformed', file, `malformed XML at line ${parser.line}: elements nested deeper than ${MAX_DEPTH}`);
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[local(k)] = String(v);
    sink.open(local(tag.name), attrs);
    if (tag.isSelfClosing) {
      depth--;
      sink.close(local(tag.name));
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    depth--;
    sink.close(local(tag.name));
  });
  if (sink.text) {
    const onText = sink.text.bind(sink);
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  let tail = '';
  return {
    write(chunk: string) {
      // Declarations are checked before saxes sees them (the scan overlaps chunk edges).
      checkDeclarations(tail + chunk, file);
      tail = chunk.slice(-16);
      try {
        parser.write(chunk);
      } catch (error) {
        fail(error as Error);
      }
    },
    close() {
      try {
        parser.close();
      } catch (error) {
        fail(error as Error);
      }
    },
  };
}

/** Feeds a whole string through a reader in slices (same code path as a streamed file). */
export function readXmlString(raw: string, reader: XmlReader): void {
  const SLICE = 1 << 16;
  for (let i = 0; i < raw.length; i += SLICE) reader.write(raw.slice(i, i + SLICE));
  reader.close();
}
