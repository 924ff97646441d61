// csv: one row per item (all kinds), for spreadsheets; UTF-8 with BOM and CRLF (see ../csv.ts).
import { csvDocument } from '../csv.ts';
import type { FormatWriter } from './types.ts';
import { utf8 } from './types.ts';

export const CSV_COLUMNS = [
  'id',
  'page',
  'order',
  'kind',
  'kicker',
  'headline',
  'subheadline',
  'series',
  'byline',
  'contributors',
  'tags',
  'continuedOn',
  'continuedFrom',
  'paragraphs',
  'chars',
] as const;

/**
 * A text cell a spreadsheet would run as a formula (OWASP "CSV injection"): one that begins with
 * =, +, -, @, a tab or a carriage return gets a leading apostrophe, so Excel, LibreOffice and
 * Sheets show it as text. Numbers stay numbers. The apostrophe is visible in a text editor; that
 * is the price of a file that is safe to double-click.
 */
export function neutraliseCell(value: string | number | null): string | number | null {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Length in characters as a reader counts them (code points, not UTF-16 units). */
const chars = (paragraphs: string[]): number => paragraphs.reduce((n, p) => n + [...p].length, 0);

export const writeCsv: FormatWriter = (issue) => {
  const rows = issue.pages.flatMap((page) =>
    page.items.map((item, i) => ([
      item.id,
      page.pageNumber,
      i + 1,
      item.kind,
      item.kicker,
      item.headline,
      item.subheadline,
      item.series,
      item.byline,
      item.contributors.map((c) => `${c.name} (${c.role})`).join('; '),
      item.tags.join('; '),
      item.continuedOn,
      item.continuedFrom,
      item.paragraphs.length,
      chars(item.paragraphs),
    ] as (string | number | null)[]).map(neutraliseCell)),
  );
  return [{ path: 'csv/items.csv', bytes: utf8(csvDocument([[...CSV_COLUMNS], ...rows])) }];
};
