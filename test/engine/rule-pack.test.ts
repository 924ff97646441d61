import { describe, expect, it } from 'vitest';
import { zhDailyRules as pack } from '../../core/engine/index.ts';
import { parseNumeral } from '../../core/engine/rules/zh-numerals.ts';

const folded = (line: string) => pack.fold(line);
const names = (b: { contributors: { name: string; role: string }[] } | null) => b?.contributors.map((c) => `${c.name}/${c.role}`);

describe('Chinese numerals', () => {
  it.each([
    ['六', 6], ['十', 10], ['十二', 12], ['二十', 20], ['二十四', 24], ['一百零五', 105], ['二〇二一', 2021], ['16', 16], ['１２', 12],
  ])('%s is %d', (text, value) => expect(parseNumeral(text)).toBe(value));
  it('refuses words that are not numbers', () => expect(parseNumeral('第六')).toBeNull());
});

describe('bylines opening a paragraph', () => {
  it.each([
    ['本报讯 (记者 彭斌) 立足新发展阶段', '本报讯 (记者 彭斌)', ['彭斌/reporter']],
    ['本报讯（记者 张三 通讯员 李四 王五）今天', '本报讯（记者 张三 通讯员 李四 王五）', ['张三/reporter', '李四/correspondent', '王五/correspondent']],
    ['本报北京1月6日电 (记者 王迪) 昨天', '本报北京1月6日电 (记者 王迪)', ['王迪/reporter']],
    ['新华社北京2月27日电（记者 王迪）据悉', '新华社北京2月27日电（记者 王迪）', ['新华社/agency', '王迪/reporter']],
    ['本报讯（记者 唐国庆 见习记者 万思远）连日来', '本报讯（记者 唐国庆 见习记者 万思远）', ['唐国庆/reporter', '万思远/trainee-reporter']],
    ['本报讯（记者 贺敏 实习生 邓子涵）6月18日', '本报讯（记者 贺敏 实习生 邓子涵）', ['贺敏/reporter', '邓子涵/trainee-reporter']],
    ['中央社記者 林小明 台北5日電 行政院', '中央社记者 林小明 台北5日电', ['中央社/agency', '林小明/reporter']],
  ])('%s', (line, text, contributors) => {
    const byline = pack.leadingByline(folded(line));
    expect(byline?.text).toBe(text);
    expect(names(byline)).toEqual(contributors);
  });
  it('does not take prose for a byline', () => {
    expect(pack.leadingByline('本报记者近日走访了多家企业')).toBeNull();
  });
});

describe('bylines on a line of their own', () => {
  it.each([
    ['■本报记者 邹红辉', ['邹红辉/reporter']],
    ['■本报评论员', ['本报评论员/commentator']],
    ['■评论员　林枫', ['林枫/commentator']],
    ['记者 张三 报道', ['张三/reporter']],
    ['文/张三', ['张三/author']],
    ['文｜林小满', ['林小满/author']],
    ['编辑：周敏', ['周敏/editor']],
    ['（编辑 王芳）', ['王芳/editor']],
    ['（作者系某大学教授 张某某）', ['张某某/author']],
    // The pack reads the folded line (陳 → 陈); the engine reads names back as printed (zh-fold.test.ts).
    ['■記者 陳大文', ['陈大文/reporter']],
    ['读者 王素梅', ['王素梅/author']],
    ['晚报记者 单宇航 通讯员 麦琳', ['单宇航/reporter', '麦琳/correspondent']],
    ['（记者 单宇航 整理）', ['单宇航/reporter']],
    ['江北区读者 刘国栋', ['刘国栋/author']],
    ['記者林志豪／淡濱報導', ['林志豪/reporter']],
  ])('%s', (line, contributors) => {
    expect(names(pack.standaloneByline(folded(line)))).toEqual(contributors);
  });
  it('does not read a letter\'s salutation or a column label as a byline', () => {
    expect(pack.standaloneByline('编辑同志：')).toBeNull();
    expect(pack.standaloneByline('记者手记')).toBeNull();
  });
  it('refuses a short sentence that merely starts with a role word', () => {
    expect(pack.standaloneByline('记者在现场看到，塔吊林立')).toBeNull();
  });
});

