import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, ExportError, buildExport, exportIssue, issueExportSchema, manifestSchema, sha256, type IssueExport } from '../../electron/export/index.ts';
import { parseCsv } from '../../core/export/csv.ts';
import { CSV_COLUMNS } from '../../core/export/formats/csv.ts';
import { escapeAttr, escapeText } from '../../core/export/xml.ts';
import { HENGYANG, issueFrom } from './fixture.ts';
import { hasXmllint, validatorError, xmllintErrors } from './xml-check.ts';

const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const tmpRoots: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'galley-export-test-'));
  tmpRoots.push(d);
  return d;
};
afterAll(() => tmpRoots.forEach((d) => rmSync(d, { recursive: true, force: true })));

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The Hengyang page, tagged, with one story continued onto a second page. */
function tagged(): IssueExport {
  const issue = issueFrom([HENGYANG, HENGYANG]);
  const first = issue.pages[0]!.items[1]!;
  first.tags = ['衡阳', '苏州', '秦国文'];
  first.continuedOn = 2;
  const jump = issue.pages[1]!.items[1]!;
  jump.storyId = first.id;
  jump.continuedFrom = 1;
  return issue;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['p', 'keyword', 'person', 'byttl', 'itemRef', 'subject', 'headline', 'hl2'].includes(name) });

