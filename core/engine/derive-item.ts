// Derives one item's fields (kind, titles, byline, contributors, paragraphs, continuation, flags)
// from the lines of its span. Used for the engine's own split points and for an editor's.
import type { Item, ItemKind } from '../../shared/segmentation.ts';
import type { ParsedByline, RulePack } from './rules/rule-pack.ts';
import { isLooseTitle, unfoldNames, type ClassifiedLine } from './line-class.ts';
import { joinParagraphs, type BodyPiece, type Paragraph } from './paragraphs.ts';
import { assignTitleRoles, titlesFromRoles } from './titles.ts';
import { uniqueContributors } from './contributors.ts';
import { pairingFlags, paragraphFlags } from './flags.ts';
import type { LineRole as ModelRole } from './model/line-roles.ts';
import { TITLE_ROLES } from './model/labels-space.ts';
import { emptyItem } from './empty-item.ts';

export interface ItemContext {
  pack: RulePack;
  text: string;
  /** The span is the page's masthead or running head. */
  masthead: boolean;
  /** The span is the first item below the masthead (top of a page). */
  firstContent: boolean;
  /** A kind chosen by an editor; derived when absent. */
  kind?: ItemKind | null;
  /** The line-role model's role for each line of the span: decides the header, title roles and kind. */
  roles?: readonly ModelRole[];
}

/** What the page-level pass needs to know beyond the item itself (briefs columns). */
export interface DerivedItem {
  item: Item;
  opensColumn: boolean;
  titleLineCount: number;
  bodyLength: number;
}

/** The trimmed original text of a line between two offsets relative to its first non-space character. */
const slice = (line: ClassifiedLine, from = 0, to?: number): string =>
  line.text.slice(line.indent).trimEnd().slice(from, to);

