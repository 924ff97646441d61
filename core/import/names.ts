// What file and folder names tell about a page: issue date, page number, publication.
// Conventions (docs/import.md):
//   PUBLICATION/YYYY-MM-DD/p01.txt    YYYY-MM-DD/p01.txt    YYYYMMDD_p1.txt
//   …-p01.txt, page01.txt, 第1版.txt, 01.txt
import { parseNumber } from './page-facts.ts';

export interface NameFacts {
  date: string | null;
  pageNumber: number | null;
  publication: string | null;
}

function validDate(y: string, m: string, d: string): string | null {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** A date in a name: 2021-10-29, 2021_10_29, 2021.10.29, 20211029, 2021年10月29日. */
export function dateInName(name: string): string | null {
  const sep = /(?:^|[^\d])(\d{4})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)/.exec(name);
  if (sep) return validDate(sep[1]!, sep[2]!, sep[3]!);
  const cn = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(name);
  if (cn) return validDate(cn[1]!, cn[2]!, cn[3]!);
  const packed = /(?:^|[^\d])(\d{4})(\d{2})(\d{2})(?!\d)/.exec(name);
  if (packed) return validDate(packed[1]!, packed[2]!, packed[3]!);
  return null;
}

/** True when the whole folder name is a date (so the folder above it names the publication). */
export function isDateFolder(name: string): boolean {
  return /^(\d{4}[-_.]\d{1,2}[-_.]\d{1,2}|\d{8}|\d{4}年\d{1,2}月\d{1,2}日)$/.test(name.trim());
}

/** A page number in a file name (extension removed): p01, p1, page01, page-1, pg2, 第1版, 第一版, 01. */
export function pageInName(base: string): number | null {
  const cn = /第\s*([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*版/.exec(base);
  if (cn) return parseNumber(cn[1]!);
  const p = /(?:^|[^a-z])(?:page|pg|p)[-_ ]?(\d{1,3})(?!\d)/i.exec(base);
  if (p) return Number(p[1]) || null;
  const bare = /^(\d{1,3})$/.exec(base.trim());
  if (bare) return Number(bare[1]) || null;
  // A trailing page after a date: 20211029_1, 2021-10-29-01
  const tail = /\d{4}[-_.]?\d{2}[-_.]?\d{2}[-_ ](\d{1,3})$/.exec(base);
  if (tail) return Number(tail[1]) || null;
  // Library deliveries: a zero-padded sequence at the end, 0002364_18110127_0003, 18210801_1-0001.
  const padded = /[-_](0\d{2,3})$/.exec(base);
  if (padded) return Number(padded[1]) || null;
  return null;
}

/**
 * Folder names that say how a delivery is organised, not which paper it is: ALTO, text, ocr,
 * images, a bare number (a month-day folder such as 0922, a title's catalogue number).
 */
export function isGenericFolder(name: string): boolean {
  return /^(alto|xml|text|txt|ocr|hocr|page|pages|pagexml|fulltext|images?|img|jpe?g|tiff?|jp2|pdf|scans?|data|mets|master|access|derivatives?|\d+)$/i.test(name.trim());
}

/**
 * Facts from a file's path. `parts` are the folder names from the import root down to the file's
 * folder (innermost last), then the file name.
 */
export function factsFromPath(folders: string[], fileName: string): NameFacts {
  const base = fileName.replace(/\.[^.]+$/, '');
  const folder = folders[folders.length - 1] ?? null;
  const fileDate = dateInName(base);
  let date = fileDate;
  let publication: string | null = null;
  if (folder && isDateFolder(folder)) {
    date = date ?? dateInName(folder);
    const above = folders[folders.length - 2];
    if (above && !isDateFolder(above) && !isGenericFolder(above)) publication = above;
  } else if (folder) {
    date = date ?? dateInName(folder);
    // PUBLICATION/YYYYMMDD_p1.txt: the folder holding dated files names the publication.
    if (fileDate && !dateInName(folder) && !isGenericFolder(folder)) publication = folder;
  }
  return { date, pageNumber: pageInName(base), publication };
}