describe('buildExport on the Hengyang page', () => {
  const issue = tagged();
  const built = buildExport(issue);
  const byFormat = (f: string) => built.files.filter((x) => x.path.startsWith(`${f}/`));

  it('writes every format into its own folder', () => {
    expect(built.folder).toBe('HYRB_2021-10-29_17980');
    expect(built.formats).toEqual([...EXPORT_FORMATS]);
    for (const f of EXPORT_FORMATS) expect(byFormat(f).length, f).toBeGreaterThan(0);
  });

  it('json round-trips to an equal IssueExport', () => {
    const [json] = byFormat('json');
    expect(issueExportSchema.parse(JSON.parse(decode(json!.bytes)))).toEqual(issueExportSchema.parse(issue));
  });

  it('every XML file is well-formed (fast-xml-parser XMLValidator)', () => {
    const xml = built.files.filter((f) => f.path.endsWith('.xml'));
    expect(xml.length).toBe(byFormat('nitf').length + byFormat('newsml').length);
    for (const f of xml) expect(validatorError(decode(f.bytes)), f.path).toBeNull();
  });

  it('nitf: one document per story, joining jump-line parts', () => {
    const stories = issue.pages.flatMap((p) => p.items).filter((i) => i.kind !== 'masthead' && !i.storyId);
    const nitf = byFormat('nitf');
    expect(nitf).toHaveLength(stories.length);
    const doc = parser.parse(decode(nitf[0]!.bytes)).nitf;
    const item = issue.pages[0]!.items[1]!;
    const jump = issue.pages[1]!.items[1]!;
    expect(doc.head.title).toBe(item.headline);
    expect(doc.head.docdata['doc-id']['@id-string']).toBe(`HYRB_2021-10-29_17980_${item.id}`);
    expect(doc.head.docdata['date.issue']['@norm']).toBe('20211029T000000');
    expect(doc.head.docdata['key-list'].keyword.map((k: { '@key': string }) => k['@key'])).toEqual(['衡阳', '苏州', '秦国文']);
    const head = doc.body['body.head'];
    expect(head.hedline.hl1).toBe(item.headline);
    expect(head.byline.person).toEqual(['彭斌']);
    expect(head.byline.byttl).toEqual(['记者']);
    expect(head.dateline['story.date']['#text']).toBe('2021-10-29');
    expect(doc.body['body.content'].p).toEqual([...item.paragraphs, ...jump.paragraphs]);
  });

  it('nitf: hl2 carries the subheadline', () => {
    const withSub = issue.pages[0]!.items.find((i) => i.subheadline && i.kind === 'article')!;
    const file = byFormat('nitf').find((f) => decode(f.bytes).includes(`<hl1>${escapeText(withSub.headline!)}</hl1>`))!;
    const doc = parser.parse(decode(file.bytes)).nitf;
    expect(doc.body['body.head'].hedline.hl2[0]).toBe(withSub.subheadline);
  });

  it('newsml: the package refers to every newsItem file, each with headline, creator, subject and inline body', () => {
    const files = byFormat('newsml');
    const message = parser.parse(decode(files.find((f) => f.path === 'newsml/newsMessage.xml')!.bytes)).newsMessage;
    const refs = message.itemSet.packageItem.groupSet.group.itemRef as { '@href': string }[];
    const items = files.filter((f) => f.path.startsWith('newsml/items/'));
    expect(refs.map((r) => `newsml/${r['@href']}`)).toEqual(items.map((f) => f.path));
    const first = parser.parse(decode(items[0]!.bytes)).newsItem;
    expect(first['@guid']).toMatch(/^urn:galley:/);
    expect(first.contentMeta.headline.map((h: string | { '#text': string }) => (typeof h === 'string' ? h : h['#text']))).toContain(
      issue.pages[0]!.items[1]!.headline,
    );
    expect(first.contentMeta.creator.name).toBe('彭斌');
    expect(first.contentMeta.subject.map((s: { name: string }) => s.name)).toEqual(['衡阳', '苏州', '秦国文']);
    expect(first.contentSet.inlineXML.html.body.p.length).toBeGreaterThan(1);
  });

  it('csv: BOM, header, one row per item, values intact', () => {
    const [csv] = byFormat('csv');
    const text = decode(csv!.bytes);
    expect(csv!.bytes.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(text);
    expect(rows[0]!.fields).toEqual([...CSV_COLUMNS]);
    const items = issue.pages.flatMap((p) => p.items);
    expect(rows).toHaveLength(items.length + 1);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    rows.slice(1).forEach((r, i) => {
      expect(r.fields).toHaveLength(CSV_COLUMNS.length);
      expect(r.fields[col('id')]).toBe(String(items[i]!.id));
      expect(r.fields[col('headline')]).toBe(items[i]!.headline ?? '');
      expect(r.fields[col('series')]).toBe(items[i]!.series ?? '');
      expect(r.fields[col('paragraphs')]).toBe(String(items[i]!.paragraphs.length));
    });
    expect(rows[2]!.fields[col('tags')]).toBe('衡阳; 苏州; 秦国文');
  });

  it('markdown and txt: readable text with every paragraph', () => {
    const md = decode(byFormat('markdown')[0]!.bytes);
    expect(md.startsWith('# 衡阳日报 2021-10-29 第17980号\n')).toBe(true);
    expect(md).toContain('## Page 2');
    const txt = byFormat('txt');
    const first = decode(txt[0]!.bytes);
    const item = issue.pages[0]!.items[1]!;
    expect(first.split('\n')[1]).toBe(item.headline);
    for (const p of item.paragraphs) expect(first).toContain(p);
  });

  it('refuses bad input with the zod message', () => {
    expect(() => buildExport({ ...issue, schema: 'other' })).toThrow();
    expect(() => buildExport(issue, [])).toThrow(/at least one/);
    expect(() => buildExport(issue, ['pdf' as 'json'])).toThrow();
  });
});

describe('XML escaping', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(escapeAttr(`"'\t\n`)).toBe('&quot;&apos;&#9;&#10;');
    expect(escapeText('x\u0000\u0008\uFFFE\uD800y𠀀')).toBe('xy𠀀');
  });
  it('keeps hostile headlines and tags well-formed in every XML format', () => {
    const issue = tagged();
    const item = issue.pages[0]!.items[1]!;
    item.headline = '<script>alert("x")</script> & ]]> \u0001 \'quote\'';
    item.subheadline = '</hl2><hl1>injected';
    item.tags = ['a"b', "<c>&'d"];
    item.paragraphs = ['<p>not a tag</p>', '&amp; stays literal', 'CDATA ]]> end'];
    item.contributors = [{ name: '<name>', role: 'reporter' }];
    const built = buildExport(issue, ['nitf', 'newsml']);
    for (const f of built.files) expect(validatorError(decode(f.bytes)), f.path).toBeNull();
    const doc = parser.parse(decode(built.files[0]!.bytes), true).nitf;
    expect(doc.body['body.content'].p).toContain('&amp; stays literal');
    expect(doc.head.docdata['key-list'].keyword.map((k: { '@key': string }) => k['@key'])).toEqual(['a"b', "<c>&'d"]);
  });
});

