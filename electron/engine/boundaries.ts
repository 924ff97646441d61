// Finds where items start, on the classified non-blank lines below the masthead.
//
// Anchors, strongest first:
//  1. a body opening with a dateline byline ("本报讯 …"), a byline line under titles, or a
//     continuation note ("(上接第一版)"): the item starts at the title run just above it;
//  2. a photo credit: the photo starts at the caption paragraph above the credit;
//  3. a run of title lines after a closed paragraph: an unsigned article, a brief, an ad.
import type { RulePack } from './rules/rule-pack.ts';
import { isLooseTitle, type ClassifiedLine } from './line-class.ts';

/** Display lines above a body: kicker, headline, subheadline, series and its "——" line. */
const MAX_TITLE_LINES = 5;
/** "遗失声明", "关于…的公告": a notice heading opens an item even right under ad copy. */
const NOTICE_TITLE_MAX = 30;

/** On a page that indents paragraphs, a short line indented like them is a paragraph, not a title. */
const MAX_PARAGRAPH_INDENT = 4;

export interface BoundaryOptions {
  /** The page indents its paragraphs (see segment.ts). */
  indentMode?: boolean;
  /** Offsets where the source format (ALTO/hOCR/PAGE) put a block boundary. */
  blockBoundaries?: readonly number[];
}

/** Indices into `lines` where an item starts, ascending; `from` is the first line after the masthead. */
export function findItemStarts(lines: ClassifiedLine[], from: number, pack: RulePack, options: BoundaryOptions = {}): number[] {
  const starts = new Set<number>();
  if (from < lines.length) starts.add(from);
  const blockStarts = new Set(options.blockBoundaries ?? []);

  // The header above an anchor: title lines, and loose titles (long subtitles) below a real one.
  const titleRunStart = (i: number): number => {
    let j = i;
    while (j - 1 >= from && i - (j - 1) <= MAX_TITLE_LINES && (isHeaderLine(lines[j - 1]!, pack) || isLooseTitle(lines[j - 1]!))) j--;
    while (j < i && !isHeaderLine(lines[j]!, pack)) j++;
    return j;
  };
  const paragraphStart = (i: number): number => {
    let j = i;
    while (j > from && lines[j]!.continuesPrevious && !lines[j]!.leadingByline) j--;
    return j;
  };

  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.leadingByline || (line.jump?.direction === 'from' && line.jump.start === 0)) {
      starts.add(titleRunStart(i));
    } else if (line.role === 'byline') {
      // A byline under titles opens an article; a byline under a closed paragraph signs the one above.
      const top = titleRunStart(i);
      if (top < i) starts.add(top);
    } else if (line.role === 'photo-credit' || line.tailPhotoCredit) {
      const captionEnd = line.role === 'photo-credit' ? i - 1 : i;
      if (captionEnd >= from && lines[captionEnd]!.role === 'body') starts.add(titleRunStart(paragraphStart(captionEnd)));
      else if (line.role === 'photo-credit') starts.add(i);
    } else if (line.role === 'title' && !pack.isEnumeration(line.folded) && !indentedLikeParagraph(line, options)) {
      const afterAnItem = i - 1 >= from && !line.continuesPrevious && closesAnItem(lines, i - 1, pack);
      const noticeTitle = pack.isNoticeTitle(line.folded) && line.folded.length <= NOTICE_TITLE_MAX;
      if (afterAnItem || noticeTitle || blockStarts.has(line.start)) starts.add(i);
    }
  }
  const sorted = [...starts].sort((a, b) => a - b);
  // Lines that only sign the item above ("云溪日报社" / "2023年3月14日") never make an item of their own.
  return sorted.filter((s, k) => {
    const end = sorted[k + 1] ?? lines.length;
    return s === from || !lines.slice(s, end).every((l) => l.role === 'title' && pack.isSignature(l.folded));
  });
}

function indentedLikeParagraph(line: ClassifiedLine, options: BoundaryOptions): boolean {
  return options.indentMode === true && line.indent > 0 && line.indent <= MAX_PARAGRAPH_INDENT;
}

/** Whether line k can be the last line of an item: a closed paragraph, a credit, a jump note, a signature. */
function closesAnItem(lines: ClassifiedLine[], k: number, pack: RulePack): boolean {
  const line = lines[k]!;
  switch (line.role) {
    case 'title':
      // A notice's signature ("江城晚报社" / "2024年9月27日") closes it.
      return pack.isDateLine(line.folded);
    case 'byline': {
      // "（记者 张三）" under a paragraph signs it; under titles it opens the next article.
      const before = lines[k - 1];
      return before !== undefined && before.role === 'body';
    }
    case 'body':
      return line.closes;
    default:
      return true;
  }
}

/** Lines that can stand in an item's header above its body. */
function isHeaderLine(line: ClassifiedLine, pack: RulePack): boolean {
  return line.role === 'title' && !pack.isEnumeration(line.folded);
}
