// RFC 4180 CSV: fields quoted when they hold a comma, quote, CR or LF; quotes doubled; CRLF rows.
// Shared by the CSV export and the vocabulary import/export.

export function csvField(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(',');
}

/** UTF-8 BOM: without it Excel opens UTF-8 CSV as the system code page and garbles Chinese. */
export const BOM = '\uFEFF';

export function csvDocument(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return BOM + rows.map(csvRow).join('\r\n') + '\r\n';
}

export interface CsvRecord {
  /** 1-based line on which the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Parses RFC 4180 text (a leading BOM is dropped; LF or CRLF rows); blank lines are skipped. */
export function parseCsv(text: string): CsvRecord[] {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quotedField = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !quotedField)) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    quotedField = false;
  };
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '"' && field === '' && !quotedField) {
      quotedField = true;
      const startLine = line;
      i++;
      for (;;) {
        if (i >= s.length) throw new CsvSyntaxError(startLine, 'unterminated quoted field');
        const c = s[i]!;
        if (c === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      const next = s[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(line, 'text after a closing quote');
      }
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      quotedField = false;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      if (quotedField) throw new CsvSyntaxError(line, 'text after a closing quote');
      field += ch;
      i++;
    }
  }
  if (field !== '' || fields.length || quotedField) endRecord();
  return records;
}
