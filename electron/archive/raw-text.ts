// The text of a page as it was imported (migration 0015). pages.raw_text is '' while the page's
// text is still the imported text (its SHA-256 is still content_hash), so that text is stored once;
// the first change of the text copies the imported text into raw_text (a trigger), and a re-import
// starts again with ''. An imported empty page edited later reads '' either way.
import { contentHash } from './context.ts';

export function rawTextOf(page: { raw_text: string; text: string; content_hash: string }): string {
  if (page.raw_text !== '') return page.raw_text;
  return contentHash(page.text) === page.content_hash ? page.text : '';
}
