// Everything the page builder knows or invents about Chinese newspaper pages, in one place: the
// printed forms of page furniture the crawl lacks (mastheads, running heads, bylines, jump lines,
// credits), invented names, ads and notices, and the patterns that read the crawl's own conventions
// (a column label as a bracketed headline suffix, a photo credit paragraph). Platform-free.
//
// What is invented: every name (surname + given-name characters below), every own-line byline,
// every masthead and running head (the issue number is counted from a made-up base), the section
// names of inner pages, jump lines, ads and notices. What is real: the article text, titles and
// order from the crawl, the dates, and the page numbers.

export const PAPER_TITLE = '人民日报';
export const PAPER_LATIN = 'RENMIN RIBAO';
export const PAPER_SERIAL = 'CN 11-0065';
/** Invented: the issue number printed on 2019-10-01, counted on by one a day. */
export const ISSUE_BASE = { date: '2019-10-01', number: 25160 } as const;

export const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
export const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** Days of a lunar month as printed (初一 … 三十). */
export const LUNAR_DAYS = ['初一', '初二', '初三', '初四', '初五', '初六', '初七', '初八', '初九', '初十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十', '廿一', '廿二', '廿三', '廿四', '廿五', '廿六', '廿七', '廿八', '廿九', '三十'] as const;

/** 1 → 一, 12 → 十二, 20 → 二十 (page numbers in jump lines and 今日N版). */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  return String(n);
}

/** Section names printed in inner pages' running heads (invented per page; the crawl has none). */
export const SECTIONS = ['要闻', '要闻', '要闻', '评论', '国内', '经济', '社会', '国际', '文化', '体育', '理论', '副刊', '视点', '政治', '生态', '教育', '综合', '专版'] as const;

/** Masthead lines of a front page; `facts` are filled in by the builder. */
export interface MastheadFacts {
  date: string; // YYYY-MM-DD
  weekday: string;
  lunar: string | null;
  issueNumber: number;
  pageCount: number;
}

/** A printed block of furniture and the masthead facts it prints (the gold scores only those). */
export interface PrintedBlock {
  lines: string[];
  prints: readonly ('title' | 'titleLatin' | 'date' | 'issueNumber' | 'pageCount' | 'serial')[];
}

/** Printed forms of the front-page nameplate block. */
export function mastheadForms(f: MastheadFacts): PrintedBlock[] {
  const [y, m, d] = f.date.split('-').map(Number) as [number, number, number];
  const date = `${y}年${m}月${d}日`;
  const lunar = f.lunar ? `农历${f.lunar}` : null;
  return [
    {
      lines: [PAPER_TITLE, PAPER_LATIN, `${date} ${f.weekday}`, ...(lunar ? [lunar] : []), `今日${f.pageCount}版`, `第${f.issueNumber}号`, `国内统一连续出版物号 ${PAPER_SERIAL}`],
      prints: ['title', 'titleLatin', 'date', 'pageCount', 'issueNumber', 'serial'],
    },
    {
      lines: [`${PAPER_TITLE} ${PAPER_LATIN}`, `${date} ${f.weekday}${lunar ? ` ${lunar}` : ''}`, `今日${chineseNumber(f.pageCount)}版 第${f.issueNumber}号`, PAPER_SERIAL],
      prints: ['title', 'titleLatin', 'date', 'pageCount', 'issueNumber', 'serial'],
    },
    {
      lines: [PAPER_TITLE, `${date}  ${f.weekday}`, `第${f.issueNumber}号 今日${f.pageCount}版`, `${PAPER_SERIAL} 代号1-1`],
      prints: ['title', 'date', 'issueNumber', 'pageCount', 'serial'],
    },
    {
      lines: [PAPER_TITLE, '中国共产党中央委员会机关报', `${date} ${f.weekday}${lunar ? ` ${lunar}` : ''}`, `第${f.issueNumber}号`, `今日${f.pageCount}版`],
      prints: ['title', 'date', 'issueNumber', 'pageCount'],
    },
  ];
}