describe('exportIssue', () => {
  it('writes the folder with a manifest whose sizes and SHA-256 match, plus a zip of the same files', () => {
    const out = tmp();
    const r = exportIssue(tagged(), { formats: [...EXPORT_FORMATS], outDir: out, zip: true });
    expect(r.folderPath).toBe(join(out, 'HYRB_2021-10-29_17980'));
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(r.folderPath, 'manifest.json'), 'utf8')));
    expect(manifest).toEqual(r.manifest);
    const onDisk = walk(r.folderPath).map((p) => relative(r.folderPath, p).split(sep).join('/')).sort();
    expect(onDisk).toEqual([...manifest.files.map((f) => f.path), 'manifest.json'].sort());
    for (const f of manifest.files) {
      const bytes = readFileSync(join(r.folderPath, f.path));
      expect(bytes.byteLength).toBe(f.size);
      expect(sha256(bytes)).toBe(f.sha256);
      expect(statSync(join(r.folderPath, f.path)).size).toBe(f.size);
    }
    const zip = unzipSync(readFileSync(r.zipPath!));
    expect(Object.keys(zip).sort()).toEqual(onDisk.map((p) => `HYRB_2021-10-29_17980/${p}`).sort());
    for (const f of manifest.files) expect(sha256(zip[`HYRB_2021-10-29_17980/${f.path}`]!)).toBe(f.sha256);
    // No temporary folder is left behind.
    expect(readdirSync(out).sort()).toEqual(['HYRB_2021-10-29_17980', 'HYRB_2021-10-29_17980.zip']);
  });

  it.skipIf(!hasXmllint)('every written XML file passes xmllint --noout', () => {
    const out = tmp();
    const r = exportIssue(tagged(), { formats: ['nitf', 'newsml'], outDir: out });
    const xml = walk(r.folderPath).filter((p) => p.endsWith('.xml'));
    expect(xml.length).toBeGreaterThan(5);
    expect(xmllintErrors(xml)).toBe('');
  });
  if (!hasXmllint) it.skip('xmllint is not installed (apt-get install -y libxml2-utils): only XMLValidator checked the XML', () => {});

  it('replaces an earlier export of the same issue in one step', () => {
    const out = tmp();
    exportIssue(tagged(), { formats: ['json', 'csv'], outDir: out });
    const r = exportIssue(tagged(), { formats: ['txt'], outDir: out });
    expect(readdirSync(r.folderPath).sort()).toEqual(['manifest.json', 'txt']);
    expect(readdirSync(out)).toEqual(['HYRB_2021-10-29_17980']);
  });

  it('keeps files from hostile headlines inside the output folder', () => {
    const out = tmp();
    const issue = tagged();
    const items = issue.pages.flatMap((p) => p.items).filter((i) => i.kind === 'article' && !i.storyId);
    const hostile = ['../../etc/passwd', 'a/b\\c:d', '..', '/abs/path', 'C:\\x', 'CON', '.'];
    expect(items.length).toBeGreaterThanOrEqual(hostile.length);
    hostile.forEach((h, i) => (items[i]!.headline = h));
    issue.publication.code = '../../../tmp/evil';
    const parent = mkdtempSync(join(out, 'nest-'));
    const r = exportIssue(issue, { formats: [...EXPORT_FORMATS], outDir: parent, zip: true });
    for (const p of walk(out)) expect(p.startsWith(parent + sep), p).toBe(true);
    expect(r.folderPath.startsWith(parent + sep)).toBe(true);
    expect(r.manifest.files.some((f) => f.path.includes('etc-passwd'))).toBe(true);
    expect(r.manifest.files.some((f) => f.path.endsWith('-a-b-c-d.xml'))).toBe(true);
    for (const f of r.manifest.files) expect(f.path.split('/').every((s) => s !== '..' && s !== '.' && !s.includes('\\') && !s.includes(':'))).toBe(true);
    for (const name of Object.keys(unzipSync(readFileSync(r.zipPath!)))) expect(name.split('/')).not.toContain('..');
  });

  it('refuses an unapproved issue unless a preview is asked for, leaving nothing behind', () => {
    const out = tmp();
    const issue = { ...tagged(), issue: { ...tagged().issue, state: 'proofed' as const } };
    expect(() => exportIssue(issue, { outDir: out })).toThrow(ExportError);
    expect(() => exportIssue(issue, { outDir: out })).toThrow('Only an approved issue can be exported; this one is proofed.');
    expect(readdirSync(out)).toEqual([]);
    expect(exportIssue(issue, { outDir: out, formats: ['json'], allowUnapproved: true }).manifest.state).toBe('proofed');
  });

  it('cleans up its temporary folder when writing fails', () => {
    const out = tmp();
    // A file where the issue folder's parent should be makes every write under it fail.
    const blocked = join(out, 'blocked');
    writeFileSync(blocked, 'x');
    expect(() => exportIssue(tagged(), { outDir: join(blocked, 'sub') })).toThrow();
    mkdirSync(join(out, 'ok'));
    expect(readdirSync(out).sort()).toEqual(['blocked', 'ok']);
  });
});
