// Stories: the unit of the news formats (NITF, NewsML, txt). A story is one news item, or the
// parts of one carried across pages by jump lines (items sharing a storyId), in page order.
import type { Contributor } from '../../shared/segmentation.ts';
import type { ExportItem, ExportPage, IssueExport } from '../../shared/export.ts';

/**
 * Kinds exported as documents of the news formats (NITF, NewsML, txt): every item kind but the
 * masthead, whose facts are the issue's own metadata in each format (NITF pubdata, the NewsML
 * package, the txt folder name). Each format maps the kind to its vocabulary (nitf.ts, newsml.ts).
 */
export const STORY_KINDS = ['article', 'editorial', 'brief', 'photo', 'advertisement', 'notice'] as const;

export interface StoryPart {
  item: ExportItem;
  page: ExportPage;
}

export interface Story {
  id: number;
  kind: ExportItem['kind'];
  kicker: string | null;
  headline: string | null;
  subheadline: string | null;
  series: string | null;
  byline: string | null;
  contributors: Contributor[];
  tags: string[];
  paragraphs: string[];
  parts: StoryPart[];
}

const firstOf = <T>(parts: StoryPart[], pick: (i: ExportItem) => T | null): T | null => {
  for (const p of parts) {
    const v = pick(p.item);
    if (v !== null && v !== '') return v;
  }
  return null;
};

export function collectStories(issue: IssueExport): Story[] {
  const byId = new Map<number, StoryPart[]>();
  for (const page of issue.pages) {
    for (const item of page.items) {
      if (!(STORY_KINDS as readonly string[]).includes(item.kind)) continue;
      const key = item.storyId ?? item.id;
      const parts = byId.get(key) ?? [];
      parts.push({ item, page });
      byId.set(key, parts);
    }
  }
  return [...byId.entries()].map(([id, parts]) => {
    const contributors = new Map<string, Contributor>();
    for (const p of parts) for (const c of p.item.contributors) contributors.set(`${c.role}\u0000${c.name}`, c);
    return {
      id,
      kind: parts[0]!.item.kind,
      kicker: firstOf(parts, (i) => i.kicker),
      headline: firstOf(parts, (i) => i.headline),
      subheadline: firstOf(parts, (i) => i.subheadline),
      series: firstOf(parts, (i) => i.series),
      byline: firstOf(parts, (i) => i.byline),
      contributors: [...contributors.values()],
      tags: [...new Set(parts.flatMap((p) => p.item.tags))],
      paragraphs: parts.flatMap((p) => p.item.paragraphs),
      parts,
    };
  });
}

/** Chinese job titles for bylines (NITF byttl), as a newspaper prints them. */
export const ROLE_TITLES: Record<Contributor['role'], string> = {
  reporter: '记者',
  'trainee-reporter': '见习记者',
  correspondent: '通讯员',
  photographer: '摄影',
  commentator: '评论员',
  editor: '编辑',
  author: '作者',
  agency: '通讯社',
};
