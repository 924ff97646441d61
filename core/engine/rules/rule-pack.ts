// A rule pack holds everything the engine knows about one family of papers and its language:
// punctuation, byline and credit forms, masthead facts, jump lines, labels. The engine itself only
// knows the layout logic (title runs above bodies, credits below captions, …), so a paper with
// other habits, or another language, is a new pack rather than edits all over the engine.
import type { ContributorRole, Masthead } from '../../../shared/segmentation.ts';

export interface ParsedByline {
  /** The byline as printed, e.g. "本报讯 (记者 彭斌)". */
  text: string;
  contributors: { name: string; role: ContributorRole }[];
}

export interface JumpLine {
  direction: 'to' | 'from';
  page: number;
  /** Offsets of the jump text inside the line it was found in. */
  start: number;
  end: number;
}

export interface RulePack {
  readonly id: string;
  readonly language: string;

  /**
   * Maps a line to the form the pack's patterns are written for (e.g. traditional → simplified
   * Chinese). Must keep the length, character for character, so offsets stay valid.
   */
  fold(line: string): string;

  /** Characters that may end a paragraph (a line ending in one of them is not broken by OCR). */
  isClosingChar(ch: string): boolean;
  /** Characters that mark running prose inside a line (commas, semicolons): titles don't carry them. */
  hasClauseMark(line: string): boolean;
  /** Longest display line the pack accepts as a title (kicker, headline, subheadline, series). */
  readonly maxTitleLength: number;

  /** A line that opens a list or a section inside a body (一、 （二） 1. ■探访): never an item start by itself. */
  isEnumeration(line: string): boolean;
  /** "□ 沈家禾" under an essay's title: the writer, signed with a bullet and no role word. */
  bulletSignature(line: string): ParsedByline | null;
  /** A line of a table printed inside an article (a "表：" caption, or a row of figures). */
  isTableLine(line: string): boolean;
  /** An editor's note ("编者按：…") printed above an article's titles: it belongs to that article. */
  isEditorsNote(line: string): boolean;
  /** A byline OCR glued to the end of a display line; where it starts in the line. */
  trailingByline(line: string): (ParsedByline & { start: number }) | null;
  /** A letter's salutation ("编辑同志："): the first paragraph of the letter, not a title. */
  isSalutation(line: string): boolean;
  /** The typical opening of a news lead ("7月8日，…", "“…"): the line above it ends a subtitle, not a sentence. */
  isLeadOpening(line: string): boolean;
  /** A line that is a subtitle marker continuation (e.g. starts with "——"). */
  isDashSubtitle(line: string): boolean;
  /** A line that labels the kicker role by its form (e.g. ends with a colon). */
  isKickerLabel(line: string): boolean;
  /** A first display line this short is a column label or kicker above the headline ("经济观察", "短评"). */
  readonly maxLabelLength: number;
  /** A line made of two parallel phrases of equal length: printed as a kicker above a headline. */
  isCouplet(line: string): boolean;
  /** Column or series banner words ("本地简讯", "系列报道之三"). */
  isColumnHeader(line: string): boolean;
  isSeriesBanner(line: string): boolean;
  /** A title or label that marks commentary ("短评", "社论"). */
  isEditorialLabel(line: string): boolean;
  /** Words of an advertisement or a public notice. */
  advertisementScore(text: string): number;
  isNoticeTitle(line: string): boolean;
  /** A line that signs a notice or letter (issuer, date): it ends the item above, never starts one. */
  isSignature(line: string): boolean;
  /** A line that is nothing but a date (the last line of a signature). */
  isDateLine(line: string): boolean;
  /**
   * OCR debris alone on a line (a stray character, "aa", "86", characters scattered one or two to a
   * group as OCR reads a photo or a banner: "生 产", "阳   市   生"): it may sit between two items but
   * never opens one, so the decoder starts the item at the line below it.
   */
  isDebris(line: string): boolean;
  /**
   * A line that leaves a bracket open where it stops ("（执笔：王", "(作者为"): the line below goes
   * on inside the bracket, so it opens no item.
   */
  leavesBracketOpen(line: string): boolean;
  /**
   * Running text, never a title: a sentence ends inside the line ("…健康。她把…"), or the line stops
   * on a comma ("购买食材、测量体温、"), as an OCR line running two columns' text together does, or
   * a lead clause opens it ("日前，…", "目前，…", "与此同时，…").
   */
  isRunningText(line: string): boolean;
  /**
   * A production credit ("版式设计：X", "制图：X", "责任编辑：X", "本版制图：X") or the editors' sign-off under an
   * editor's note ("——编者", "编者" when OCR drops the dash): page furniture or an item's last line,
   * never its first, never a title.
   */
  isProductionCredit(line: string): boolean;

  /** A byline opening the first paragraph ("本报讯 (记者 X)", "新华社北京2月27日电（记者 Y）"), with where it ends in the line. */
  leadingByline(line: string): (ParsedByline & { end: number }) | null;
  /**
   * Names alone on a line ("韩远志", "王 伟"), read as the authors when the line-role model says
   * the line is a byline; never a byline by its form alone (a short title looks the same).
   */
  bareByline(line: string): ParsedByline | null;
  /**
   * A sign-off in brackets that names its writers with no role word ("（倪光辉）", "（倪光辉、刘侃）",
   * "（执笔：董  涛）"), read as the authors when the line-role model says the line is a credit; never
   * a credit by its form alone ("（节选）", "（上海）" are not names, and the check cannot tell every case).
   */
  bracketedSignature(line: string): ParsedByline | null;
  /** Whether a token read as a name is a person's name as the language writes one (李四, 欧阳明; not 发展, 节选, 上海). */
  isPersonName(name: string): boolean;
  /** A whole line that is a byline ("■本报记者 X", "记者 X 报道", "文/张三"). */
  standaloneByline(line: string): ParsedByline | null;
  /** A whole line or a line's tail that credits a photo ("■见习记者 王皓永 摄"); start of the credit in the line. */
  photoCredit(line: string): (ParsedByline & { start: number }) | null;
  /** A wire credit closing an article ("(新华社北京2月27日电)"); start of the credit in the line. */
  endCredit(line: string): (ParsedByline & { start: number }) | null;
  /** A jump line or a jump note at a line's end/start ("(下转第六版)", "（上接第1版）"). */
  jumpLine(line: string): JumpLine | null;

  /** Whether a line belongs to a masthead or running head (title, date, issue number, 第2版…). */
  mastheadSignal(line: string, positionFromTop: number): number;
  /** Facts of a masthead block given its lines. */
  mastheadFacts(lines: string[]): Masthead;
  /** Editors named in a running head ("责任编辑 李明"). */
  runningHeadEditors(line: string): ParsedByline | null;
  /** A line naming who attended or presided, printed under a headline ("刘鹤出席并讲话"): a subheadline. */
  isAttendanceLine(line: string): boolean;
  /** A phrase naming the occasion, printed over the headline it leads into ("就中朝建交70周年"): a kicker. */
  isOccasionLeadIn(line: string): boolean;
  /** A place alone on a line over a headline ("重庆忠县", "福建武平县尧禄村"): a kicker. */
  isPlaceName(line: string): boolean;
}