/** Printed forms of an inner page's running head (one or two lines). */
export function runningHeadForms(date: string, weekday: string, page: number, section: string, editor: string): PrintedBlock[] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const cn = `${y}年${m}月${d}日`;
  const pp = String(page).padStart(2, '0');
  return [
    { lines: [`${section} ${page}`], prints: [] },
    { lines: [`${cn} ${weekday}  ${section}`], prints: ['date'] },
    { lines: [`${PAPER_TITLE} ${cn} ${weekday}`, `第${page}版 ${section}`], prints: ['title', 'date'] },
    { lines: [`${page} ${section}`, `${cn} ${weekday}`], prints: ['date'] },
    { lines: [`${cn} ${weekday} ${section} ${pp}`, `责任编辑：${editor}`], prints: ['date'] },
    { lines: [`第${chineseNumber(page)}版`, section], prints: [] },
  ];
}

/** Jump lines: to an inner page, and back from page 1. */
export function jumpToForms(page: number): string[] {
  return [`（下转第${chineseNumber(page)}版）`, `(下转第${page}版)`, `（下转第${page}版）`, `下转第${chineseNumber(page)}版`];
}
export function jumpFromForms(page: number): string[] {
  return [`（上接第${chineseNumber(page)}版）`, `(上接第${page}版)`, `（上接第${page}版）`, `上接第${chineseNumber(page)}版`];
}

/** Common surnames and given-name characters: every invented name is built from these. */
export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const GIVEN_CHARS = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰飞鹏辉建国文斌宇浩凯晨峰琳雪梅晓红丹蕾楠欣宁远航海波志新立云博思婷颖佳慧鑫萌瑞昊睿哲彤琪悦嘉鸿毅';

/** Own-line bylines under the titles; {a}, {b} are invented names. Role of each name in the gold. */
export const BYLINE_FORMS: readonly { form: string; roles: readonly ('reporter' | 'correspondent' | 'author' | 'trainee-reporter')[] }[] = [
  { form: '本报记者 {a}', roles: ['reporter'] },
  { form: '本报记者  {a}  {b}', roles: ['reporter', 'reporter'] },
  { form: '本报记者 {a} 通讯员 {b}', roles: ['reporter', 'correspondent'] },
  { form: '■本报记者 {a}', roles: ['reporter'] },
  { form: '文/{a}', roles: ['author'] },
  { form: '新华社记者 {a}', roles: ['reporter'] },
  { form: '本报记者 {a} 见习记者 {b}', roles: ['reporter', 'trainee-reporter'] },
  { form: '{a}', roles: ['author'] },
];
/** Closing credits printed after the body. */
export const END_CREDIT_FORMS = ['（本报记者{a}采访整理）', '（本报记者 {a}）', '（记者{a}）', '（本报记者{a}整理）'] as const;
/** Own-line byline of unsigned commentary. */
export const COMMENTATOR_BYLINES = ['本报评论员', '■本报评论员', '本报特约评论员'] as const;

/**
 * The crawl prints a column label as a bracketed suffix of the headline ("…保障（今日谈）"); the
 * printed page sets it as a banner. Labels of commentary columns make the item an editorial.
 */
export const HEADLINE_LABEL = /[（(]([^（）()]{2,14})[）)]$/;
export const EDITORIAL_LABELS = /^(?:社论|今日谈|人民时评|评论员观察|本报评论员|人民论坛|人民观点|评论员文章|本报评论部|望海楼|钟声|仲音|任仲平|短评|快评|时评|观点|金台视线)$/;
/** A byline form that goes with an editorial label. */
export const LABEL_BYLINES: Readonly<Record<string, string>> = { 评论员观察: '本报评论员', 本报评论员: '本报评论员', 评论员文章: '本报评论员' };

