// txt: clean text per story (headline, subheadline, byline, then paragraphs), nothing else; a
// photo's file is its caption and credit.
import { numberedName } from '../names.ts';
import { collectStories } from '../stories.ts';
import { utf8, type FormatWriter } from './types.ts';

export const writeTxt: FormatWriter = (issue) =>
  collectStories(issue).map((story, i) => {
    const head = [story.kicker, story.headline, story.subheadline, story.byline].filter((s): s is string => !!s);
    const text = [...(head.length ? [head.join('\n')] : []), ...story.paragraphs].join('\n\n') + '\n';
    return { path: `txt/${numberedName(i + 1, story.headline, story.kind)}.txt`, bytes: utf8(text) };
  });
