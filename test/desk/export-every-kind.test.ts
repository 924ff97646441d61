// Issue 14, export faithfulness: every item kind is present in every format, mapped to that
// format's vocabulary. One issue holds an item of each kind with its own marker text; each format's
// files must carry every marker (the masthead's facts go to the issue's metadata in the news
// formats, and it is a row in json and csv), and NITF and NewsML must name each kind in their terms.
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { buildExport } from '../../core/export/build.ts';
import { STORY_KINDS } from '../../core/export/stories.ts';
import { EXPORT_FORMATS, type IssueExport } from '../../shared/export.ts';
import { ITEM_KINDS } from '../../shared/segmentation.ts';
import { issueFrom } from '../export/fixture.ts';

const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const marker = (kind: string) => `标记${kind}正文`;
const headlineMarker = (kind: string) => `标记${kind}标题`;

/** The fixture issue with one more item of every kind, each carrying its own marker as its one paragraph. */
function issueWithEveryKind(): IssueExport {
  const issue = issueFrom();
  const page = issue.pages[0]!;
  const template = page.items.find((it) => it.kind === 'article')!;
  let id = Math.max(...issue.pages.flatMap((p) => p.items.map((it) => it.id)));
  for (const kind of ITEM_KINDS) {
    page.items.push({ ...template, id: ++id, storyId: id, kind, headline: headlineMarker(kind), paragraphs: [marker(kind)], continuedFrom: null, continuedOn: null });
  }
  return issue;
}

describe('every item kind in every export format', () => {
  const issue = issueWithEveryKind();
  const files = buildExport(issue, EXPORT_FORMATS).files;
  const textOf = (format: string) => files.filter((f) => f.path.startsWith(`${format}/`) || f.path.endsWith(`.${format === 'markdown' ? 'md' : format}`)).map((f) => decode(f.bytes)).join('\n');

  it.each(EXPORT_FORMATS)('%s carries every kind', (format) => {
    const text = textOf(format);
    expect(text.length).toBeGreaterThan(0);
    const kinds = format === 'json' || format === 'csv' ? ITEM_KINDS : STORY_KINDS;
    // csv has a row per item with its headline (paragraphs only as a count); the others carry the text.
    const lines = text.split(/\r?\n/);
    const missing = kinds.filter((k) =>
      format === 'csv' ? !lines.some((l) => l.split(',')[3] === k && l.includes(headlineMarker(k))) : !text.includes(marker(k)),
    );
    expect(missing).toEqual([]);
  });

  it('NITF and NewsML name each kind in their vocabulary', () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    const nitf = files.filter((f) => f.path.startsWith('nitf/')).map((f) => parser.parse(decode(f.bytes)).nitf);
    const newsml = files.filter((f) => f.path.startsWith('newsml/items/')).map((f) => ({ raw: decode(f.bytes), doc: parser.parse(decode(f.bytes)).newsItem }));
    for (const kind of STORY_KINDS) {
      const n = nitf.find((d) => JSON.stringify(d).includes(marker(kind)));
      expect(n, `NITF document of ${kind}`).toBeDefined();
      expect(n.head.tobject['tobject.property']['@_tobject.property.type']).toBe(kind);
      expect(n.head.tobject['@_tobject.type']).toMatch(/^(news|editorial|advertisement|data)$/);
      const g = newsml.find((d) => d.raw.includes(marker(kind)));
      expect(g, `NewsML item of ${kind}`).toBeDefined();
      expect(g!.doc.itemMeta.itemClass['@_qcode']).toBe(kind === 'photo' ? 'ninat:picture' : 'ninat:text');
    }
    // The kinds with an IPTC genre say it.
    const genreOf = (kind: string) => newsml.find((d) => d.raw.includes(marker(kind)))!.raw.match(/genre qcode="([^"]+)"/)?.[1];
    expect(genreOf('editorial')).toBe('genre:Opinion');
    expect(genreOf('advertisement')).toBe('genre:Advertisement');
    expect(genreOf('notice')).toBe('genre:Announcement');
  });
});
