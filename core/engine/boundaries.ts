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

/** Characters of body an article has above its first subheading (a brief is shorter). */
const MIN_ARTICLE_WITH_SUBHEADS = 150;
/** A briefs column goes on while its items stay this short. */
const MAX_BRIEF_BODY = 400;
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
  /** Starts found only by rule 3 (a title after a closed paragraph), with no anchor of their own. */
  const titleStarts = new Set<number>();

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
    } else if (line.role === 'title' && !pack.isEnumeration(line.folded) && !pack.isTableLine(line.folded) && !indentedLikeParagraph(line, options)) {
      const afterAnItem = i - 1 >= from && !line.continuesPrevious && closesAnItem(lines, i - 1, pack);
      const noticeTitle = pack.isNoticeTitle(line.folded) && line.folded.length <= NOTICE_TITLE_MAX;
      if (afterAnItem || noticeTitle || blockStarts.has(line.start)) {
        if (!starts.has(i) && !noticeTitle) titleStarts.add(i);
        // A notice headed by its issuer ("…征兵办公室" / "关于…的通告") starts at the issuer's line.
        const issuer = lines[i - 1];
        const top = noticeTitle && i - 1 > from && issuer!.role === 'title' && pack.isSignature(issuer!.folded) && !pack.isDateLine(issuer!.folded) ? i - 1 : i;
        starts.add(top);
      }
    }
  }
  for (const s of afterEditorsNotes(lines, [...starts].sort((a, b) => a - b), pack)) starts.delete(s);
  for (const s of inBodySubheads(lines, [...starts].sort((a, b) => a - b), titleStarts, from, pack)) starts.delete(s);
  const sorted = [...starts].sort((a, b) => a - b);
  // Lines that only sign the item above ("云溪日报社" / "2023年3月14日") never make an item of their own.
  return sorted.filter((s, k) => {
    const end = sorted[k + 1] ?? lines.length;
    return s === from || !lines.slice(s, end).every((l) => l.role === 'title' && pack.isSignature(l.folded));
  });
}

/**
 * A single unsigned display line between paragraphs of a signed article is a subheading inside it
 * ("腾笼换鸟 旧厂房引来新项目"), not a new article: the text under it carries no byline, credit or
 * jump note, and the item above it is signed. Two or more display lines (label + headline) still open an item.
 */
function inBodySubheads(lines: ClassifiedLine[], sorted: number[], titleStarts: Set<number>, from: number, pack: RulePack): number[] {
  const merged: number[] = [];
  let signedAbove = false;
  let bodyAbove = 0;
  let inColumn = false;
  sorted.forEach((s, k) => {
    const end = sorted[k + 1] ?? lines.length;
    const segment = lines.slice(s, end);
    const signed = segment.some(isSigned);
    const body = segment.reduce((n, l) => n + (l.role === 'body' ? l.folded.length : 0), 0);
    const singleLine = segment.length > 1 && segment[1]!.role === 'body';
    // Briefs under a column header may be unsigned; only a long signed article has subheadings.
    if (!inColumn && titleStarts.has(s) && s > from && signedAbove && bodyAbove >= MIN_ARTICLE_WITH_SUBHEADS && !signed && singleLine) {
      merged.push(s);
      bodyAbove += body;
      return; // the article above goes on: it stays signed
    }
    inColumn = pack.isColumnHeader(segment[0]!.folded) || (inColumn && body <= MAX_BRIEF_BODY);
    signedAbove = signed && !segment.some((l) => l.role === 'photo-credit' || l.tailPhotoCredit);
    bodyAbove = body;
  });
  return merged;
}

/** An editor's note ("编者按：…") opens the article whose titles follow it: the titles start no item of their own. */
function afterEditorsNotes(lines: ClassifiedLine[], sorted: number[], pack: RulePack): number[] {
  const dropped: number[] = [];
  sorted.forEach((s, k) => {
    const next = sorted[k + 1];
    if (next === undefined || !pack.isEditorsNote(lines[s]!.folded)) return;
    // The note runs until the next line that does not continue it.
    let end = s + 1;
    while (end < lines.length && lines[end]!.continuesPrevious && lines[end]!.role === 'body') end++;
    if (next === end) dropped.push(next);
  });
  return dropped;
}

function isSigned(line: ClassifiedLine): boolean {
  return line.leadingByline !== null || line.role === 'byline' || line.role === 'end-credit' || line.role === 'photo-credit' || line.tailPhotoCredit !== null || (line.jump !== null && line.jump.start === 0 && line.jump.direction === 'from');
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
