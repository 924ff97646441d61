// Issue 14: export is faithful — contributors follow a hand-edited byline (re-read by the rule
// pack), and photo items (and every other kind but the masthead) appear in NITF, NewsML and txt.
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { buildExport } from '../../core/export/build.ts';
import { applyBylineContributors, contributorsOfByline } from '../../core/export/byline.ts';
import type { IssueExport } from '../../shared/export.ts';
import { issueFrom } from '../export/fixture.ts';

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

function editedIssue(): { issue: IssueExport; itemId: number } {
  const issue = issueFrom();
  const page = issue.pages[0]!;
  const idx = page.items.findIndex((it) => it.kind === 'article' && it.contributors.length > 0);
  const item = page.items[idx]!;
  page.items[idx] = { ...item, byline: `${item.byline} 通讯员 李明`, editedFields: [...item.editedFields, 'byline'] };
  return { issue, itemId: item.id };
}

describe('contributors follow the edited byline', () => {
  it('reads names and roles from a byline the way the engine reads a printed one', () => {
    expect(contributorsOfByline('本报记者 张三 通讯员 李明')).toEqual([
      { name: '张三', role: 'reporter' },
      { name: '李明', role: 'correspondent' },
    ]);
    expect(contributorsOfByline('記者 張三')).toEqual([{ name: '張三', role: 'reporter' }]);
    expect(contributorsOfByline('随便一句话')).toBeNull();
  });

  it('NITF and Markdown carry the correspondent added to the byline', () => {
    const { issue, itemId } = editedIssue();
    const fixed = applyBylineContributors(issue);
    const item = fixed.pages[0]!.items.find((it) => it.id === itemId)!;
    expect(item.contributors).toContainEqual({ name: '李明', role: 'correspondent' });
    const fixedFiles = buildExport(issue, ['nitf', 'markdown']).files;
    const nitf = fixedFiles.filter((f) => f.path.startsWith('nitf/')).map((f) => decode(f.bytes));
    expect(nitf.some((x) => x.includes('<person>李明</person>') && x.includes('<byttl>通讯员</byttl>'))).toBe(true);
    const md = fixedFiles.filter((f) => f.path.endsWith('.md')).map((f) => decode(f.bytes)).join('\n');
    expect(md).toContain('李明');
  });

  it('a byline whose contributors were also edited by hand keeps the typed contributors', () => {
    const { issue, itemId } = editedIssue();
    const page = issue.pages[0]!;
    const i = page.items.findIndex((it) => it.id === itemId);
    page.items[i] = { ...page.items[i]!, contributors: [{ name: '王五', role: 'editor' }], editedFields: [...page.items[i]!.editedFields, 'contributors'] };
    expect(applyBylineContributors(issue).pages[0]!.items[i]!.contributors).toEqual([{ name: '王五', role: 'editor' }]);
  });
});

describe('every kind in every news format', () => {
  it('photos are NITF image media, NewsML pictures and txt captions', () => {
    const issue = issueFrom();
    const photos = issue.pages.flatMap((p) => p.items).filter((it) => it.kind === 'photo');
    expect(photos.length).toBeGreaterThan(0);
    const files = buildExport(issue, ['nitf', 'newsml', 'txt']).files;
    const parser = new XMLParser({ ignoreAttributes: false });
    const nitfPhotos = files
      .filter((f) => f.path.startsWith('nitf/'))
      .map((f) => parser.parse(decode(f.bytes)).nitf)
      .filter((n) => n.head.tobject['tobject.property']['@_tobject.property.type'] === 'photo');
    expect(nitfPhotos).toHaveLength(photos.length);
    expect(nitfPhotos[0].body['body.content'].media['@_media-type']).toBe('image');
    const newsml = files.filter((f) => f.path.startsWith('newsml/items/')).map((f) => parser.parse(decode(f.bytes)).newsItem);
    expect(newsml.filter((n) => n.itemMeta.itemClass['@_qcode'] === 'ninat:picture')).toHaveLength(photos.length);
    const message = decode(files.find((f) => f.path === 'newsml/newsMessage.xml')!.bytes);
    expect(message.match(/ninat:picture/g)?.length).toBe(photos.length);
    const txt = files.filter((f) => f.path.startsWith('txt/')).map((f) => decode(f.bytes)).join('\n');
    for (const p of photos) expect(txt).toContain(p.paragraphs[0] ?? p.headline ?? '');
    // Every kind but the masthead has a document in each news format.
    const kinds = new Set(issue.pages.flatMap((p) => p.items).map((it) => it.kind).filter((k) => k !== 'masthead'));
    const nitfKinds = new Set(files.filter((f) => f.path.startsWith('nitf/')).map((f) => parser.parse(decode(f.bytes)).nitf.head.tobject['tobject.property']['@_tobject.property.type']));
    expect(nitfKinds).toEqual(kinds);
  });
});
