// What Tesseract really makes of page furniture: the rule pack repairs misread byline brackets,
// bullets and subtitle dashes (length-preserving), so the engine reads them as printed.
import { describe, expect, it } from 'vitest';
import { segmentPage, zhDailyRules as pack } from '../../core/engine/index.ts';
import { repairOcr } from '../../core/engine/rules/zh-ocr.ts';

describe('OCR repair in the Chinese pack', () => {
  it.each([
    ['本报讯《记者 张三》今天上午', '本报讯（记者 张三）今天上午'],
    ['《记者 张三 通讯员 李四》', '（记者 张三 通讯员 李四）'],
    ['国 本报记者 王五', '■ 本报记者 王五'],
    ['于 记者 赵六', '■ 记者 赵六'],
    ['口 沈家禾', '□ 沈家禾'],
    ['-一全面贯彻党的二十大精神', '——全面贯彻党的二十大精神'],
    // Typed after Tesseract 5 (chi_sim) output of rendered 人民日报 pages (.cache/corpus ocr-work).
    ['国本报记者 李红玉', '■本报记者 李红玉'],
    ['国本报评论员', '■本报评论员'],
    // A bare role word glued to the bullet: a photo credit's or a commentator's line of names.
    ['国见习记者 王皓永 摄', '■见习记者 王皓永 摄'],
    ['国见习记者”万思远 ”摄', '■见习记者”万思远 ”摄'],
    ['于评论员 林枫', '■评论员 林枫'],
    ['国晚报评论员 钟岩', '■晚报评论员 钟岩'],
    [`口本报评论员${' '.repeat(36)}`, `□本报评论员${' '.repeat(36)}`],
    ['口记者王皓永摄', '□记者王皓永摄'],
    // 本 of the dateline 本报讯 misread, before a bracketed role word.
    ['未报讯 （记者 薛航）1月10日，', '本报讯 （记者 薛航）1月10日，'],
    ['林报讯 (特约通讯员 伍丽华) 11月19日', '本报讯 (特约通讯员 伍丽华) 11月19日'],
    // The ▲ opening a photo caption read as 全.
    ['全10月12日，曲陵农商银行工作人员走进城南社区', '▲10月12日，曲陵农商银行工作人员走进城南社区'],
    ['本报北京10月7日电《〈记者', '本报北京10月7日电 （记者'],
    ['本报北京10月7日电 〈记者李红梅) 来自', '本报北京10月7日电 （记者李红梅） 来自'],
    ['一一热烈庆祝中华人民共和国成立七十周年', '——热烈庆祝中华人民共和国成立七十周年'],
    ['天津滨海新区一一', '天津滨海新区——'],
    [']月24日，武汉关闭离汉通', '1月24日，武汉关闭离汉通'],
    ['倪飞) 1]月23日至2月2日春节假期', '倪飞) 11月23日至2月2日春节假期'],
    ['(2019年10月]日)', '(2019年10月1日)'],
    ['(上接第]版)', '(上接第1版)'],
    ['(上接第一且)', '(上接第一版)'],
    ['(上接第1且)国歌唱毕,', '(上接第1版)国歌唱毕,'],
    ['田如瑞摄 〈(人民视觉', '田如瑞摄  （人民视觉'],
    ['刘勤利摄 《影像中国)', '刘勤利摄 （影像中国)'],
    ['到片报道', '图片报道'],
    ['辐片报道', '图片报道'],
  ])('%s → %s', (ocr, printed) => {
    const repaired = repairOcr(ocr);
    expect(repaired).toBe(printed);
    expect(repaired.length).toBe(ocr.length);
  });

  it('leaves prose alone', () => {
    for (const line of ['《人民日报》记者近日走访', '国务院常务会议部署', '于是他又回到了村里', '口岸通关时间缩短', '2-一季度数据',
      '国本报记者会上说，', '于记者会上宣布', '于记者节当天举行', '国记者站设在北京', '国评论员文章', '全10月份工业增加值', '全市10月12日起实行', '快报讯息', '晚报讯（晚报记者 陈俊）', '一一', '第一季度同比增长', '数组a[i]月份', '读过《人民视觉》杂志', '上接第一且慢', '他的照片报道了真相', '这组图片报道']) {
      expect(repairOcr(line)).toBe(line);
    }
  });

  it('reads repaired bylines and credits with their names as printed', () => {
    expect(pack.leadingByline(pack.fold('本报讯《记者 张三》今天上午'))?.contributors).toEqual([{ name: '张三', role: 'reporter' }]);
    expect(pack.standaloneByline(pack.fold('国 本报记者 王五'))?.contributors).toEqual([{ name: '王五', role: 'reporter' }]);
    expect(pack.isDashSubtitle(pack.fold('-一全面贯彻党的二十大精神'))).toBe(true);
    expect(pack.standaloneByline(pack.fold('国本报记者孔形瀣'))?.contributors).toEqual([{ name: '孔形瀣', role: 'reporter' }]);
    expect(pack.leadingByline(pack.fold('本报北京10月7日电 〈记者李红梅) 来自'))?.contributors).toEqual([{ name: '李红梅', role: 'reporter' }]);
    expect(pack.jumpLine(pack.fold('(上接第]版)'))).toMatchObject({ direction: 'from', page: 1 });
    expect(pack.jumpLine(pack.fold('(上接第一且)'))).toMatchObject({ direction: 'from', page: 1 });
    expect(pack.isLeadOpening(pack.fold(']月24日，武汉关闭离汉通'))).toBe(true);
  });

  it('reads photo credits whose 摄 or source bracket Tesseract misread', () => {
    for (const [line, name] of [['田如瑞摄 〈(人民视觉', '田如瑞'], ['胡悦建摄 (影像中国', '胡悦建'], ['侯崇慧担 (人民视觉', '侯崇慧'], ['何贱来撤(人民视觉)', '何贱来']] as const) {
      expect(pack.photoCredit(pack.fold(line))?.contributors, line).toEqual([{ name, role: 'photographer' }]);
    }
    // A caption sentence before the agency is not a line of names.
    expect(pack.photoCredit(pack.fold('图为老人在敬老院测量体温 (人民视觉)'))).toBeNull();
    expect(pack.photoCredit(pack.fold('他们说起人民视觉'))).toBeNull();
  });

  it('reads photo credits with their source and names spaced out to width', () => {
    expect(pack.photoCredit(pack.fold('王 伟摄（人民视觉）'))).toMatchObject({ start: 0, text: '王 伟摄（人民视觉）', contributors: [{ name: '王伟', role: 'photographer' }] });
    expect(pack.photoCredit(pack.fold('刚采摘的罗汉果。  黎寒池摄(影像中国)'))).toMatchObject({ start: 10, contributors: [{ name: '黎寒池', role: 'photographer' }] });
    expect(pack.endCredit('的需求高度一致。（本报约翰内斯堡10月24日电）')).not.toBeNull();
  });

  it('reads names alone as authors only through bareByline', () => {
    expect(pack.bareByline('韩远志')?.contributors).toEqual([{ name: '韩远志', role: 'author' }]);
    expect(pack.bareByline('王 伟  李四')?.contributors).toEqual([{ name: '王伟', role: 'author' }, { name: '李四', role: 'author' }]);
    expect(pack.bareByline('今天天气很好，我们去公园')).toBeNull();
    expect(pack.standaloneByline('韩远志')).toBeNull();
  });

  it('reads a bracketed sign-off of bare names as its authors, and brackets that name nobody as nothing', () => {
    const authors = (line: string) => pack.bracketedSignature(pack.fold(line))?.contributors ?? null;
    expect(authors('（倪光辉）')).toEqual([{ name: '倪光辉', role: 'author' }]);
    expect(authors('(倪光辉、刘侃)')).toEqual([{ name: '倪光辉', role: 'author' }, { name: '刘侃', role: 'author' }]);
    expect(authors('（柯  文）')).toEqual([{ name: '柯文', role: 'author' }]);
    expect(authors('（执笔：董  涛）')).toEqual([{ name: '董涛', role: 'author' }]);
    expect(authors('（欧阳明）')).toEqual([{ name: '欧阳明', role: 'author' }]);
    expect(['李四', '欧阳明', '韩远志'].every((n) => pack.isPersonName(n))).toBe(true);
    expect(['发展', '组历史', '欧阳', '节选', '上海', '黄浦区', '李'].some((n) => pack.isPersonName(n))).toBe(false);
    for (const none of ['（节选）', '（待续）', '（完）', '（上海）', '（黄浦区）', '（欧阳）', '（本报评论员）', '（作者系北京大学教授）', '倪光辉', '（今天天气很好）']) expect(authors(none), none).toBeNull();
  });

  it('gives a closing bracketed sign-off its authors beside a production credit', () => {
    const page = ['人民日报', '', '前进步伐 势不可挡', '', '　　10月1日，北京，天安门广场。英雄的人民军队严整列阵，共和国武装力量改革重塑后首次整体亮相。', '', '　　党的十八大以来，人民军队进行了整体性变革、革命性重塑。', '', '(倪光辉)', '', '版式设计: 蔡华伟', ''].join('\n');
    const item = segmentPage(page).items.at(-1)!;
    expect(item.contributors).toEqual([{ name: '倪光辉', role: 'author' }, { name: '蔡华伟', role: 'editor' }]);
    expect(item.paragraphs).toHaveLength(2);
  });
});
