// Checks for Chinese UI text (used by the unit test of the tables and the e2e scan of the running
// zh-CN UI): ASCII punctuation inside Chinese, and English words a Chinese user would see.

/** Words that stay Latin in the Chinese UI: names, key names, formats, units. */
const ALLOWED = new Set([
  'Galley', 'OCR', 'Ctrl', 'Alt', 'Shift', 'Enter', 'Esc', 'Backspace', 'PageDown', 'PageUp', 'Tab', 'Home', 'End',
  'English', 'JSON', 'NITF', 'NewsML', 'CSV', 'Markdown', 'txt', 'zip', 'SHA', 'ALTO', 'hOCR', 'PAGE', 'XML', 'UTF', 'GB', 'Big5',
  'MiB', 'KiB', 'URL', 'ID', 'Tesseract', 'Debian', 'PDF', 'PNG', 'JPEG', 'TIFF', 'ln', 'col', 'pct',
]);

/** ASCII , : ; ! ? ( ) in a string that holds Chinese (placeholders and key chords excluded). */
export function asciiPunctuationIn(text: string): string[] {
  const s = text.replace(/\{\{[^}]*\}\}/g, '');
  if (!/[\u3400-\u9fff]/.test(s)) return [];
  return [...s.matchAll(/[,:;!?()]/g)].map((m) => m[0]);
}

/** Latin words of three or more letters that are not names, keys or formats. */
export function englishIn(text: string): string[] {
  const s = text
    .replace(/\{\{[^}]*\}\}/g, '')
    .replace(/\$t\([^)]*\)/g, '')
    // A command to type stays as typed; schema names (galley.issue-export/1) are identifiers.
    .replace(/galley [^，。；]*/g, '')
    .replace(/[\w.-]+\/\d+/g, '')
    .replace(/\b[A-Z][\w]*-G2\b/g, '');
  return [...s.matchAll(/[A-Za-z][A-Za-z'’-]{2,}/g)].map((m) => m[0]).filter((w) => !ALLOWED.has(w));
}

/** [key, value] of every string in a nested table. */
export function flatStrings(table: unknown, prefix = ''): [string, string][] {
  if (typeof table === 'string') return [[prefix, table]];
  if (!table || typeof table !== 'object') return [];
  return Object.entries(table).flatMap(([k, v]) => flatStrings(v, prefix ? `${prefix}.${k}` : k));
}
