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

/** Length in characters as a reader counts them (code points, not UTF-16 units). */
const chars = (paragraphs: string[]): number => paragraphs.reduce((n, p) => n + [...p].length, 0);

export const writeCsv: FormatWriter = (issue) => {
  const rows = issue.pages.flatMap((page) =>
    page.items.map((item, i) => [
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
    ]),
  );
  return [{ path: 'csv/items.csv', bytes: utf8(csvDocument([[...CSV_COLUMNS], ...rows])) }];
};