/** The crawl's photo credit paragraph ("唐  克摄（影像中国）", "本报记者 张武军摄", a cartoon's "曹  一图  于  石文"). */
export const PHOTO_CREDIT = /(?:摄|摄影报道|供图)(?:[（(][^（）()]{2,10}[）)])?$|^[\u4e00-\u9fff·\s]{2,12}图\s+[\u4e00-\u9fff·\s]{2,12}文$/;
export const PHOTO_CREDIT_MAX = 40;
/** Generic photo headlines: a label, not a headline. */
export const PHOTO_LABELS = /^(?:图片报道|图片新闻|新春走基层|影像中国)$/;
/** Headlines the crawl gives ads, and ad sponsors (kicker of a text-less item). */
export const AD_HEADLINE = /^(?:广告|公益广告)$/;
/** A paragraph opening with a dateline byline: the article's contributors are in the text, unknown to the builder. */
export const DATELINE_OPENING = /^(?:本报|新华社|据新华社|中新社|据|人民网|新华网|央视|记者)/;
/** A crosshead in the crawl: a short paragraph without closing punctuation inside an article. */
export const CROSSHEAD_MAX = 20;
/** An editor's sign-off closing an editor's note ("——编  者"): a credit line, not a paragraph. */
export const EDITOR_SIGNOFF = /^——\s*编\s*者$/;
/** A closing credit in the crawl's text ("（本报记者某某采访整理）"): a short bracketed last paragraph. */
export const CRAWL_END_CREDIT = /^[（(][^（）()]{2,30}(?:记者|通讯员|整理|电)[^（）()]{0,12}[）)]$/;
export const CLOSING_PUNCT = /[。！？!?…”’」』）)；;：:]$/;

/** Invented briefs column headers; the column's short articles are printed under them. */
export const BRIEFS_HEADERS = ['速览', '新闻速览', '要闻速览', '简讯', '快讯', '综合消息'] as const;
export const BRIEF_MAX_CHARS = 220;

/** Invented notices (kind notice): title and body lines. */
export const NOTICES: readonly string[][] = [
  ['更正', '本报{m}月{d}日第{p}版刊发的稿件中，有一处人名有误，特此更正。', '人民日报社'],
  ['征订启事', '欢迎订阅人民日报。全国各地邮局均可办理订阅手续，邮发代号1-1。', '订阅热线：11185'],
  ['声明', '近期有不法分子冒用本报名义开展所谓“评选”活动，本报从未授权任何单位或个人开展此类活动，特此声明。', '人民日报社', '{y}年{m}月{d}日'],
  ['读者来信启事', '本版欢迎读者来信，来信请注明真实姓名和联系方式。', '来信地址：北京市朝阳区金台西路2号'],
];
/** Invented advertisements (kind advertisement). */
export const ADS: readonly string[][] = [
  ['公益广告', '文明健康 有你有我', '中国网络电视台 宣'],
  ['讲文明 树新风', '公益广告', '中国文明网 宣'],
  ['节约粮食 从我做起', '光盘行动 你我同行', '人民日报社 宣'],
  ['山水画卷 四季皆景', '欢迎来旅游', '咨询热线：400-800-1234'],
];

/** Full-width marks and their ASCII forms (the builder's ASCII-punctuation pages). */
export const ASCII_PUNCT: Readonly<Record<string, string>> = { '，': ',', '：': ':', '；': ';', '（': '(', '）': ')', '！': '!', '？': '?' };

/**
 * What Tesseract makes of some marks on Chinese pages (seen on real OCR, see issue 10 §6): the
 * builder's noisy variants apply these to the text before the gold is taken from it.
 */
export const OCR_CONFUSIONS: readonly (readonly [string, readonly string[]])[] = [
  ['（', ['《', '〈', '(']],
  ['）', ['》', ')']],
  ['■', ['国', '于']],
  ['□', ['口']],
  ['——', ['-一', '一一', '—']],
];

/**
 * Debris Tesseract reads from rules, photo boxes and column gutters, seen on the real OCR pages
 * (a stray line of its own between paragraphs): the builder's noisy variants print a few.
 */
export const OCR_DEBRIS = ['|', '图', '四', '国', '一', '口', '丨', '1', '、', '。', 'LA', '86', '|  |', '图 国', 'i', '二'] as const;
/** A headline in two parts ("坚持守正创新 推进深度融合"), each printed on its own line when split. */
export const TWO_PART_HEADLINE = /^(\S{3,})\s+(\S{3,})$/;
