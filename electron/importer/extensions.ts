// What a file name says about its format, in a module of its own: formats.ts (the registry of
// every format) builds on it, and `galley segment` of a plain-text page decides from it alone,
// without loading the XML readers (read-page.ts).

/** Extensions of plain-text pages (the registry's `text` format). */
export const TEXT_EXTENSIONS: readonly string[] = ['.txt', '.text'];

export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}