describe('photo and wire credits', () => {
  it.each([
    ['■见习记者 王皓永 摄', ['王皓永/photographer']],
    ['■本报记者 刘洋 通讯员 陈静 摄', ['刘洋/photographer', '陈静/photographer']],
    ['（通讯员 王雪 摄）', ['王雪/photographer']],
    ['本报记者 赵六/摄', ['赵六/photographer']],
    ['图/李四', ['李四/photographer']],
    ['（曲陵农商银行供图）', ['曲陵农商银行/photographer']],
    // Photographs whose story the caption tells; two-character names padded to three characters' width.
    ['朱  磊  黄哲雨摄影报道', ['朱磊/photographer', '黄哲雨/photographer']],
    ['本报记者 吴天顺摄影报道', ['吴天顺/photographer']],
    ['春秋航空供图（新华社发）', ['春秋航空/photographer']],
    // A cartoon: drawn by one, its verse written by the other.
    ['王宇峰图  马  原文', ['王宇峰/photographer', '马原/author']],
  ])('%s', (line, contributors) => {
    expect(names(pack.photoCredit(folded(line)))).toEqual(contributors);
  });
  it('finds a credit closing a caption', () => {
    const line = '市民在海滨长廊晨运。（通讯员 黄晓峰 摄）';
    const credit = pack.photoCredit(line);
    expect(line.slice(credit!.start)).toBe('（通讯员 黄晓峰 摄）');
  });
  it('does not mistake 拍摄 in prose for a credit', () => {
    expect(pack.photoCredit('游客们纷纷驻足拍摄')).toBeNull();
    expect(pack.photoCredit('多家媒体对此进行了摄影报道')).toBeNull();
    expect(pack.photoCredit('这是一幅图 很好的文')).toBeNull();
  });
  it('reads an end credit', () => {
    expect(names(pack.endCredit('(新华社北京2月27日电)'))).toEqual(['新华社/agency']);
  });
});

describe('jump lines', () => {
  it.each([
    ['(下转第六版)', 'to', 6],
    ['（下转第6版）', 'to', 6],
    ['下转第十二版', 'to', 12],
    ['（上接第一版）', 'from', 1],
    ['(上接第2版)指挥部与施工单位签订了', 'from', 2],
    ['數易其稿, (下轉第三版)', 'to', 3],
    ['（下转A7版）', 'to', 7],
    ['（上接A1版）会上', 'from', 1],
  ])('%s', (line, direction, page) => {
    const jump = pack.jumpLine(folded(line));
    expect(jump).toMatchObject({ direction, page });
  });
  it('ignores a jump word in the middle of prose', () => {
    expect(pack.jumpLine('他说，下转第六版的内容还要再改')).toBeNull();
  });
});

describe('commentary', () => {
  it.each(['人民时评', '国际论坛', '新闻评论', '今日谈', '■短评', '评论员观察'])('"%s" labels an editorial', (label) => {
    expect(pack.isEditorialLabel(label)).toBe(true);
  });
  it.each(['评论 4', '论坛召开', '一线直击'])('"%s" does not', (label) => expect(pack.isEditorialLabel(label)).toBe(false));
  it.each([
    ['（本报记者邹静整理）', ['邹静/reporter']],
    ['（本报记者 徐嘉平采访整理）', ['徐嘉平/reporter']],
    ['（记者张三、李四采写）', ['张三/reporter', '李四/reporter']],
  ])('reads the closing credit %s without its verb', (line, contributors) => {
    expect(names(pack.standaloneByline(folded(line)))).toEqual(contributors);
  });
  it('reads 本报特约评论员 on its own line as the commentator', () => {
    expect(names(pack.standaloneByline(folded('■本报特约评论员')))).toEqual(['本报特约评论员/commentator']);
  });
});

