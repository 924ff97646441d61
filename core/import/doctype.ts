// Which DOCTYPE declarations an OCR file may carry. hOCR is XHTML, and Tesseract, OCRopus,
// kraken and hocr-tools all write the standard XHTML DOCTYPE, so it passes. Nothing else does:
// an internal subset (where ENTITY declarations live), a SYSTEM identifier pointing anywhere, or a
// doctype naming another root is refused, so no external entity is fetched and no entity
// expansion can run.
import { ImportFileError } from './errors.ts';

/** The public identifiers of the W3C (X)HTML DTDs. */
const STANDARD_PUBLIC_IDS = new Set([
  '-//W3C//DTD XHTML 1.0 Strict//EN',
  '-//W3C//DTD XHTML 1.0 Transitional//EN',
  '-//W3C//DTD XHTML 1.0 Frameset//EN',
  '-//W3C//DTD XHTML 1.1//EN',
  '-//W3C//DTD XHTML Basic 1.1//EN',
  '-//W3C//DTD HTML 4.01//EN',
  '-//W3C//DTD HTML 4.01 Transitional//EN',
  '-//W3C//DTD HTML 4.01 Frameset//EN',
  '-//W3C//DTD HTML 4.0 Transitional//EN',
]);

const refuse = (file: string, line: number, what = 'DOCTYPE'): never => {
  throw new ImportFileError(
    'xml-doctype',
    file,
    `refused: the XML declares a ${what} (line ${line}); only the standard XHTML DOCTYPE is accepted, and no internal subset or ENTITY declarations (external entities, entity expansion)`,
  );
};

/**
 * `body` is what stands between `<!DOCTYPE` and the closing `>`. Accepted: `html` alone (HTML5),
 * or `html PUBLIC "<standard id>"` with an optional system literal and no internal subset.
 */
export function isStandardDoctype(body: string): boolean {
  const m = /^\s*html\s*(?:PUBLIC\s+(["'])([^"']*)\1(?:\s+(["'])[^"']*\3)?)?\s*$/i.exec(body);
  if (!m) return false;
  return m[2] === undefined || STANDARD_PUBLIC_IDS.has(m[2].trim());
}

export function checkDoctype(body: string, file: string, line: number): void {
  if (!isStandardDoctype(body)) refuse(file, line);
}

const ENTITY = /<!\s*ENTITY\b/i;

export function refuseEntityDeclarations(text: string, file: string, line: number): void {
  if (ENTITY.test(text)) refuse(file, line, 'ENTITY');
}

const DOCTYPE = /<!\s*DOCTYPE\b([^>[]*)(\[|>)?/gi;

/** Checks every DOCTYPE and ENTITY declaration in a whole text (the line is counted for the message). */
export function checkDeclarations(raw: string, file: string): void {
  const lineAt = (i: number): number => raw.slice(0, i).split('\n').length;
  const ent = ENTITY.exec(raw);
  DOCTYPE.lastIndex = 0;
  for (let m = DOCTYPE.exec(raw); m; m = DOCTYPE.exec(raw)) {
    if (ent && ent.index < m.index) break;
    if (m[2] !== '>' || !isStandardDoctype(m[1] ?? '')) refuse(file, lineAt(m.index));
  }
  if (ent) refuse(file, lineAt(ent.index), /<!\s*DOCTYPE\b/i.test(raw.slice(0, ent.index)) ? 'DOCTYPE' : 'ENTITY');
}
