// Checks for Chinese UI text (used by the unit test of the tables and the e2e scan of the running
// zh-CN UI): ASCII punctuation inside Chinese, and English words a Chinese user would see.

/** Words that stay Latin in the Chinese UI: names, key names, formats, units. */
const ALLOWED = new Set([
  'Galley', 'OCR', 'Ctrl', 'Alt', 'Shift', 'Enter', 'Esc', 'Backspace', 'PageDown', 'PageUp', 'Tab', 'Home', 'End',
  'English', 'JSON', 'NITF', 'NewsML', 'CSV', 'Markdown', 'txt', 'zip', 'SHA', 'ALTO', 'hOCR', 'PAGE', 'XML', 'UTF', 'GB', 'Big5',
  'MiB', 'KiB', 'URL', 'ID', 'Tesseract', 'Debian', 'PDF', 'PNG', 'JPEG', 'TIFF', 'ln', 'col', 'pct',
  'PostgreSQL', 'TLS', 'HTTP', 'HTTPS', 'PEM', 'IP', 'IPv6',
]);

/**
 * What a user types or reads exactly as written stays ASCII inside Chinese: command-line options
 * (--listen), URLs with their placeholders (postgresql://用户:密码@主机), host:port examples and
 * PEM armour lines. They are taken out before either check.
 */
function withoutLiterals(text: string): string {
  return text
    .replace(/\{\{[^}]*\}\}/g, '')
    .replace(/--[a-z][\w-]*/g, '')
    .replace(/[a-z][a-z0-9+.-]*:\/\/[^\s，。；、（）“”]*/g, '')
    .replace(/[\w.[\]:]*[\w\]]:\d+\b/g, '')
    .replace(/-{3,}[A-Z ]+-{3,}/g, '');
}

/** ASCII , : ; ! ? ( ) in a string that holds Chinese (placeholders and key chords excluded). */
export function asciiPunctuationIn(text: string): string[] {
  const s = withoutLiterals(text);
  if (!/[\u3400-\u9fff]/.test(s)) return [];
  return [...s.matchAll(/[,:;!?()]/g)].map((m) => m[0]);
}

/** Latin words of three or more letters that are not names, keys or formats. */
export function englishIn(text: string): string[] {
  const s = withoutLiterals(text)
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
