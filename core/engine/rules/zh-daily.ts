// Rule pack for Chinese regional dailies (simplified or traditional script, full-width or ASCII
// punctuation). All patterns are written for simplified characters; lines are folded first.
import { surnameAt } from './zh-surnames.ts';
import type { ContributorRole, Masthead } from '../../../shared/segmentation.ts';
import type { JumpLine, ParsedByline, RulePack } from './rule-pack.ts';
import { foldTraditional } from './zh-fold.ts';
import { parseNumeral } from './zh-numerals.ts';
import { repairOcr } from './zh-ocr.ts';
import { uniqueContributors } from '../contributors.ts';

// A semicolon ends a clause, not a paragraph: a line ending in one goes on (lists open with 一是/（一）).
const CLOSING = new Set([...'。！？!?…：:”’」』）)】〕》.']);
const CLAUSE_MARK = /[，,；;。]/;
const NUMERAL = '[一二三四五六七八九十百零〇两\\d０-９]+';

/** Role words, longest first so "见习记者" wins over "记者". */
const ROLE_WORDS: [string, ContributorRole][] = (
  [
    ['本报特派记者', 'reporter'], ['本报见习记者', 'trainee-reporter'], ['本报实习记者', 'trainee-reporter'],
    ['融媒体记者', 'reporter'], ['全媒体记者', 'reporter'], ['新华社记者', 'reporter'], ['中新社记者', 'reporter'],
    ['本报特约评论员', 'commentator'], ['本报评论员', 'commentator'], ['特约评论员', 'commentator'], ['本报通讯员', 'correspondent'],
    ['特约通讯员', 'correspondent'], ['本报记者', 'reporter'], ['首席记者', 'reporter'], ['特派记者', 'reporter'],
    ['融媒记者', 'reporter'], ['驻站记者', 'reporter'], ['见习记者', 'trainee-reporter'], ['实习记者', 'trainee-reporter'],
    ['摄影记者', 'photographer'], ['责任编辑', 'editor'], ['美术编辑', 'editor'], ['图片编辑', 'editor'],
    ['见习编辑', 'editor'], ['版式设计', 'editor'], ['版式', 'editor'], ['审读', 'editor'], ['组版', 'editor'], ['评论员', 'commentator'], ['通讯员', 'correspondent'],
    ['实习生', 'trainee-reporter'], ['记者', 'reporter'], ['编辑', 'editor'], ['责编', 'editor'], ['美编', 'editor'],
    ['校对', 'editor'], ['摄影', 'photographer'], ['撰文', 'author'], ['作者', 'author'], ['文', 'author'], ['图', 'photographer'],
  ] as [string, ContributorRole][]
).sort((a, b) => b[0].length - a[0].length);

/** A byline line can only open with a bullet, a bracket or a role word: a cheap gate before parsing. */
const BYLINE_FIRST_CHARS = new Set([...'■□◆◇●○◎▲△★☆▶►（(【〔晚日都商', ...ROLE_WORDS.map(([word]) => word[0]!)]);

const AGENCIES = ['新华社', '中新社', '中国新闻社', '人民日报', '央视网', '新华网', '人民网', '中央广播电视总台'];
/** Role words that are themselves the printed name of the contributor ("■本报评论员"). */
const SELF_NAMED = new Set(['本报评论员', '评论员', '特约评论员', '本报特约评论员']);

/** Han names run two to four characters; names transcribed with a middle dot run longer. */
/** Words that follow a role word without being anyone's name ("记者手记", "编辑同志"). */
/** Verbs printed after the names in a credit ("（记者 X 整理）"): not part of any name. */
const CREDIT_VERBS = new Set(['整理', '编译', '采写', '报道', '报导', '综合', '摄', '摄影']);
const NOT_NAMES = new Set(['手记', '同志', '观察', '来信', '随笔', '札记', '日记', '视角', '笔记', '感言', '点评', '说法', '提示']);
const NAME = /^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff·•]{1,10})$/;
const BULLETS = /^[■□◆◇●○◎▲△★☆▶►\s]+/;
/** The word before a writer's name in a bracketed sign-off: （执笔：董涛）. */
const PEN_WORD = /^\s*(?:执笔|撰稿|撰文)\s*[：:]\s*/;
/** 杨浦区, 金山县: a place, not a person. */
const PLACE_END = /[区县市省镇村乡路街]$/;
/** One Han character, spaces, one or two more: a short name spaced out to the width of a longer one. */
const SPACED_NAME = /(^|[\s、，,/／])([\u4e00-\u9fff])[\s\u3000]{1,3}([\u4e00-\u9fff]{1,2})(?=$|[\s、，,]|摄)/g;
/** The agency or source printed after a photo credit: "某某摄（人民视觉）", "（影像中国）", "(新华社发)". */
const PHOTO_SOURCE_TAIL = /\s*[（(](?:人民视觉|影像中国|视觉中国|人民图片|新华社发|中新社发|资料图片|[\u4e00-\u9fff]{2,8}(?:供图|提供))[）)]\s*$/;
/**
 * A photo agency's name in brackets closing a short line of names, whose 摄 OCR misread ("何贱来撤(人民视觉)",
 * "侯崇慧担 （人民视觉": Tesseract's 报/撤/担/扩 for 摄) or whose closing bracket it lost. The agency makes
 * it a credit; the names before the misread character are checked as names.
 */
