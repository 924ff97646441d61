// Every export format against hostile text (issue 16, finding 4): CSV cells a spreadsheet would
// run as formulas are neutralised (OWASP: a leading =, +, -, @, tab or CR gets an apostrophe);
// XML stays well-formed with the text intact; Markdown shows markup as text; JSON and plain
// text carry the text exactly.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../core/export/csv.ts';
import { CSV_COLUMNS, neutraliseCell } from '../../core/export/formats/csv.ts';
import { buildExport, EXPORT_FORMATS } from '../../electron/export/index.ts';
import { issueFrom } from '../export/fixture.ts';
import { validatorError } from '../export/xml-check.ts';

const HOSTILE = [
  "+cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example","click")',
  '-2+3+cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
  '</hl1><script>alert(1)</script>&amp;&#0;]]><!--',
  '[click](javascript:alert(1)) <img src=x onerror=alert(1)> # not a heading',
  'control \u0001\u0008\u001b chars \u2028 and \uFFFE',
];

function hostileIssue() {
  const issue = issueFrom();
  const items = issue.pages[0]!.items.filter((i) => i.kind !== 'masthead');
  HOSTILE.forEach((text, n) => {
    const item = items[n % items.length]!;
    if (n < items.length) {
      item.headline = text;
      item.kicker = text;
      item.tags = [text];
    } else item.paragraphs = [...item.paragraphs, text];
  });
  return { issue, items: items.slice(0, HOSTILE.length) };
}

const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const FORMULA_START = /^[=+\-@\t\r]/;

describe('exports of hostile text', () => {
  it('neutralises every CSV cell that would start a formula (OWASP rule)', () => {
    for (const h of HOSTILE) {
      const cell = neutraliseCell(h);
      if (FORMULA_START.test(h)) expect(cell).toBe(`'${h}`);
      else expect(cell).toBe(h);
    }
    expect(neutraliseCell(-3)).toBe(-3); // numbers stay numbers
    const { issue } = hostileIssue();
    const csv = buildExport(issue, ['csv']).files.find((f) => f.path.endsWith('.csv'))!;
    const rows = parseCsv(decode(csv.bytes));
    expect(rows[0]!.fields).toEqual([...CSV_COLUMNS]);
    const cells = rows.slice(1).flatMap((r) => r.fields);
    for (const cell of cells) if (cell !== '' && !/^-?\d+$/.test(cell)) expect(cell, JSON.stringify(cell)).not.toMatch(FORMULA_START);
    const headlines = rows.slice(1).map((r) => r.fields[CSV_COLUMNS.indexOf('headline')]);
    expect(headlines).toContain("'+cmd|' /C calc'!A0");
    expect(headlines).toContain('\'=HYPERLINK("http://evil.example","click")');
  });

  it('keeps NITF and NewsML well-formed with the hostile text as text, JSON and txt exact, Markdown inert', () => {
    const { issue } = hostileIssue();
    const built = buildExport(issue, EXPORT_FORMATS);
    expect(new Set(built.formats)).toEqual(new Set(EXPORT_FORMATS));
    const xmlText: Record<string, string> = { nitf: '', newsml: '' };
    let txt = '';
    for (const f of built.files) {
      const text = decode(f.bytes);
      if (f.path.endsWith('.xml')) {
        expect(validatorError(text), f.path).toBeNull();
        expect(text, f.path).not.toContain('<script>');
        expect(text, f.path).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE]/);
        const kind = f.path.startsWith('nitf') ? 'nitf' : 'newsml';
        xmlText[kind] += JSON.stringify(new XMLParser({ processEntities: true, htmlEntities: true, parseTagValue: false, trimValues: false }).parse(text));
      } else if (f.path.endsWith('.json') && !f.path.endsWith('manifest.json')) {
        const json = JSON.stringify(JSON.parse(text));
        for (const h of HOSTILE.slice(0, 6)) expect(json, f.path).toContain(JSON.stringify(h).slice(1, -1));
      } else if (f.path.endsWith('.md')) {
        expect(text).not.toContain('<script>');
        expect(text).not.toMatch(/(?<!\\)\]\(javascript:/); // only an escaped \] before it
        expect(text).not.toMatch(/^# not a heading/m);
      } else if (f.path.endsWith('.txt')) {
        txt += text;
      }
    }
    for (const h of HOSTILE.slice(0, 4)) expect(txt).toContain(h);
    // The hostile headlines come back out of the XML as the same text.
    for (const kind of ['nitf', 'newsml']) {
      expect(xmlText[kind]!.length, kind).toBeGreaterThan(0);
      for (const h of HOSTILE.slice(0, 4)) expect(xmlText[kind], `${kind}: ${h}`).toContain(JSON.stringify(h).slice(1, -1));
    }
  });
});
