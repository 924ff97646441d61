// Tolerance for what Tesseract really makes of Chinese page furniture: byline brackets read as
// book-title marks ("《记者 X》", "电《〈记者"), bullets read as characters ("国 本报记者 X",
// "国本报记者 X", "口 沈家禾"), the dash of a subtitle or a kicker read as "-一" or "一一", the digit 1
// read as "]" in dates and page references ("]月24日", "(上接第]版)"), and the bracket of a photo
// credit's source misread ("某某摄 《影像中国)", "某某摄 〈(人民视觉"). Length-preserving, like the fold
// it runs after, so offsets in the repaired line stay offsets in the printed line. Only forms that
// cannot be prose are repaired: every pattern is anchored to furniture (a role word, a line edge, a
// date or page unit, a photo agency).

/** Cheap gate: a line without one of these characters has nothing to repair. */
const GATE = /[《〈<国于口\-－\]]|^\s*一一|一一$|[上下][接转]第|片报道\s*$|^\s*全|^\s*[\u4e00-\u9fff]报讯/;
/** Role words a byline opens with, after its bracket or bullet. */
const ROLE = '(?:本报|特约|见习|实习|首席|融媒体?|全媒体)?(?:记者|通讯员|评论员|摄影)';
/** "《记者 张三》" / "本报讯《记者 张三 通讯员 李四》…": a misread byline bracket. */
const BOOK_BYLINE = new RegExp(`[《〈](\\s*${ROLE}[^《〈》〉（）()]{1,40}?)[》〉)）]`, 'g');
/**
 * An opening byline bracket left open by a wrap, at the line's start or after the dateline's 电:
 * "《记者" / "本报北京10月7日电《〈记者" (one or two marks; the second becomes a space before "（").
 */
const BOOK_OPEN = new RegExp(`(^\\s*|电\\s*)([《〈<]{1,2})(?=\\s*${ROLE})`);
/** "国 本报记者 X" / "于 记者 X": a bullet ■ read as a character, followed by a space and a role word. */
const BULLET_AS_CHAR = new RegExp(`^([国于口])(\\s+)(?=${ROLE}|[\\u4e00-\\u9fff·]{2,4}$)`);
/**
 * "国本报记者 李红玉" / "国本报评论员" / "国见习记者 王皓永 摄": the bullet read as a character with no
 * space after it, before a role word and a line of names (no punctuation but the stray quotes OCR
 * leaves between spaced names), which prose never is. After a paper's or an agency's role word
 * ("本报记者") that is enough; after a bare one ("见习记者", "评论员") the names must also stand
 * apart by a space or close with 摄, as a credit's do: "于记者节当天举行" is prose. However many
 * spaces OCR leaves after the line (the rest of a column it read as blank).
 */
const GLUED_PAPER_ROLE = /^([国于口])(?=(?:本报|晚报|新华社|中新社|特约)(?:见习|实习|首席)?(?:记者|通讯员|评论员|摄影记者)[\s\u4e00-\u9fff·、"“”'‘’]{0,24}\s*$)/;
const GLUED_BARE_ROLE = /^([国于口])(?=(?:见习|实习|首席|特约|摄影)?(?:记者|通讯员|评论员)(?=[\s"“”'‘’]|.*摄\s*$)[\s\u4e00-\u9fff·、"“”'‘’]{1,24}\s*$)/;
/** "-一全面贯彻…" / "－一…" / "一一热烈庆祝…": the subtitle dash "——" read as a hyphen or as two numerals one. */
const DASH_START = /^(\s*)(?:[-－]一|一一(?=[^一\s]))/;
/** "天津滨海新区一一" / "某某强调一一": a kicker's or a crosshead's closing dash read as two numerals one. */
const DASH_END = /([\u4e00-\u9fff”"」）)])一一$/;
/** "]月24日" / "1]月" / "10月]日" / "第]版": the digit 1 read as a square bracket beside a date or page unit. */
const BRACKET_ONE = /(?<=^|[\s\d年月第（(，,。：:、）)])\](?=\d?\s*[月日号版])|(?<=\d)\](?=\d)/g;
/** "(上接第一且)" / "(上接第1且)": 版 of a jump line read as 且 (twice on 59 OCR pages, never prose: it needs the bracket). */
const JUMP_BAN = /([（(]\s*(?:上接|下转|接|转)\s*第\s*[一二三四五六七八九十\d\]]{1,3}\s*)且/;
/** "到片报道" / "辐片报道": the photo banner 图片报道 with its first character misread, alone on its line. */
const PHOTO_BANNER = /^(\s*)[\u4e00-\u9fff](?=片报道\s*$)/;
/**
 * "全10月12日，…": the ▲ that opens a photo caption read as 全 (every ▲ caption of the annotated pages in
 * real OCR, 4 of 4); prose never puts 全 straight before a date.
 */
const CAPTION_TRIANGLE = /^(\s*)全(?=\s*\d{1,2}\s*月\s*\d{1,2}\s*日)/;
/**
 * "未报讯（记者 X）" / "林报讯 (记者 X)": 本 of the dateline 本报讯 misread (3 of 96 on the annotated pages in
 * real OCR), before a bracketed role word, which no other line opens with.
 */
const DATELINE_BEN = new RegExp(`^(\\s*)[\\u4e00-\\u9fff](?=报讯\\s*[（(《〈<]\\s*${ROLE})`);
/** Photo agencies printed in brackets after a credit. */
const PHOTO_AGENCY = '(?:人民视觉|影像中国|视觉中国|人民图片)';
/** "摄 《影像中国)" / "摄 〈(人民视觉": the opening bracket of the credit's source misread (one or two marks). */
const SOURCE_OPEN = new RegExp(`([《〈<][（(]?|[《〈<]?[（(]{2})(?=${PHOTO_AGENCY}[）)》〉]?\\s*$)`);

/** The bullet a misread character stood for: 口 is □, 国 and 于 are ■. */
const asBullet = (ch: string): string => (ch === '口' ? '□' : '■');

export function repairOcr(line: string): string {
  if (!GATE.test(line)) return line;
  let s = line.replace(BOOK_BYLINE, (_m, inner: string) => `（${inner}）`);
  s = s.replace(BOOK_OPEN, (_m, lead: string, marks: string) => `${lead}${' '.repeat(marks.length - 1)}（`);
  s = s.replace(BULLET_AS_CHAR, (_m, ch: string, space: string) => `${asBullet(ch)}${space}`);
  s = s.replace(GLUED_PAPER_ROLE, asBullet).replace(GLUED_BARE_ROLE, asBullet);
  s = s.replace(DASH_START, '$1——').replace(DASH_END, '$1——');
  s = s.replace(JUMP_BAN, '$1版');
  s = s.replace(PHOTO_BANNER, '$1图');
  s = s.replace(CAPTION_TRIANGLE, '$1▲');
  s = s.replace(DATELINE_BEN, '$1本');
  if (s.includes(']')) s = s.replace(BRACKET_ONE, '1');
  s = s.replace(SOURCE_OPEN, (marks: string) => `${' '.repeat(marks.length - 1)}（`);
  return s;
}
