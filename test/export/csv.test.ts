import { describe, expect, it } from 'vitest';
import { BOM, CsvSyntaxError, csvDocument, csvField, parseCsv } from '../../core/export/csv.ts';

describe('csv', () => {
  it('quotes only when needed, doubling quotes', () => {
    expect(csvField('plain 中文')).toBe('plain 中文');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
  });
  it('round-trips awkward values through csvDocument and parseCsv', () => {
    const rows = [
      ['id', 'text'],
      ['1', 'a,b'],
      ['2', '"quoted"'],
      ['3', 'multi\r\nline\nfield'],
      ['4', ''],
      ['5', '衡阳日报'],
    ];
    const doc = csvDocument(rows);
    expect(doc.startsWith(BOM)).toBe(true);
    const back = parseCsv(doc);
    expect(back.map((r) => r.fields)).toEqual(rows);
    expect(back.map((r) => r.line)).toEqual([1, 2, 3, 4, 7, 8]);
  });
  it('reports malformed quoting with a line number', () => {
    expect(() => parseCsv('a,b\n"open,c\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,b\n"x"y,c\n')).toThrow(/line 2/);
  });
  it('skips blank lines but keeps empty quoted fields', () => {
    expect(parseCsv('a\n\n""\n').map((r) => r.fields)).toEqual([['a'], ['']]);
  });
});
