// markdown: a readable copy of the whole issue, page by page, every item but the masthead.
import { ROLE_TITLES } from '../stories.ts';
import type { ExportItem } from '../../../shared/export.ts';
import { issueTitle } from './dates.ts';
import { utf8, type FormatWriter } from './types.ts';

/** Escapes Markdown syntax so text from the page is shown as written, never as markup. */
export function mdEscape(s: string): string {
  return s
    .replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+=]|\d+[.)])/, '$1\\$2')
    .replace(/\n/g, ' ');
}

const KIND_LABEL: Record<ExportItem['kind'], string> = {
  masthead: 'Masthead',
  article: 'Article',
  editorial: 'Editorial',
  photo: 'Photo',
  brief: 'Brief',
  advertisement: 'Advertisement',
  notice: 'Notice',
};

function itemBlock(item: ExportItem): string[] {
  const out: string[] = [];
  out.push(`### ${item.headline ? mdEscape(item.headline) : `(${KIND_LABEL[item.kind]})`}`, '');
  if (item.kicker) out.push(`*${mdEscape(item.kicker)}*`, '');
  if (item.subheadline) out.push(`**${mdEscape(item.subheadline)}**`, '');
  const by = item.contributors.length
    ? item.contributors.map((c) => `${ROLE_TITLES[c.role]} ${mdEscape(c.name)}`).join(', ')
    : item.byline
      ? mdEscape(item.byline)
      : '';
  if (by) out.push(`*${by}*`, '');
  for (const p of item.paragraphs) out.push(mdEscape(p), '');
  const meta = [
    item.continuedFrom ? `continued from page ${item.continuedFrom}` : '',
    item.continuedOn ? `continued on page ${item.continuedOn}` : '',
    item.tags.length ? `tags: ${item.tags.map(mdEscape).join(', ')}` : '',
  ].filter(Boolean);
  if (meta.length) out.push(`> ${meta.join(' · ')}`, '');
  return out;
}

export const writeMarkdown: FormatWriter = (issue) => {
  const { publication: pub, issue: iss } = issue;
  const out = [`# ${mdEscape(issueTitle(pub.title, iss.date, iss.issueNumber))}`, ''];
  out.push(`State: ${iss.state} · exported ${mdEscape(issue.exportedAt)}`, '');
  for (const a of issue.approvals) out.push(`- ${a.action} by ${mdEscape(a.by)} (${a.role}), ${mdEscape(a.at)}${a.reason ? `: ${mdEscape(a.reason)}` : ''}`);
  if (issue.approvals.length) out.push('');
  issue.pages.forEach((page, i) => {
    out.push(`## Page ${page.pageNumber ?? i + 1}`, '');
    for (const item of page.items) if (item.kind !== 'masthead') out.push(...itemBlock(item));
  });
  return [{ path: 'markdown/issue.md', bytes: utf8(out.join('\n').replace(/\n+$/, '') + '\n') }];
};
