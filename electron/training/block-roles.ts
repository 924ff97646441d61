// The role of one crawled paragraph inside a text article, for the built corpus's line labels.
// Platform-free.
//
// The crawl gives an article's paragraphs as a flat list: in-article subheadings, reporters' names
// of a composite report, signatures, date lines, table rows and verse lines all come as short
// paragraphs. Session 6's error analysis found the builder labelling every short unpunctuated one a
// `crosshead`, so the model learnt "crosshead" for name lines and table rows and then read short
// real headlines as crossheads too. A crosshead is kept here for a display line only; the resources'
// gold convention decides the rest (resources/README.md, "Conventions"): a name or signature line is
// a credit (byline inside the article, credit at its end) and not a paragraph; a table row, list
// item or verse line is a paragraph of running text.
import * as F from './zh-furniture.ts';

export type BlockRole = 'body-start' | 'crosshead' | 'byline' | 'credit';

/** Words that introduce a name in a byline (本报记者, 新华社记者, 通讯员, 见习记者 …). */
const ROLE_WORDS = /(?:本报|新华社|人民日报社?|中新社|经济日报|光明日报)?(?:驻[\u4e00-\u9fff]{1,6})?(?:特约|见习|实习|首席|特派)?(?:记者|通讯员|评论员|实习生|撰稿人)/g;
/** A foreign author with nationality in brackets: （奥地利）赫伯特·芒. */
const FOREIGN_AUTHOR = /^[（(](?![一二三四五六七八九十]+[）)])[\u4e00-\u9fff]{1,8}[）)][\u4e00-\u9fff·•]{2,16}$/;
/** Column names made of a role word (■记者手记, 记者观察): display lines, not names. */
const ROLE_COLUMN = /(?:记者|评论员)(?:手记|观察|调查|札记|感言|走访|探访|体验|来信|视线|专访)/;
/** Production credits closing a page or an article: 版式设计：X, 本版摄影：X, （编辑 X）. */
const STAFF_CREDIT = /^[（(]?(?:版式设计|版面设计|本版编辑|责任编辑|编辑|制图|图表制作|本版摄影|本版供图|美编|校对|数据来源|资料来源|图片来源)[：:\s]/;
/** A signature's date: 2019年10月25日, 2020年1月28日于黄冈, 二〇一九年十月. */
const DATE_LINE = /^[（(]?(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?(?:于[\u4e00-\u9fff]{1,10})?[）)]?$/;
/** A line that ends in the middle of a sentence (a verse line, a broken sentence): never a display line. */
const MID_SENTENCE = /[，,、]$/;
/** Numbered table or figure captions are display lines (表8 …, 图1 …) even with digits in them. */
const TABLE_CAPTION = /^(?:附?表|图)\s*\d/;
/** key：value pairs side by side (书名:暗算  作者:麦家). */
const KEY_VALUES = /^[^：:\s]{1,6}[：:]\S+\s+[^：:\s]{1,6}[：:]\S/;
/** A time or date opening a programme row (10.25 大宁剧院, 10.19 18:00 …). */
const TIME_ROW = /^\d{1,2}[.:：/]\d{1,2}\s/;
const HAN = /^[\u4e00-\u9fff]+$/;
/** 杨浦区, 金山县: a place, not a person. */
const PLACE_END = /[区县市省镇村乡路街]$/;

/** Surnames beyond the builder's own list (names in the crawl: 祝大伟, 辛鑫, 亓创 …). */
const MORE_SURNAMES = '阎祝辛亓施洪傅齐佟翟殷靳窦庞鲁葛柳柴左温申付聂牛纪欧阳邢安常乔康俞单耿舒包季车伍苗华解褚凌阮岳蓝盛鲍童项骆祁储宫仇栾管詹于易晏卜';
const isSurname = (c: string): boolean => F.SURNAMES.includes(c) || MORE_SURNAMES.includes(c);

/**
 * Person names out of whitespace-separated tokens: a two-character name typeset with a space
 * inside (贺 勇, 童  萱) comes as two single characters, joined back here. Null when a token is not a 2–4 character
 * Han name.
 */
function names(tokens: readonly string[]): string[] | null {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    let name = tokens[i]!;
    i++;
    // Two single characters in a row are one two-character name padded to three (申  琳).
    if (name.length === 1 && tokens[i]?.length === 1) name += tokens[i++]!;
    if (!HAN.test(name) || name.length < 2 || name.length > 4) return null;
    out.push(name);
  }
  return out.length ? out : null;
}

function joinPairs(cells: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < cells.length; i++) out.push(cells[i]!.length === 1 && cells[i + 1]?.length === 1 ? cells[i]! + cells[++i]! : cells[i]!);
  return out;
}

const tokensOf = (s: string): string[] => s.split(/[\s\u3000、，,]+/).filter(Boolean);

/**
 * A line that only names people: a byline form (本报记者 X Y, ■新华社记者 X), bare names of common
 * surnames (史自强  杨启荣, 汪娟), an author with nationality, or an affiliation and a name
 * (福建龙岩市 蔡庆阳, 中国青年报社总编辑  毛  浩).
 */
