// The one size limit of a page, the same for import, open and save: a page the importer accepts
// can always be opened and saved again. (Before, import took pages that page.save then refused,
// so they could never be edited.) Documented in README "Big pages".

/** Most characters of OCR text in one page (4 Mi characters: several times the largest broadsheet). */
export const MAX_PAGE_TEXT_CHARS = 4 * 1024 * 1024;

/** Most items in one page. */
export const MAX_PAGE_ITEMS = 10_000;

/** Why a page is over the limit (English: archive and CLI messages), or null when it fits. */
export function pageSizeProblem(textChars: number, items: number): string | null {
  if (textChars > MAX_PAGE_TEXT_CHARS) {
    return `the page has ${textChars.toLocaleString('en')} characters of text; a page may have at most ${MAX_PAGE_TEXT_CHARS.toLocaleString('en')}`;
  }
  if (items > MAX_PAGE_ITEMS) return `the page has ${items.toLocaleString('en')} items; a page may have at most ${MAX_PAGE_ITEMS.toLocaleString('en')}`;
  return null;
}