export function deriveItem(lines: ClassifiedLine[], start: number, end: number, ctx: ItemContext): DerivedItem {
  const { pack } = ctx;
  const item: Item = emptyItem(start, end);
  if (ctx.masthead) return deriveMasthead(lines, item, ctx);

  // Header: display lines, bylines and a continuation note above the body.
  const above: string[] = [];
  const belowByline: string[] = [];
  // The model's role of each title string, when the model segmented the page.
  const aboveRoles: ModelRole[] = [];
  const belowRoles: ModelRole[] = [];
  const roles = ctx.roles;
  const isHeaderTitle = (k: number): boolean =>
    roles ? TITLE_ROLES.has(roles[k]!) && lines[k]!.role !== 'byline' && lines[k]!.role !== 'jump' : lines[k]!.role === 'title' || (above.length > 0 && isLooseTitle(lines[k]!) && headerGoesOn(lines, k + 1));
  const bylines: ParsedByline[] = [];
  // An editor's note printed above the titles is the article's first paragraph.
  const noteLines = editorsNoteLength(lines, pack);
  let k = noteLines;
  for (; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.role === 'jump' && line.jump?.direction === 'from') item.continuedFrom = line.jump.page;
    else if (line.role === 'byline') bylines.push({ ...line.credit!, text: slice(line) });
    else if (line.role === 'title' && above.length > 0 && pack.bulletSignature(line.folded)) {
      bylines.push({ ...unfoldNames(pack.bulletSignature(line.folded), line)!, text: slice(line) });
    } else if (isHeaderTitle(k)) {
      // "…实现全覆盖 本报记者 孟凡超": a byline OCR glued to the headline's line.
      const glued = line.role === 'title' || roles ? unfoldNames(pack.trailingByline(line.folded), line) : null;
      if (glued) bylines.push({ ...glued, text: slice(line, glued.start).trim() });
      const below = bylines.length > 0 && !glued;
      (below ? belowByline : above).push(glued ? slice(line, 0, glued.start).trim() : slice(line));
      if (roles) (below ? belowRoles : aboveRoles).push(roles[k]!);
    } else break;
  }
  // Nothing but display lines: an ad, a notice or a title-only box. Keep its lines as its text —
  // unless the model read a headline there (a photo spread's titles over no text): titles, no paragraph.
  const decodedHeadline = roles !== undefined && roles[0] !== 'advertisement' && roles[0] !== 'notice' && [...aboveRoles, ...belowRoles].includes('headline');
  const titleOnly = k === lines.length && !decodedHeadline;

  const pieces: BodyPiece[] = [];
  let photoCredit = false;
  let leading: ParsedByline | null = null;
  let carried = 0; // characters of this line already read as the end of a dateline split over two lines
  const bodyLines = [...lines.slice(0, noteLines), ...lines.slice(titleOnly ? noteLines : k)];
  for (let n = 0; n < bodyLines.length; n++) {
    const line = bodyLines[n]!;
    const i = lines.indexOf(line);
    // OCR debris the model read as no part of the text ("图", "丨", "图 国"): never a paragraph.
    if (roles?.[i] === 'other') continue;
    const lineStart = line.start + line.indent;
    let from = carried;
    carried = 0;
    let to = line.folded.length;
    switch (line.role) {
      case 'jump':
        if (line.jump!.direction === 'to') item.continuedOn = line.jump!.page;
        else item.continuedFrom ??= line.jump!.page;
        continue;
      case 'photo-credit':
        photoCredit = true;
        bylines.push({ ...line.credit!, text: slice(line) });
        continue;
      case 'end-credit':
      case 'byline':
        bylines.push({ ...line.credit!, text: slice(line) });
        continue;
      default:
        break;
    }
    if (line.jump?.direction === 'to' && line.jump.end >= to) {
      item.continuedOn = line.jump.page;
      to = line.jump.start;
    } else if (line.jump?.direction === 'from' && line.jump.start === 0) {
      item.continuedFrom ??= line.jump.page;
      from = line.jump.end;
    }
    const leadIndex = noteLines > 0 && n === noteLines ? 0 : pieces.length;
    if (leadIndex === 0 && line.leadingByline) {
      const next = bodyLines[n + 1];
      const split = next ? splitDateline(line, next, pack) : null;
      if (split) {
        leading = { ...split.byline, text: `${slice(line, 0)} ${slice(next!, 0, split.nextChars)}`.replace(/^[■□◆●◎▲]\s*/, '').trim() };
        carried = split.nextChars;
        continue;
      }
      leading = { ...line.leadingByline, text: slice(line, 0, line.leadingByline.end).trim().replace(/^[■□◆●◎▲]\s*/, '') };
      from = Math.max(from, line.leadingByline.end);
    }
    const tailCredit =
      line.tailPhotoCredit ?? unfoldNames(pack.endCredit(line.folded.slice(0, to)) ?? tailByline(line.folded.slice(0, to), pack), line);
    if (tailCredit && tailCredit.start > from && i === lastBodyLine(lines, roles)) {
      if (line.tailPhotoCredit) photoCredit = true;
      bylines.push({ ...tailCredit, text: slice(line, tailCredit.start, to).trim() });
      to = tailCredit.start;
    }
    const own = slice(line, from, to);
    const lead = own.length - own.trimStart().length;
    const textPart = own.trim();
    // "《下转第四版）": what a jump leaves of its line is a stray bracket, not text.
    if (to < line.folded.length && !/[\p{L}\p{N}]/u.test(textPart)) continue;
    const opensParagraph = titleOnly || pieces.length === 0 || !line.continuesPrevious;
    pieces.push({ text: textPart, start: lineStart + from + lead, end: lineStart + from + lead + textPart.length, opensParagraph });
  }
  const paragraphs = joinParagraphs(pieces);
  cutSplitJumps(paragraphs, item, pack);
  item.paragraphs = paragraphs.map((p) => p.text);

  const titleRoles = titleOnly
    ? { kicker: null, headline: null, subheadline: null, series: null }
    : roles && (aboveRoles.includes('headline') || seriesOnly(aboveRoles))
      ? titlesFromRoles([...above, ...belowByline], [...aboveRoles, ...belowRoles], pack, above.length)
      : assignTitleRoles(above, belowByline, pack);
  Object.assign(item, titleRoles);
  const allBylines = leading ? [leading, ...bylines] : bylines;
  item.byline = allBylines.length ? allBylines.map((b) => b.text).join(' ') : null;
  item.contributors = uniqueContributors(allBylines.flatMap((b) => b.contributors));

  const bodyLength = paragraphs.reduce((n, p) => n + p.text.length, 0);
  item.kind = ctx.kind ?? kindByRole(roles) ?? decideKind({ item, pack, titleOnly, photoCredit, hasLeadingByline: leading !== null, above, bodyLength, decoded: roles !== undefined });
  if (item.kind === 'advertisement' || item.kind === 'notice') {
    if (titleOnly) item.headline = pack.isNoticeTitle(pack.fold(above[0] ?? '')) ? above[0]! : null;
  }

  const bodyStart = paragraphs[0]?.start ?? end;
  item.flags = [
    ...pairingFlags(ctx.text.slice(bodyStart, end), bodyStart),
    ...(item.kind === 'advertisement' || item.kind === 'notice' ? [] : paragraphFlags(paragraphs, item.continuedOn !== null, pack)),
  ];
  if (ctx.firstContent && !titleOnly && above.length === 0 && !leading && item.continuedFrom === null && item.kind === 'article' && paragraphs.length) {
    item.flags.unshift({
      code: 'orphan-continuation',
      message: 'Body text without a headline at the top of the page: it may continue an article from another page',
      start: paragraphs[0]!.start,
      end: paragraphs[0]!.end,
    });
  }
  return {
    item,
    opensColumn: titleRoles.series !== null && above.length > 1 && pack.isColumnHeader(pack.fold(above[0]!)),
    titleLineCount: above.length + belowByline.length,
    bodyLength,
  };
}