describe('title cues', () => {
  it('reads attendance, occasion and place lines', () => {
    expect(['刘鹤出席并讲话', '韩正参加会见', '尤权出席'].every((l) => pack.isAttendanceLine(l))).toBe(true);
    // A headline that ends in 会见 is a headline (Hengyang, 2021-10-29).
    expect(pack.isAttendanceLine('秦国文率队赴苏州考察学习 吴庆文会见')).toBe(false);
    expect(pack.isOccasionLeadIn('就中朝建交70周年')).toBe(true);
    expect(pack.isOccasionLeadIn('就业形势总体稳定')).toBe(false);
    expect(['重庆忠县', '福建武平县尧禄村'].every((l) => pack.isPlaceName(l))).toBe(true);
    expect(pack.isPlaceName('让乡村更美丽')).toBe(false);
  });
});

describe('masthead signals', () => {
  it.each(['要闻 3', '4　评论', 'A5 体育', '第5版 要闻', '国内5', '第二版      要闻'])('an inner page\'s running head "%s" is masthead furniture', (line) => {
    expect(pack.mastheadSignal(line, 0)).toBeGreaterThanOrEqual(2);
  });
  it('does not take a short title with a number for a running head', () => {
    expect(pack.mastheadSignal('今日 3', 0)).toBe(0);
    expect(pack.mastheadSignal('奋斗 2020', 0)).toBe(0);
  });
  it.each(['（曲陵农商银行协办）', '《曲陵农商银行协办)', '〈市体育局冠名〉'])('a sponsor line "%s" under a special page\'s banner is masthead furniture, its bracket as OCR read it too', (line) => {
    expect(pack.mastheadSignal(line, 5)).toBe(2);
  });
});

describe('masthead facts', () => {
  it('reads a front-page masthead', () => {
    const facts = pack.mastheadFacts([
      '云溪日报', 'YUNXI DAILY', '国内统一连续出版物号 CN 43-0099', '邮发代号41-12',
      '2023年3月14日 星期二 农历癸卯年二月廿三', '今日十二版', '第5678期', '新闻热线：0746-1234567',
    ]);
    expect(facts).toMatchObject({
      title: '云溪日报', titleLatin: 'YUNXI DAILY', date: '2023-03-14', weekday: '星期二', lunarDate: '癸卯年二月廿三',
      issueNumber: 5678, pageCount: 12, serial: 'CN 43-0099',
    });
    expect(facts.hotlines).toEqual([{ label: '新闻热线', number: '0746-1234567' }]);
  });
  it('reads a masthead printed on one line', () => {
    const facts = pack.mastheadFacts(['东岭日报 DONGLING DAILY 中共东岭市委机关报', '2024年8月1日 星期四 第7788期 今日8版 CN 36-0021']);
    expect(facts).toMatchObject({ title: '东岭日报', titleLatin: 'DONGLING DAILY', date: '2024-08-01', issueNumber: 7788, pageCount: 8 });
  });
  it('reads dotted and Republic-of-China dates', () => {
    expect(pack.mastheadFacts(['2024.7.9 星期二 城事 A06']).date).toBe('2024-07-09');
    expect(pack.mastheadFacts([pack.fold('中華民國113年3月6日 星期三')]).date).toBe('2024-03-06');
  });
  it('reads a date whose 1 Tesseract read as a bracket (2024年]月8日)', () => {
    expect(pack.mastheadFacts(['HARBOUR TIMES', '2024年]月8日 星期一', '第23456号']).date).toBe('2024-01-08');
  });
  it('reads a date written in Chinese numerals', () => {
    expect(pack.mastheadFacts(['二〇二一年十月二十九日 星期五']).date).toBe('2021-10-29');
  });
});