export function isNameLine(line: string): boolean {
  const s = line.replace(/^[■□●▲◆]\s*/, '').trim();
  if (!s || s.length > 30 || ROLE_COLUMN.test(s)) return false;
  if (FOREIGN_AUTHOR.test(s)) return true;
  const stripped = s.replace(ROLE_WORDS, ' ');
  if (stripped !== s) {
    // With a role word, whatever names follow are names (the crawl's names are not all common surnames).
    const rest = tokensOf(stripped);
    return rest.length > 0 && names(rest) !== null;
  }
  const tokens = tokensOf(s);
  const bare = names(tokens);
  // Bare names only of common surnames and at most three characters: a four-character phrase
  // opening with 林 or 高 is far more often a subheading than a name.
  if (bare && bare.every((n) => n.length <= 3 && isSurname(n[0]!) && !PLACE_END.test(n))) return true;
  // Affiliation + name: one longer token, then one name.
  const gap = /^(\S{2,16})[\s\u3000]+(.+)$/.exec(s);
  if (gap && HAN.test(gap[1]!)) {
    const tail = names(tokensOf(gap[2]!));
    return tail !== null && tail.length === 1 && tail[0]!.length <= 3 && isSurname(tail[0]![0]!);
  }
  return false;
}

/** A dateline opening a bracketed sign-off: 新华社北京10月1日电, 本报北京、华盛顿、开罗电. */
const SIGNOFF_DATELINE = /^[^（）()]{2,60}?电\s*/;
/** Words around the names of a bracketed sign-off: 综合…报道, 参与记者：, 参与采写：, 执笔：. */
const SIGNOFF_WORDS = /^综合|(?:参与记者|参与采写|执笔)[：:]|报道(?=[，,\s]|$)|(?:参与)?(?:采写|采访整理|整理)$/g;
/** Surnames of bracketed sign-offs beyond the name-line list ((倪光辉), (柯  文), (邴  雪)): only a bracket makes them names. */
const SIGNOFF_SURNAMES = '倪冉喻曲谷尚柯萧邴靖';

/**
 * A sign-off in brackets closing an article or one of its sections: the reporters who wrote it
 * (（本报记者胡泽曦、殷新宇、丁子、于洋）, （新华社北京10月1日电  记者张旭东、赵超）, （综合本报记者李刚、
 * 庞革平报道）, （倪光辉、刘侃）, （执笔：董  涛）). A credit however many names it lists, never a paragraph.
 */
export function isBracketedCredit(line: string): boolean {
  const m = /^[（(]([^（）()]+)[）)]$/.exec(line.trim());
  if (!m) return false;
  const inner = m[1]!.trim().replace(SIGNOFF_DATELINE, '');
  const stripped = inner.replace(SIGNOFF_WORDS, ' ').replace(ROLE_WORDS, ' ');
  const found = names(tokensOf(stripped));
  if (!found) return false;
  if (stripped !== inner.replace(SIGNOFF_WORDS, ' ')) return true;
  // Without a role word, names of known surnames: （节选）, （待续） and the like are no names.
  const known = (n: string): boolean => (isSurname(n[0]!) || SIGNOFF_SURNAMES.includes(n[0]!)) && !PLACE_END.test(n);
  return found.length > 1 ? found.some(known) : known(found[0]!);
}

/**
 * An author's note in brackets (（作者为中国驻英国大使）, （作者系…）, （作者单位：…）): a closing signature,
 * an end credit and not a paragraph (resources/README.md, "Conventions"), like （作者为本报记者） already was.
 */
const AUTHOR_NOTE = /^[（(]作者(?:为|系|单位[：:])[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]$/;
export const isAuthorNote = (line: string): boolean => AUTHOR_NOTE.test(line.trim());

/** A table row or list item printed on its own line (cells apart, numbers, key：value pairs). */
export function isTableRow(line: string): boolean {
  const s = line.trim();
  if (TABLE_CAPTION.test(s)) return false;
  if (KEY_VALUES.test(s) || TIME_ROW.test(s)) return true;
  // A two-character word set with a space inside (总  则) is one cell.
  const cells = joinPairs(s.split(/\s{2,}|\u3000+/).filter(Boolean));
  if (cells.length >= 3) return true;
  return cells.length >= 2 && /\d/.test(s);
}

/** A credit that signs off: a signature's date line, production credits, a photo credit inside a text article. */
export function isSignOffLine(line: string): boolean {
  const s = line.trim();
  return DATE_LINE.test(s) || STAFF_CREDIT.test(s) || (s.length <= F.PHOTO_CREDIT_MAX && F.PHOTO_CREDIT.test(s));
}

/**
 * Role of paragraph `k` of `n` of a text article (photo items, editor's sign-offs, closing
 * credits and jumps are decided by the builder before this).
 */
export function paragraphRole(p: string, k: number, n: number): BlockRole {
  const last = k === n - 1 && n > 1;
  if ((p.length <= F.CROSSHEAD_MAX + 10 && isSignOffLine(p)) || isBracketedCredit(p) || isAuthorNote(p)) return 'credit';
  if (p.length <= F.CROSSHEAD_MAX + 10 && isNameLine(p)) return last ? 'credit' : 'byline';
  const short = k > 0 && k < n - 1 && p.length <= F.CROSSHEAD_MAX && !F.CLOSING_PUNCT.test(p) && !p.startsWith('——');
  if (!short || isTableRow(p) || MID_SENTENCE.test(p)) return 'body-start';
  return 'crosshead';
}