/**
 * Display lines the model read as a banner only ("图片报道" over a photo, a column's name over its
 * pieces): the item has no headline of its own, rather than its banner promoted to one.
 */
const seriesOnly = (roles: readonly ModelRole[]): boolean => roles.length > 0 && roles.every((r) => r === 'series');

/** A kind the decoded roles say outright: an item opened by an ad or notice line, or a captioned photo without body. */
function kindByRole(roles: readonly ModelRole[] | undefined): ItemKind | null {
  if (!roles?.length) return null;
  if (roles[0] === 'advertisement') return 'advertisement';
  if (roles[0] === 'notice') return 'notice';
  if (roles.includes('caption') && !roles.includes('body-start')) return 'photo';
  return null;
}

/** Lines at the top of the span that make an editor's note ("编者按：…"), or 0. */
function editorsNoteLength(lines: ClassifiedLine[], pack: RulePack): number {
  if (!lines[0] || lines[0].role !== 'body' || !pack.isEditorsNote(lines[0].folded)) return 0;
  let end = 1;
  while (end < lines.length && lines[end]!.role === 'body' && lines[end]!.continuesPrevious) end++;
  // Only a note above titles: a note with no titles under it is the body itself.
  return lines[end]?.role === 'title' ? end : 0;
}

/**
 * A dateline OCR split over two lines: "本报讯" / "（特约通讯员 伍丽华）11月…", or
 * "本报讯（记者 詹玉洁 通讯员" / "黄梓萌）…". Returns the byline read across both lines
 * and how many characters of the second line it took.
 */
function splitDateline(line: ClassifiedLine, next: ClassifiedLine, pack: RulePack): { byline: ParsedByline; nextChars: number } | null {
  const rest = line.folded.slice(line.leadingByline!.end).trim();
  if (rest !== '' && !/^[（(][^）)]*$/.test(rest)) return null;
  const joined = pack.leadingByline(`${line.folded} ${next.folded}`);
  const nextChars = joined ? joined.end - line.folded.length - 1 : 0;
  if (!joined || nextChars <= 0) return null;
  return { byline: joined, nextChars };
}

/** A signature in brackets closing the last paragraph: "…不再犯愁。(记者 潘悦)". */
function tailByline(text: string, pack: RulePack): (ParsedByline & { start: number }) | null {
  if (!/[）)]\s*$/.test(text)) return null;
  const open = Math.max(text.lastIndexOf('（'), text.lastIndexOf('('));
  if (open <= 0) return null;
  const byline = pack.standaloneByline(text.slice(open));
  return byline ? { ...byline, start: open } : null;
}

