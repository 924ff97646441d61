// Gives every non-blank line its role in the page's layout. Done once per page; the boundary
// finder and the item deriver both read these classes instead of matching patterns again.
import type { JumpLine, ParsedByline, RulePack } from './rules/rule-pack.ts';
import type { Line } from './lines.ts';

export type LineRole =
  | 'title' //        short display line without running prose: kicker, headline, subheadline, series, ad copy
  | 'byline' //       a whole line naming contributors ("■本报记者 X", "文/张三")
  | 'photo-credit' // a whole line crediting a photo ("■见习记者 王皓永 摄")
  | 'end-credit' //   a whole line crediting a wire ("(新华社北京2月27日电)")
  | 'jump' //         a whole line that is a jump note ("(下转第六版)")
  | 'body'; //        running text

export interface ClassifiedLine extends Line {
  role: LineRole;
  /** Ends with punctuation that may close a paragraph (or is not running text at all). */
  closes: boolean;
  /** A byline opening this line's text ("本报讯 (记者 彭斌) …"). */
  leadingByline: (ParsedByline & { end: number }) | null;
  /** A byline for the whole line (role byline), or the credit (photo-credit/end-credit). */
  credit: ParsedByline | null;
  /** A photo credit closing this body line ("…井然有序。(本报记者 王五 摄)"), offset within the trimmed line. */
  tailPhotoCredit: (ParsedByline & { start: number }) | null;
  jump: JumpLine | null;
  /** Continues the paragraph of the line above (set once the page layout is known; see continuation.ts). */
  continuesPrevious: boolean;
}

/**
 * Patterns match on the folded line, so parsed names come out simplified; the fold keeps offsets,
 * so each name is read back from the same place in the line as printed (traditional stays traditional).
 */
export function unfoldNames<T extends ParsedByline>(byline: T | null, line: Line): T | null {
  if (!byline || line.folded === line.text.slice(line.indent).trimEnd()) return byline;
  const printed = line.text.slice(line.indent).trimEnd();
  return {
    ...byline,
    contributors: byline.contributors.map((c) => {
      const at = line.folded.indexOf(c.name);
      return at < 0 ? c : { ...c, name: printed.slice(at, at + c.name.length) };
    }),
  };
}

/**
 * A copy of a classified line, every field written out: an object spread (`{ ...line, role }`)
 * builds its object property by property and cost a third of the engine's time (issue 15's
 * profile); a literal of fixed fields is one allocation of one shape, which the later reads of
 * every line also stay fast on.
 */
export function copyLine(line: ClassifiedLine): ClassifiedLine {
  return {
    index: line.index,
    start: line.start,
    end: line.end,
    text: line.text,
    folded: line.folded,
    indent: line.indent,
    blank: line.blank,
    role: line.role,
    closes: line.closes,
    leadingByline: line.leadingByline,
    credit: line.credit,
    tailPhotoCredit: line.tailPhotoCredit,
    jump: line.jump,
    continuesPrevious: line.continuesPrevious,
  };
}

export function classifyLine(line: Line, pack: RulePack): ClassifiedLine {
  const classified = classifyFolded(line, pack);
  if (line.folded === line.text.slice(line.indent).trimEnd()) return classified;
  classified.credit = unfoldNames(classified.credit, line);
  classified.leadingByline = unfoldNames(classified.leadingByline, line);
  classified.tailPhotoCredit = unfoldNames(classified.tailPhotoCredit, line);
  return classified;
}

function classifyFolded(line: Line, pack: RulePack): ClassifiedLine {
  const text = line.folded;
  const jump = pack.jumpLine(text);
  const classified: ClassifiedLine = {
    index: line.index,
    start: line.start,
    end: line.end,
    text: line.text,
    folded: line.folded,
    indent: line.indent,
    blank: line.blank,
    role: 'body',
    closes: true,
    leadingByline: null,
    credit: null,
    tailPhotoCredit: null,
    jump,
    continuesPrevious: false,
  };
  if (jump && jump.start === 0 && jump.end >= text.length) {
    classified.role = 'jump';
    return classified;
  }
  const photo = pack.photoCredit(text);
  const endCredit = photo ? null : pack.endCredit(text);
  const credit = photo?.start === 0 ? photo : endCredit?.start === 0 ? endCredit : pack.standaloneByline(text);
  if (credit) {
    classified.role = photo?.start === 0 ? 'photo-credit' : endCredit?.start === 0 ? 'end-credit' : 'byline';
    classified.credit = credit;
    return classified;
  }
  const leadingByline = pack.leadingByline(text);
  // A jump note ("…数易其稿, (下转第六版)") ends the item here whatever the sentence does.
  const jumpsAway = jump !== null && jump.direction === 'to' && jump.end >= text.length;
  // Text after "(上接第一版)" is the body resuming, however short the line.
  const resumes = jump !== null && jump.direction === 'from' && jump.start === 0;
  // A date on its own line (under a notice, a letter) ends what it signs.
  classified.closes = jumpsAway || pack.isClosingChar(text.at(-1) ?? '') || pack.isDateLine(text);
  classified.role = !leadingByline && !resumes && !pack.isSalutation(text) && isTitleShaped(text, pack) ? 'title' : 'body';
  classified.leadingByline = leadingByline;
  classified.tailPhotoCredit = photo;
  return classified;
}

/**
 * A line that is not shaped like a title but can sit in a header between a title and a byline:
 * a long factual subtitle with commas, a question as headline ("…，怎么办？”").
 */
export function isLooseTitle(line: ClassifiedLine): boolean {
  return (
    line.role === 'body' &&
    !line.leadingByline &&
    !line.jump &&
    line.folded.length <= LOOSE_TITLE_MAX &&
    !/[。；;，,、]$/.test(line.folded)
  );
}
const LOOSE_TITLE_MAX = 60;

function isTitleShaped(text: string, pack: RulePack): boolean {
  if (text.length > pack.maxTitleLength) return false;
  // A "——" subtitle may run as a sentence with commas; other titles carry none.
  if (pack.hasClauseMark(text) && !(pack.isDashSubtitle(text) && !/[。]/.test(text))) return false;
  const last = text.at(-1) ?? '';
  // Titles may end with a quote, a bracket, a colon (kicker labels) or an exclamation; not with a full stop.
  return !pack.isClosingChar(last) || /[”’」』）)】〕》:：!！?？]/.test(last);
}
