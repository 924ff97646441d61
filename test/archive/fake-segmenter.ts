// A small stand-in for the engine in tests: blocks split at blank lines, the first line of a
// block is its headline, a masthead when the page opens with a title and a 年月日 date.
import type { Segmenter } from '../../electron/archive/sqlite-archive.ts';
import type { Item, Masthead, Segmentation } from '../../shared/segmentation.ts';

export const fakeSegment: Segmenter = (text): Segmentation => {
  let masthead: Masthead | null = null;
  const items: Item[] = [];
  const head = text.slice(0, 400);
  const date = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(head);
  const firstLine = text.split('\n').find((l) => l.trim())?.trim() ?? '';
  let mastheadEnd = 0;
  if (date && /日报|晚报|报$/.test(firstLine)) {
    const no = /第(\d+)号/.exec(head);
    masthead = {
      title: firstLine,
      titleLatin: null,
      date: `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}`,
      weekday: null,
      lunarDate: null,
      issueNumber: no ? Number(no[1]) : null,
      pageCount: null,
      serial: null,
      publisher: null,
      hotlines: [],
    };
    mastheadEnd = no ? no.index + no[0].length : date.index + date[0].length;
    items.push({
      kind: 'masthead', start: 0, end: mastheadEnd, kicker: null, headline: null, subheadline: null, series: null,
      byline: null, contributors: [], paragraphs: [], continuedOn: null, continuedFrom: null, flags: [],
    });
  }
  const re = /[^\n]+(?:\n[^\n]+)*/g;
  re.lastIndex = mastheadEnd;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lines = m[0].split('\n');
    if (/^第.{1,3}版/.test(lines[0]!.trim()) && lines.length === 1) continue; // running head
    const body = lines.slice(1);
    const on = /转第(\d+)版/.exec(m[0]);
    const from = /上接第(\d+)版/.exec(m[0]);
    const reporter = /记者\s*([\u4e00-\u9fff]{2,3})/.exec(m[0]);
    items.push({
      kind: 'article',
      start: m.index,
      end: m.index + m[0].length,
      kicker: null,
      headline: lines[0]!.trim(),
      subheadline: null,
      series: null,
      byline: reporter ? reporter[0] : null,
      contributors: reporter ? [{ name: reporter[1]!, role: 'reporter' }] : [],
      paragraphs: body.length ? body : [],
      continuedOn: on ? Number(on[1]) : null,
      continuedFrom: from ? Number(from[1]) : null,
      flags: [],
    });
  }
  return { schema: 'galley.segmentation/1', masthead, items };
};
