// nitf: one NITF 3.6 document per story (article, editorial, brief).
// Element order follows the NITF 3.6 schema: head(title, docdata, pubdata), body(body.head,
// body.content); body.head(hedline, byline, dateline).
import { numberedName } from '../names.ts';
import { collectStories, ROLE_TITLES, type Story } from '../stories.ts';
import { el, xmlDocument, type XmlElement } from '../xml.ts';
import type { IssueExport } from '../../../shared/export.ts';
import { nitfDate } from './dates.ts';
import { utf8, type FormatWriter } from './types.ts';

export const NITF_NS = 'http://iptc.org/std/NITF/2006-10-18/';

function byline(story: Story): XmlElement | null {
  if (story.contributors.length) {
    // person then byttl, as NITF pairs a name with its title.
    return el('byline', {}, ...story.contributors.flatMap((c) => [el('person', {}, c.name), el('byttl', {}, ROLE_TITLES[c.role])]));
  }
  return story.byline ? el('byline', {}, story.byline) : null;
}

/** NITF tobject.type for each kind (NITF 3.6 recommended values), with a property naming the kind. */
const TOBJECT_TYPE: Record<Story['kind'], string> = {
  masthead: 'data',
  article: 'news',
  brief: 'news',
  editorial: 'editorial',
  photo: 'news',
  advertisement: 'advertisement',
  notice: 'data',
};

/** A photo: the picture itself is not in the archive, so an image media element carries its caption and credit. */
function photoMedia(story: Story): XmlElement {
  const producer = story.contributors.find((c) => c.role === 'photographer') ?? story.contributors[0];
  return el(
    'media',
    { 'media-type': 'image' },
    el('media-reference', { 'mime-type': 'image/jpeg', 'alternate-text': story.paragraphs.join(' ') || story.headline || '' }),
    ...story.paragraphs.map((p) => el('media-caption', {}, p)),
    producer ? el('media-producer', {}, producer.name) : story.byline ? el('media-producer', {}, story.byline) : null,
  );
}

export function nitfDocument(issue: IssueExport, folder: string, story: Story): string {
  const date = issue.issue.date;
  const pages = [...new Set(story.parts.map((p) => p.page.pageNumber).filter((n) => n !== null))];
  return xmlDocument(
    el(
      'nitf',
      { xmlns: NITF_NS, version: '-//IPTC//DTD NITF 3.6//EN', 'change.date': 'October 18, 2006', 'change.time': '19:30', baselang: 'zh-CN' },
      el(
        'head',
        {},
        el('title', {}, story.headline ?? ''),
        el('tobject', { 'tobject.type': TOBJECT_TYPE[story.kind] }, el('tobject.property', { 'tobject.property.type': story.kind })),
        el(
          'docdata',
          {},
          el('doc-id', { 'id-string': `${folder}_${story.id}` }),
          date ? el('date.issue', { norm: nitfDate(date) }) : null,
          story.tags.length ? el('key-list', {}, ...story.tags.map((t) => el('keyword', { key: t }))) : null,
        ),
        el('pubdata', {
          type: 'print',
          name: issue.publication.title,
          'date.publication': date ? nitfDate(date) : null,
          issue: issue.issue.issueNumber,
          'position.sequence': pages[0] ?? null,
        }),
      ),
      el(
        'body',
        {},
        el(
          'body.head',
          {},
          el(
            'hedline',
            {},
            el('hl1', {}, story.headline ?? ''),
            story.subheadline ? el('hl2', {}, story.subheadline) : null,
            story.kicker ? el('hl2', { class: 'kicker' }, story.kicker) : null,
          ),
          byline(story),
          date ? el('dateline', {}, el('story.date', { norm: nitfDate(date) }, date)) : null,
        ),
        el('body.content', {}, ...(story.kind === 'photo' ? [photoMedia(story)] : story.paragraphs.map((p) => el('p', {}, p)))),
      ),
    ),
  );
}

export const writeNitf: FormatWriter = (issue, folder) =>
  collectStories(issue).map((story, i) => ({
    path: `nitf/${numberedName(i + 1, story.headline, story.kind)}.xml`,
    bytes: utf8(nitfDocument(issue, folder, story)),
  }));