const OCR_PHOTO_CREDIT = /^\s*([\u4e00-\u9fff·、\s]{2,30}?)\s*[\u4e00-\u9fff]\s*[（(](?:人民视觉|影像中国|视觉中国|人民图片)[）)]?\s*$/;
const AGENCY_OPEN_TAIL = /\s*[（(](?:人民视觉|影像中国|视觉中国|人民图片)\s*$/;
const SEPARATORS = /[\s、，,/／｜|:：]+/;

function splitRolePrefix(token: string): [ContributorRole | null, string, string] {
  // A role word after a paper's name: "晚报记者", "都市报通讯员".
  const paper = /^[\u4e00-\u9fff]{1,3}报(?=记者|见习记者|实习记者|通讯员|评论员|摄影记者)/.exec(token);
  if (paper && !token.startsWith('本报')) {
    const [role, word, rest] = splitRolePrefix(token.slice(paper[0].length));
    if (role) return [role, paper[0] + word, rest];
  }
  // A letter's signature: "读者 王素梅", "江北区读者 刘国栋".
  const reader = /^(?:[\u4e00-\u9fff]{1,6})?读者/.exec(token);
  if (reader) return ['author', reader[0], token.slice(reader[0].length)];
  for (const [word, role] of ROLE_WORDS) {
    if (token.startsWith(word)) return [role, word, token.slice(word.length)];
  }
  return [null, '', token];
}

/**
 * Parses "记者 彭斌 通讯员 李四、王五" into contributors. Returns null when a token is neither a
 * role word nor a plausible name, so prose is never mistaken for a byline.
 */
function parseCredits(inner: string, photo: boolean, defaultRole: ContributorRole | null = null): ParsedByline['contributors'] | null {
  // "記者林志豪／淡濱報導": the part after the slash is where the story was filed, not a person.
  // "王 伟": a two-character name printed with a space between its characters is one name.
  const tokens = inner
    .replace(/[／/][\u4e00-\u9fff]{1,8}报[道导]$/, '')
    .replace(SPACED_NAME, '$1$2$3')
    .split(SEPARATORS)
    .filter(Boolean);
  const contributors: ParsedByline['contributors'] = [];
  let role: ContributorRole | null = defaultRole;
  // "■本报评论员" names the desk; "■评论员 林枫" names a person, so the desk entry is dropped.
  let desk: { name: string; role: ContributorRole } | null = null;
  for (const raw of tokens) {
    // "邹静整理": the verb printed against the last name is not part of it.
    const token = raw.replace(/报[道导]$/, '').replace(/(?<=^[\u4e00-\u9fff·]{2,})(?:采访)?(?:整理|采写|编译)$/, '');
    if (!token || CREDIT_VERBS.has(token)) continue;
    const [prefixRole, word, rest] = splitRolePrefix(token);
    if (prefixRole) {
      role = prefixRole;
      if (SELF_NAMED.has(word) && !rest) contributors.push((desk = { name: word, role: 'commentator' }));
      if (!rest) continue;
      if (!NAME.test(rest) || NOT_NAMES.has(rest)) return null;
      contributors.push({ name: rest, role: photo ? 'photographer' : role });
      continue;
    }
    if (AGENCIES.includes(token)) {
      contributors.push({ name: token, role: 'agency' });
      continue;
    }
    if (!NAME.test(token) || NOT_NAMES.has(token) || (role === null && !photo)) return null;
    if (desk) contributors.splice(contributors.indexOf(desk), 1);
    desk = null;
    contributors.push({ name: token, role: photo ? 'photographer' : (role ?? 'reporter') });
  }
  return contributors.length ? uniqueContributors(contributors) : null;
}

function agencyIn(text: string): ParsedByline['contributors'] {
  const agency = AGENCIES.find((a) => text.startsWith(a) || text.startsWith(`据${a}`));
  return agency ? [{ name: agency, role: 'agency' }] : [];
}

const LEADING_BYLINE = new RegExp(
  '^(\\s*[■□◆●◎▲]?\\s*)' +
    '(本报讯|本报[\\u4e00-\\u9fff\\d]{0,14}?电|据?(?:新华社|中新社|中国新闻社|人民日报|新华网|人民网|央视网)[\\u4e00-\\u9fff\\d]{0,16}?电|据[\\u4e00-\\u9fff]{2,12}?报道)' +
    '(\\s*[（(【〔][^（()）】〕]{1,60}[）)】〕])?',
);
const BRACKETED = /^[（(【〔]\s*(.*?)\s*[）)】〕]$/;
const JUMP = new RegExp(`[（(【〔]?\\s*(下转|转|上接|接上|紧接|接)\\s*(?:第)?\\s*[A-Z]?(${NUMERAL})\\s*版(?:\\s*[）)】〕])?`);
const END_CREDIT = /[（(]\s*((?:新华社|中新社|中国新闻社|本报)[\u4e00-\u9fff\d]{0,16}电|据[^（()）]{2,20}|本报综合|综合[^（()）]{0,16}|[\u4e00-\u9fff]{2,8}供稿)\s*[）)]\s*$/;
const PHOTO_TAIL = /(?:^|[\s。！？!?]|[（(])\s*[■□◆●◎▲]?\s*((?:[\u4e00-\u9fff]{0,6}(?:记者|通讯员|实习生|摄影)\s*)?[\u4e00-\u9fff·、\s]{2,30}?)\s*[/／]?\s*摄(?:影(?:报道)?)?\s*[）)]?\s*$/;
/** A cartoon's or drawing's credit: "王宇峰图  马  原文" (drawn by one, written by the other). */
const PICTURE_AND_TEXT = /^\s*[■□◆●◎▲]?\s*([\u4e00-\u9fff·\s]{2,12}?)\s*图\s+([\u4e00-\u9fff·\s]{2,12}?)\s*文\s*$/;
const PHOTO_SLASH = /^\s*[■□◆●◎▲]?\s*[（(]?\s*(?:图|摄影|图片)\s*[/／｜|:：]\s*([\u4e00-\u9fff·、\s]{2,30}?)\s*[）)]?$/;
/**
 * "（曲陵农商银行供图）" closing a caption, or "春秋航空供图" on a line of its own: the supplier is
 * credited as photographer, as printed.
 */
const SUPPLIED_PHOTO = /(?:[（(]|^)\s*([\u4e00-\u9fff·]{2,20}?)\s*供图\s*(?:[）)]|$)\s*$/;
/** Taiwan-style wire dateline: "中央社記者林小明台北5日電". */
const WIRE_REPORTER_DATELINE = /^(\s*[（(]?)((中央社|新华社|中新社)记者\s*([\u4e00-\u9fff·]{2,3})\s*[\u4e00-\u9fff]{2,8}?(?:\d{1,2}月)?\d{1,2}日电)[）)]?/;
/** A signature closing commentary: "（作者系某大学教授 张某某）". */
const AUTHOR_NOTE = /^[（(]\s*作者(?:系|为|是|单位)[^）)]*[）)]$/;

const DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
/** "2024.7.9" as printed in some running heads; only read inside a masthead. */
const DATE_DOTTED = /(?:^|\s)(\d{4})\.(\d{1,2})\.(\d{1,2})(?=\s|$)/;
/** Republic-of-China calendar ("中華民國113年3月6日"): year + 1911. */
const DATE_ROC = /民国\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const DATE_ZH = /([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/;
const WEEKDAY = /(?:星期|礼拜)[一二三四五六日天]|周[一二三四五六日](?![\u4e00-\u9fff]{2})/;
const LUNAR = /农历\s*([\u4e00-\u9fff]{2,12})/;
const ISSUE_NO = /(?:总\s*)?第\s*(\d{2,6})\s*[号期]/;
const PAGE_COUNT = new RegExp(`(?:今日|本期|共)\\s*(${NUMERAL})\\s*版`);
const SERIAL = /CN\s*(\d{2})\s*[-－—]\s*(\d{4})/i;
const PAGE_NUMBER = new RegExp(`^(?:第\\s*${NUMERAL}\\s*版|[A-Z]\\d{1,2}\\s*版?)$`);
const HOTLINE = /([\u4e00-\u9fff]{0,6}(?:热线|电话|专线))\s*[:：]?\s*([(（]?\d[\d\-－—()（） ]{3,}\d)/g;
/** A paper's Latin name, alone or beside its Chinese name ("东岭日报 DONGLING DAILY 中共…"). */
const LATIN_TITLE = /[A-Z][A-Z&'-]+(?: [A-Z&'-]+)+|(?<![A-Za-z])[A-Z]{5,}(?![A-Za-z])/;
const PAPER_TITLE = /^[\u4e00-\u9fff]{2,10}(?:日报|晚报|时报|早报|商报|晨报|都市报|快报|导报|报)$/;
const PAGE_NAMES = new Set(
  ('要闻 综合 本地 时政 经济 社会 文化 体育 国际 国内 副刊 评论 民生 专版 专题 县域 城事 法治 教育 健康 科技 ' +
    '财经 旅游 娱乐 视点 深度 观察 公告 广告 理论 党建 文旅 乡村振兴 区县新闻 本埠新闻 新闻 今日关注').split(' '),
);
const PAGE_NO = `(?:[A-Z]?\\d{1,2}|第\\s*${NUMERAL}\\s*版)`;
/** A section name and a page number, in either order and nothing else ("要闻 3", OCR's "国内5", "第二版   要闻"). */
const RUNNING_HEAD = new RegExp(`^${PAGE_NO}[\\s\\u3000]*([\\u4e00-\\u9fff]{2,6})$|^([\\u4e00-\\u9fff]{2,6})[\\s\\u3000]*${PAGE_NO}$`);
const EDITOR_LINE = /^(?:责任编辑|编辑|责编|美编|校对|版式|审读|组版|见习编辑)\s*[:：]?\s*/;

const COLUMN_HEADER = /^(?:[\u4e00-\u9fff]{0,4}(?:简讯|快讯|短讯|速递|速览|动态|资讯|播报|一览|传真|集锦|荟萃|拾零|扫描|直通车|连线)|新闻[\u4e00-\u9fff]{0,2})$/;
/** A byline OCR glued to the end of a headline: "…实现全覆盖 本报记者 孟凡超". */
const TRAILING_BYLINE = /\s+((?:本报|[\u4e00-\u9fff]{1,3}报)?(?:记者|见习记者|实习记者|通讯员|特约通讯员)\s*[\u4e00-\u9fff·]{2,4}(?:\s+(?:[\u4e00-\u9fff·]{2,4}|(?:通讯员|实习生|见习记者)\s*[\u4e00-\u9fff·]{2,4}))*)$/;
const SERIES = /系列报道|系列评论|专栏|之[一二三四五六七八九十\d]+$|^——.*(?:系列|之[一二三四五六七八九十])|^学习贯彻|^喜迎|^[\u4e00-\u9fff\d]{4,12}·[\u4e00-\u9fff\d]{2,10}$/;
/**
 * Commentary columns: a bare label ("社论", "短评", "今日谈") or a column named after its genre
 * ("人民时评", "国际论坛", "新闻评论", "评论员观察").
 */
const EDITORIAL_LABEL = /^(?:[■□◆●]?\s*)(?:[\u4e00-\u9fff]{0,4}(?:时评|快评|微评|短评|评论|论坛|言论)|社论|今日谈|评论员观察|本报评论员文章|评论员文章|编者按)$/;
const NOTICE_TITLE = /(?:公告|声明|通知|启事|通告|公示|讣告|遗失|招标|拍卖|注销|名单|公报|决定|决议|风险提示)$|^(?:公告|声明|通告|公示|遗失声明|天气预报)$/;
/** The issuer's name or the date under a notice or letter ("云溪日报社", "2023年3月14日"). */
const SIGNATURE = /^[\u4e00-\u9fff（）()]{2,30}(?:社|局|委员会|委|办公室|办|政府|公司|集团|中心|支队|大队|协会|学会|医院|学校|法院|检察院|银行|指挥部|编辑部|周刊|报)$/;
const DATE_ONLY = /^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)$/;
const AD_WORDS = /热线|电话|地址|咨询|欢迎|招商|优惠|促销|抢购|扫码|二维码|元\/|宣$|^[^\s]{2,12}宣$|★|☆|联系人|官网|营业|开盘|VIP|让利|特价/g;

/** A line of Latin letters and digits only this short is debris on a Chinese page ("aa", "86", "i"). */
const DEBRIS_MAX_LATIN = 3;
const HAN = /\p{Script=Han}/u;
/**
 * Characters standing apart, one or two to a group ("生 产", "阳   市   生", "十 分 规 范"): what OCR
 * makes of a photo, a vertical banner or text read across columns. A title letterspaced by a
 * full-width space ("回  家", "精确  高效  及时") keeps exactly that gap between every group.
 */
const SCATTERED = /^\s*\S{1,2}(?:\s+\S{1,2})+\s*$/;
const LETTERSPACED = /^\s*\S{1,2}(?:(?: {2}|\u3000)\S{1,2})+\s*$/;
/** A full stop followed by more text (a headline carries no full stop; "！" and "？" it may). */
const SENTENCE_INSIDE = /。\s*[\p{Script=Han}“「"]/u;
/**
 * A full stop that opens the line: the end of the sentence above, wrapped ("。在接下来的时间里，…"), or
 * OCR debris before a headline ("。 跨境电商B2B出口跑出“加速度”"). Running text only when the line goes
 * on with a clause mark or another stop, as a sentence does and a headline does not.
 */
const OPENING_STOP = /^\s*。\s*(?=[^。]*$)/u;
const GOES_ON = /[，,、；;：:]/;
const sentenceInside = (line: string): boolean => SENTENCE_INSIDE.test(line) && (!OPENING_STOP.test(line) || GOES_ON.test(line));
/**
 * A lead clause: a time word or a connective and its comma open the line ("日前，", "目前，", "与此同时，"):
 * 8,900 such lines of the built and Tesseract pages, none of them a title.
 */
const LEAD_CLAUSE = /^\s*(?:近日|日前|目前|昨日|昨天|今天|今年|去年|当天|当前|此前|随后|如今|眼下|近年来|近期|同时|与此同时|此外|其中|据悉|据介绍|据了解|然而|但是|因此|所以|而且|另外)\s*[，,]/;
/** A line stopping on a comma or a semicolon: no title of the annotated papers (214 title lines) does. */
const STOPS_ON_COMMA = /[，,、；;]\s*$/;
/** Who edited, designed or drew the page or a graphic, with the colon that makes it a credit line. */
const PRODUCTION_CREDIT = /^\s*(?:本版|本期|本刊)?\s*(?:责任编辑|见习编辑|编辑|责编|美编|校对|审读|组版|版式设计|版式|设计|制图|图表制作|图表)\s*[:：]/;
/** The editors' sign-off under an editor's note ("——编者"; OCR may drop or misread the dash: "一一编者", "编者"). */
const EDITORS_SIGNOFF = /^\s*[—－\-一]*\s*编\s*者\s*$/;
const BRACKET_OPEN = /[（(〔【]/g;
const BRACKET_CLOSE = /[）)〕】》]/g;

export const zhDailyRules: RulePack = {
  id: 'zh-daily',
  language: 'zh',
  maxTitleLength: 44,
  maxLabelLength: 8,

  // Traditional characters fold to simplified, then misread OCR furniture is repaired (zh-ocr.ts).
  fold: (line) => repairOcr(foldTraditional(line)),

  isClosingChar: (ch) => CLOSING.has(ch),
  hasClauseMark: (line) => CLAUSE_MARK.test(line),

  isEnumeration: (line) => /^\s*(?:[一二三四五六七八九十]+、|[一二三四五六七八九十]是[，,]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[①-⑳]|[■□◆●▲]\s*[^\s■□◆●▲]{1,12}(?:\s+\S{1,12})?$)/.test(line),
  bulletSignature(line) {
    const m = /^[■□◆●]\s+([\u4e00-\u9fff·]{2,4})$/.exec(line.trim());
    return m ? { text: line.trim(), contributors: [{ name: m[1]!, role: 'author' }] } : null;
  },
  isTableLine: (line) => /^(?:附?表\s*\d*\s*[:：])/.test(line.trim()) || (line.match(/(?:^|\s)[-+]?\d[\d,.]*%?(?=\s|$)/g) ?? []).length >= 2,
  isEditorsNote: (line) => /^\s*(?:编者按|编者的话|编后)\s*[:：]/.test(line),
  trailingByline(line) {
    const m = TRAILING_BYLINE.exec(line);
    if (!m || m.index === 0) return null;
    const byline = zhDailyRules.standaloneByline(m[1]!);
    return byline ? { ...byline, start: m.index + m[0].indexOf(m[1]!) } : null;
  },
  isSalutation: (line) => /^(?:问|答|Q|A)\s*[:：]/.test(line.trim()) || /^[\u4e00-\u9fff]{0,8}(?:同志|先生|女士|朋友们?|老师|您好|你好|各位)[：:]$/.test(line.trim()),
  isLeadOpening: (line) => /^\s*(?:[“「"]|\d{1,2}月\d{1,2}日|(?:近日|日前|昨日|昨天|今天|今年|当天|记者从|记者近日))/.test(line),
  isDashSubtitle: (line) => /^\s*(?:——|--|－－|—)/.test(line),
  isKickerLabel: (line) => /[:：]$/.test(line.trim()),
  // No bare 会见: "秦国文率队赴苏州考察学习 吴庆文会见" is a headline (Hengyang, 2021-10-29).
  isAttendanceLine: (line) => /(?:出席|主持|参加会见|出席并讲话|出席开幕式|参加)$/.test(line.trim()),
  isOccasionLeadIn: (line) => /^就(?!业)[^，,。；;\s]{2,20}$/.test(line.trim()),
  isPlaceName: (line) => /^[\u4e00-\u9fff]{2,10}(?:省|市|县|区|镇|乡|村|州|盟|旗)$/.test(line.trim()),
  isCouplet(line) {
    const parts = line.trim().split(/[\s\u3000]+/);
    if (parts.length !== 2) return false;
    const [a, b] = parts as [string, string];
    return a.length >= 4 && b.length >= 4 && a.length <= 12 && Math.abs(a.length - b.length) <= 1 && !/[“”"]/.test(line);
  },
  isColumnHeader: (line) => COLUMN_HEADER.test(line.trim()),
  isSeriesBanner: (line) => SERIES.test(line.trim()),
  isEditorialLabel: (line) => EDITORIAL_LABEL.test(line.trim()),
  advertisementScore: (text) => (text.match(AD_WORDS) ?? []).length,
  isNoticeTitle: (line) => NOTICE_TITLE.test(line.trim()),
  isSignature(line) {
    const s = line.trim();
    if (DATE_ONLY.test(s)) return true;
    const dated = /^(.*?)\s+(\S+)$/.exec(s);
    return SIGNATURE.test(s) || (dated !== null && SIGNATURE.test(dated[1]!) && DATE_ONLY.test(dated[2]!));
  },
  isDateLine: (line) => DATE_ONLY.test(line.trim()),
  isDebris(line) {
    const letters = line.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
    if (letters <= 1 || (letters <= DEBRIS_MAX_LATIN && !HAN.test(line))) return true;
    return SCATTERED.test(line) && HAN.test(line) && !LETTERSPACED.test(line);
  },
  isRunningText: (line) => sentenceInside(line) || STOPS_ON_COMMA.test(line) || LEAD_CLAUSE.test(line),
  isProductionCredit: (line) => PRODUCTION_CREDIT.test(line) || EDITORS_SIGNOFF.test(line),
  leavesBracketOpen(line) {
    const s = line.trim();
    if (!s || CLOSING.has(s.at(-1)!)) return false;
    // OCR reads a closing bracket as "》" (and a title mark closes nothing open here): count it as a closer.
    return (s.match(BRACKET_OPEN)?.length ?? 0) > (s.match(BRACKET_CLOSE)?.length ?? 0);
  },

  leadingByline(line) {
    const wire = WIRE_REPORTER_DATELINE.exec(line);
    if (wire) {
      return {
        text: wire[2]!,
        end: wire[0].length,
        contributors: [{ name: wire[3]!, role: 'agency' }, { name: wire[4]!, role: 'reporter' }],
      };
    }
    const m = LEADING_BYLINE.exec(line);
    if (!m) return null;
    const lead = m[2]!;
    const paren = m[3];
    const contributors = [...agencyIn(lead)];
    if (paren) {
      const inner = BRACKETED.exec(paren.trim())?.[1] ?? '';
      const credits = parseCredits(inner, false);
      if (credits) contributors.push(...credits);
    }
    return { text: line.slice(m[1]!.length, m[0].length).trim(), end: m[0].length, contributors: uniqueContributors(contributors) };
  },

  standaloneByline(line) {
    const trimmed = line.trim();
    // "编辑同志：" opens a letter; a byline never ends with a colon.
    if (/[:：]$/.test(trimmed)) return null;
    if (trimmed.length > 40 || !(BYLINE_FIRST_CHARS.has(trimmed[0] ?? '') || /^[\u4e00-\u9fff]{0,6}读者/.test(trimmed)) || /摄(?:影)?[）)]?$/.test(trimmed)) return null;
    const body = trimmed.replace(BULLETS, '');
    if (AUTHOR_NOTE.test(body)) {
      const names = (BRACKETED.exec(body)?.[1] ?? '').split(/\s+/).slice(1).filter((n) => NAME.test(n));
      return names.length ? { text: trimmed, contributors: names.map((name) => ({ name, role: 'author' as const })) } : null;
    }
    const inner = BRACKETED.exec(body)?.[1] ?? body;
    // "文/张三" and "文｜张三  图/李四": a role word glued to names by a slash.
    if (/^(?:文|撰文|图|摄影)\s*[/／｜|]/.test(inner)) {
      const contributors: ParsedByline['contributors'] = [];
      for (const m of inner.matchAll(/(文|撰文|图|摄影)\s*[/／｜|]\s*([\u4e00-\u9fff·、\s]+?)(?=\s+(?:文|撰文|图|摄影)\s*[/／｜|]|$)/g)) {
        // "文/本报记者 薛晴": the writer takes the printed title's role; a bare "文/X" is the author.
        const photo = m[1] === '图' || m[1] === '摄影';
        const credits = parseCredits(m[2]!.trim(), photo, 'author');
        if (!credits) return null;
        contributors.push(...credits);
      }
      return contributors.length ? { text: trimmed, contributors } : null;
    }
    // Single-character role words ("文") open prose too: only the slash form above counts for them.
    const [role, word] = splitRolePrefix(inner);
    if (!role || role === 'photographer' || (role === 'author' && !word.endsWith('读者'))) return null;
    const contributors = parseCredits(inner, false);
    return contributors ? { text: trimmed, contributors } : null;
  },

  bareByline(line) {
    // "韩远志" / "王 伟  李四": names alone under a title, as an essay or a column signs them.
    const trimmed = line.trim().replace(BULLETS, '');
    if (!trimmed || trimmed.length > 16) return null;
    const names = trimmed.replace(SPACED_NAME, '$1$2$3').split(/[\s、，,]+/).filter(Boolean);
    if (!names.length || names.some((n) => !NAME.test(n) || NOT_NAMES.has(n))) return null;
    return { text: line.trim(), contributors: names.map((name) => ({ name, role: 'author' as const })) };
  },

  bracketedSignature(line) {
    const inner = BRACKETED.exec(line.trim().replace(BULLETS, ''))?.[1]?.replace(PEN_WORD, '');
    if (!inner) return null;
    const names = inner.replace(SPACED_NAME, '$1$2$3').split(/[\s、，,]+/).filter(Boolean);
    // Every token a person's name: "（节选）", "（待续）", "（上海）" name nobody.
    if (!names.length || names.length > 6 || !names.every((n) => zhDailyRules.isPersonName(n))) return null;
    return { text: line.trim(), contributors: names.map((name) => ({ name, role: 'author' as const })) };
  },

  isPersonName(name) {
    // A 2–4 character name that opens with a surname and has a given name after it, and is no place.
    const surname = surnameAt(name, 0);
    return NAME.test(name) && name.length <= 4 && !NOT_NAMES.has(name) && surname > 0 && surname < name.length && !PLACE_END.test(name);
  },

  photoCredit(full) {
    if (!full.includes('摄') && !full.includes('图')) {
      // Tesseract's misread 摄 before a photo agency ("侯崇慧担 （人民视觉"): a credit when the rest is names.
      const ocr = full.length <= 40 && (full.includes('视觉') || full.includes('影像中国')) ? OCR_PHOTO_CREDIT.exec(full) : null;
      const contributors = ocr ? parseCredits(ocr[1]!.trim(), true) : null;
      return contributors ? { text: full.trim(), start: full.length - full.trimStart().length, contributors } : null;
    }
    // "王伟摄（人民视觉）": read the credit without the source; the credit's text keeps it.
    const source = PHOTO_SOURCE_TAIL.exec(full) ?? AGENCY_OPEN_TAIL.exec(full);
    const line = source && /(?:摄(?:影(?:报道)?)?|供图)\s*$/.test(full.slice(0, source.index)) ? full.slice(0, source.index) : full;
    const supplied = SUPPLIED_PHOTO.exec(line);
    if (supplied) return { text: (source ? full.slice(supplied.index) : supplied[0]).trim(), start: supplied.index, contributors: [{ name: supplied[1]!, role: 'photographer' }] };
    const drawn = PICTURE_AND_TEXT.exec(line);
    // Function characters never name anyone: "这是一幅图 很好的文" is prose.
    if (drawn && !/[的是了这那个]/.test(drawn[1]! + drawn[2]!)) {
      const artists = parseCredits(drawn[1]!.trim(), true);
      const writers = parseCredits(drawn[2]!.trim(), false, 'author');
      if (artists && writers) return { text: line.trim(), start: line.length - line.trimStart().length, contributors: [...artists, ...writers] };
    }
    const slash = PHOTO_SLASH.exec(line);
    if (slash) {
      const names = slash[1]!.split(/[\s、]+/).filter((n) => NAME.test(n));
      if (names.length) return { text: line.trim(), start: 0, contributors: names.map((name) => ({ name, role: 'photographer' as const })) };
    }
    // "朱  磊  黄哲雨摄影报道": photographs with their story told in the caption, credited the same way.
    if (!/摄(?:影(?:报道)?)?\s*[）)]?\s*$/.test(line)) return null;
    const m = PHOTO_TAIL.exec(line);
    if (!m) return null;
    const contributors = parseCredits(m[1]!.trim(), true);
    if (!contributors) return null;
    // The match may begin with the sentence end before the credit; the credit starts after it.
    let at = m.index;
    while (at < line.length && /[\s。！？!?]/.test(line[at]!)) at++;
    return { text: full.slice(at).trim(), start: at, contributors };
  },

  endCredit(line) {
    const last = line.trimEnd().at(-1);
    if (last !== ')' && last !== '）') return null;
    const m = END_CREDIT.exec(line);
    if (!m) return null;
    return { text: m[0].trim(), start: m.index, contributors: agencyIn(m[1]!) };
  },

  jumpLine(line) {
    if (!line.includes('版')) return null;
    const m = JUMP.exec(line);
    if (!m) return null;
    const page = parseNumeral(m[2]!);
    if (page === null || page <= 0) return null;
    const direction = m[1] === '下转' || m[1] === '转' ? 'to' : 'from';
    // A jump note stands alone, closes a line ("…数易其稿, (下转第六版)") or opens one ("(上接第一版)…").
    const atEnd = line.slice(m.index + m[0].length).trim() === '';
    const atStart = line.slice(0, m.index).trim() === '';
    if (direction === 'to' ? !atEnd : !atStart) return null;
    if (!/[（(【〔]/.test(m[0]) && !atStart) {
      // Without brackets only accept "下转第六版" as a whole, never prose such as "转第二版面".
      if (!/^下转/.test(m[0])) return null;
    }
    return { direction, page, start: m.index, end: m.index + m[0].length };
  },

  mastheadSignal(line, position) {
    const s = line.trim();
    if (!s) return 0;
    let score = 0;
    if (position === 0 && PAPER_TITLE.test(s)) score += 2;
    if (DATE.test(s) || DATE_ZH.test(s) || DATE_ROC.test(s) || DATE_DOTTED.test(s)) score += 2;
    if (/(?:^|\s)(?:[A-Z]\d{1,2}|第\s*\d{1,2}\s*版)(?=\s|$)/.test(s) && s.length > 3) score += 1;
    if (/星期[一二三四五六日天]|农历/.test(s)) score += 1;
    if (ISSUE_NO.test(s) && s.length <= 24) score += 2;
    if (PAGE_COUNT.test(s)) score += 2;
    if (SERIAL.test(s) || /连续出版物号|邮发代号|ISSN/.test(s)) score += 2;
    if (/(?:主管|主办|出版)$/.test(s) && s.length <= 24) score += 1;
    if (/^[A-Z][A-Z .&'-]{4,}$/.test(s)) score += 1;
    if (/报社$/.test(s) && s.length <= 16) score += 1;
    if (position < 20 && /热线|专线|官方网站|网址|官方微信|客户端|电话[:：]/.test(s) && s.length <= 40) score += 1;
    if (PAGE_NUMBER.test(s.replace(/\s+/g, ''))) score += 2;
    if ((EDITOR_LINE.test(s) || /(?:责任编辑|校对|美编|美术编辑)[\s:：]/.test(s)) && s.length <= 40) score += 1;
    if (position <= 3 && PAPER_TITLE.test(s.split(/[\s\u3000]+/)[0] ?? '') && s !== s.split(/[\s\u3000]+/)[0]) score += 1;
    if (/^[（(《〈<][^（）()《》]{2,24}(?:协办|承办|冠名|特约刊登|支持)[）)》〉>]$/.test(s)) score += 2;
    if (/(?:零售价|定价|售价|每份)[\s:：]*.{0,8}元/.test(s) && s.length <= 24) score += 1;
    if (PAGE_NAMES.has(s) || (s.length <= 6 && /(?:新闻|周刊|副刊|专刊)$/.test(s))) score += 1;
    // An inner page's running head: its section and page number ("要闻 3", "4 评论", "A5 体育").
    const runningHead = position <= 2 ? RUNNING_HEAD.exec(s) : null;
    if (runningHead && PAGE_NAMES.has(runningHead[1] ?? runningHead[2]!)) score += 2;
    return score;
  },

  mastheadFacts(lines) {
    // Read through the OCR repairs too ("2024年]月8日": the digit 1 read as a bracket), as every other line is.
    const folded = lines.map((l) => repairOcr(foldTraditional(l.trim())));
    const find = <T>(fn: (line: string, index: number) => T | null): T | null => {
      for (let i = 0; i < folded.length; i++) {
        const found = fn(folded[i]!, i);
        if (found !== null) return found;
      }
      return null;
    };
    const title = find((l, i) => {
      const first = l.split(/[\s\u3000]+/)[0] ?? '';
      return PAPER_TITLE.test(first) ? lines[i]!.trim().slice(0, first.length) : null;
    });
    const titleLatin = find((l) => LATIN_TITLE.exec(l)?.[0].trim() ?? null);
    const date = find((l) => {
      const roc = DATE_ROC.exec(l);
      if (roc) return `${Number(roc[1]) + 1911}-${roc[2]!.padStart(2, '0')}-${roc[3]!.padStart(2, '0')}`;
      const dotted = DATE_DOTTED.exec(l);
      if (dotted) return `${dotted[1]}-${dotted[2]!.padStart(2, '0')}-${dotted[3]!.padStart(2, '0')}`;
      const m = DATE.exec(l);
      if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
      const z = DATE_ZH.exec(l);
      if (!z) return null;
      return `${parseNumeral(z[1]!)}-${String(parseNumeral(z[2]!)).padStart(2, '0')}-${String(parseNumeral(z[3]!)).padStart(2, '0')}`;
    });
    const weekday = find((l) => WEEKDAY.exec(l)?.[0] ?? null);
    const lunarDate = find((l) => LUNAR.exec(l)?.[1] ?? null);
    const total = find((l) => /总\s*第\s*(\d+)/.exec(l)?.[1] ?? null);
    const issue = total ?? find((l) => ISSUE_NO.exec(l)?.[1] ?? null);
    const pageCount = find((l) => {
      const m = PAGE_COUNT.exec(l);
      return m ? parseNumeral(m[1]!) : null;
    });
    const serial = find((l) => {
      const m = SERIAL.exec(l);
      return m ? `CN ${m[1]}-${m[2]}` : null;
    });
    const publisher = find((l, i) => {
      const own = /^(.{2,16}社)\s*出版$/.exec(l);
      if (own) return own[1]!;
      return /^.{2,16}社$/.test(l) && folded[i + 1] === '出版' ? lines[i]!.trim() : null;
    });
    const hotlines: Masthead['hotlines'] = [];
    for (const l of folded) {
      for (const m of l.matchAll(HOTLINE)) hotlines.push({ label: m[1]!, number: m[2]!.trim() });
    }
    return {
      title,
      titleLatin,
      date,
      weekday,
      lunarDate,
      issueNumber: issue === null ? null : Number(issue),
      pageCount,
      serial,
      publisher,
      hotlines,
    };
  },

  runningHeadEditors(line) {
    const s = foldTraditional(line.trim());
    const m = EDITOR_LINE.exec(s);
    if (!m) return null;
    const contributors = parseCredits(s, false);
    return contributors ? { text: line.trim(), contributors } : null;
  },
};