/**
 * A jump note OCR broke over two lines ("…行注目礼。(下转第3" / "版)") is found on no line alone; read
 * on the joined paragraph, it closes the last paragraph (or opens the first) and is no text of it.
 */
function cutSplitJumps(paragraphs: Paragraph[], item: Item, pack: RulePack): void {
  const last = paragraphs.at(-1);
  const tail = last && item.continuedOn === null ? pack.jumpLine(pack.fold(last.text)) : null;
  if (last && tail?.direction === 'to') {
    item.continuedOn = tail.page;
    last.text = last.text.slice(0, tail.start).trimEnd();
    if (!last.text) paragraphs.pop();
  }
  const first = paragraphs[0];
  const head = first && item.continuedFrom === null ? pack.jumpLine(pack.fold(first.text)) : null;
  if (first && head?.direction === 'from') {
    item.continuedFrom = head.page;
    first.text = first.text.slice(head.end).trimStart();
    if (!first.text) paragraphs.shift();
  }
}

/** Whether the header continues down to a byline (so a loose title above it belongs to the header). */
function headerGoesOn(lines: ClassifiedLine[], from: number): boolean {
  for (let m = from; m < lines.length; m++) {
    const line = lines[m]!;
    if (line.role === 'byline' || line.leadingByline || (line.jump?.direction === 'from' && line.jump.start === 0)) return true;
    if (line.role !== 'title' && !isLooseTitle(line)) return false;
  }
  return false;
}

function lastBodyLine(lines: ClassifiedLine[], roles?: readonly ModelRole[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if ((lines[i]!.role === 'body' || lines[i]!.role === 'title') && roles?.[i] !== 'other') return i;
  return -1;
}

interface KindEvidence {
  item: Item;
  pack: RulePack;
  titleOnly: boolean;
  photoCredit: boolean;
  hasLeadingByline: boolean;
  above: string[];
  bodyLength: number;
  /** The model decoded the item's lines: it has an advertisement role of its own (kindByRole). */
  decoded: boolean;
}

/** Thresholds: an ad is short copy with several ad words and nobody's byline. */
const AD_MAX_BODY = 400;
const AD_MIN_SCORE = 2;
const PHOTO_MAX_PARAGRAPHS = 2;

function decideKind(e: KindEvidence): ItemKind {
  const { item, pack } = e;
  const titles = [item.kicker, item.headline, item.subheadline, item.series].filter((t): t is string => t !== null);
  const folded = (s: string) => pack.fold(s);
  if (e.above.some((t) => pack.isNoticeTitle(folded(t)))) return 'notice';
  const signed = item.contributors.length > 0;
  if (e.photoCredit && !e.hasLeadingByline && item.paragraphs.length <= PHOTO_MAX_PARAGRAPHS) return 'photo';
  if (item.contributors.some((c) => c.role === 'commentator') || titles.some((t) => pack.isEditorialLabel(folded(t)))) return 'editorial';
  if (e.titleOnly) return 'advertisement';
  const allText = [...e.above, ...item.paragraphs].join('\n');
  // Ad words are the rule engine's evidence; where the model read a headline and paragraphs instead of
  // an ad, a report that mentions 电话 or 优惠 stays a report.
  if (!e.decoded && !signed && e.bodyLength <= AD_MAX_BODY && pack.advertisementScore(folded(allText)) >= AD_MIN_SCORE) return 'advertisement';
  return 'article';
}

function deriveMasthead(lines: ClassifiedLine[], item: Item, ctx: ItemContext): DerivedItem {
  item.kind = 'masthead';
  const editors = lines.map((l) => unfoldNames(ctx.pack.runningHeadEditors(l.folded), l)).filter((b): b is ParsedByline => b !== null);
  item.contributors = uniqueContributors(editors.flatMap((b) => b.contributors));
  item.byline = editors.length ? editors.map((b) => b.text).join(' ') : null;
  return { item, opensColumn: false, titleLineCount: 0, bodyLength: 0 };
}
