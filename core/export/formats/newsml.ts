// newsml: a NewsML-G2 newsMessage whose packageItem is the issue, referring by href to one
// newsItem file per story (items/NNNN-headline.xml) with its text as inline XHTML.
// Element order follows the NewsML-G2 2.x schema (itemMeta, contentMeta, groupSet/contentSet).
import { numberedName } from '../names.ts';
import { collectStories, type Story } from '../stories.ts';
import { el, xmlDocument, type XmlElement } from '../xml.ts';
import type { IssueExport } from '../../../shared/export.ts';
import { issueTitle } from './dates.ts';
import { utf8, type ExportFile, type FormatWriter } from './types.ts';

export const G2_NS = 'http://iptc.org/std/nar/2006-10-01/';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const CATALOG = 'http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml';
const STANDARD = { standard: 'NewsML-G2', standardversion: '2.29', conformance: 'power' };

const guid = (folder: string, id: string | number): string => `urn:galley:${encodeURIComponent(folder)}:${id}`;

function itemMeta(itemClass: string, issue: IssueExport): XmlElement {
  return el(
    'itemMeta',
    {},
    el('itemClass', { qcode: itemClass }),
    el('provider', { literal: issue.publication.title }),
    el('versionCreated', {}, issue.exportedAt),
    el('pubStatus', { qcode: 'stat:usable' }),
  );
}

/** NewsML-G2 item class (IPTC NewsItem Nature) and genre for each kind. */
export const ITEM_CLASS = (kind: Story['kind']): string => (kind === 'photo' ? 'ninat:picture' : 'ninat:text');
const GENRE: Partial<Record<Story['kind'], string>> = {
  editorial: 'genre:Opinion',
  brief: 'genre:Summary',
  advertisement: 'genre:Advertisement',
  notice: 'genre:Announcement',
};

export function newsItemDocument(issue: IssueExport, folder: string, story: Story): string {
  const date = issue.issue.date;
  return xmlDocument(
    el(
      'newsItem',
      { xmlns: G2_NS, ...STANDARD, guid: guid(folder, story.id), version: 1, 'xml:lang': 'zh' },
      el('catalogRef', { href: CATALOG }),
      itemMeta(ITEM_CLASS(story.kind), issue),
      el(
        'contentMeta',
        {},
        date ? el('contentCreated', {}, date) : null,
        ...story.contributors.map((c) => el('creator', { literal: c.name }, el('name', {}, c.name))),
        el('language', { tag: 'zh' }),
        GENRE[story.kind] ? el('genre', { qcode: GENRE[story.kind]! }) : null,
        ...story.tags.map((t) => el('subject', { literal: t }, el('name', {}, t))),
        story.kicker ? el('headline', { role: 'hlrole:kicker' }, story.kicker) : null,
        el('headline', {}, story.headline ?? ''),
        story.subheadline ? el('headline', { role: 'hlrole:sub' }, story.subheadline) : null,
        story.byline ? el('by', {}, story.byline) : null,
        // A picture's caption (the image is not in the archive; its caption and credit are).
        story.kind === 'photo' && story.paragraphs.length ? el('description', { role: 'drol:caption' }, story.paragraphs.join('\n')) : null,
      ),
      el(
        'contentSet',
        {},
        el(
          'inlineXML',
          { contenttype: 'application/xhtml+xml' },
          el(
            'html',
            { xmlns: XHTML_NS },
            el('head', {}, el('title', {}, story.headline ?? '')),
            el('body', {}, story.headline ? el('h1', {}, story.headline) : null, ...story.paragraphs.map((p) => el('p', {}, p))),
          ),
        ),
      ),
    ),
  );
}

export const writeNewsml: FormatWriter = (issue, folder) => {
  const stories = collectStories(issue);
  const items: ExportFile[] = [];
  const refs: XmlElement[] = [];
  stories.forEach((story, i) => {
    const href = `items/${numberedName(i + 1, story.headline, story.kind)}.xml`;
    items.push({ path: `newsml/${href}`, bytes: utf8(newsItemDocument(issue, folder, story)) });
    refs.push(
      el(
        'itemRef',
        { residref: guid(folder, story.id), version: 1, href, contenttype: 'application/vnd.iptc.g2.newsitem+xml' },
        el('itemClass', { qcode: ITEM_CLASS(story.kind) }),
        el('title', {}, story.headline ?? ''),
      ),
    );
  });
  const title = issueTitle(issue.publication.title, issue.issue.date, issue.issue.issueNumber);
  const message = xmlDocument(
    el(
      'newsMessage',
      { xmlns: G2_NS },
      el('header', {}, el('sent', {}, issue.exportedAt)),
      el(
        'itemSet',
        {},
        el(
          'packageItem',
          { ...STANDARD, guid: guid(folder, 'issue'), version: 1, 'xml:lang': 'zh' },
          el('catalogRef', { href: CATALOG }),
          itemMeta('ninat:composite', issue),
          el('contentMeta', {}, issue.issue.date ? el('contentCreated', {}, issue.issue.date) : null, el('headline', {}, title)),
          el('groupSet', { root: 'G1' }, el('group', { id: 'G1', role: 'group:main' }, ...refs)),
        ),
      ),
    ),
  );
  return [{ path: 'newsml/newsMessage.xml', bytes: utf8(message) }, ...items];
};
