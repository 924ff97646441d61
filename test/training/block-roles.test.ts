// The builder's label of a crawled paragraph: crossheads only for display lines; names, signatures
// and dates are credits (byline inside an article, credit at its end); table rows and verse are
// paragraphs (resources/README.md, "Conventions"). Examples are lines of the 人民日报 crawl.
import { describe, expect, it } from 'vitest';
import { isAuthorNote, isBracketedCredit, isNameLine, isSignOffLine, isTableRow, paragraphRole } from '../../electron/training/block-roles.ts';
import { buildPage, type CorpusPage } from '../../electron/training/page-builder.ts';

const MID = [1, 5] as const; // paragraph 2 of 5: inside the article

describe('paragraph roles of the built corpus', () => {
  it('keeps display lines as crossheads', () => {
    for (const p of ['主要改革举措和成效', '一、中国粮食安全成就', '（一）粮食产量稳步增长', '第一章  总  则', '砥砺奋进  逐梦前行', '表8  2019年度全国投资潜力百强县市', '■记者手记', '美国《华盛顿邮报》——', '杨浦区', '林中漫步']) {
      expect(paragraphRole(p, ...MID), p).toBe('crosshead');
    }
  });

  it('reads name lines as bylines inside an article and as credits at its end', () => {
    for (const p of ['本报记者  姜泓冰', '本报记者 张志锋 付 文', '本报记者  崔  佳  常碧罗', '本报驻埃及记者 周 輖', '田  泓  宋迈崎', '汪娟', '（英国）理查德·托马斯·考利特', '光明日报社副总编辑  陆先高', '陕西咸阳市 姚 平']) {
      expect(isNameLine(p), p).toBe(true);
      expect(paragraphRole(p, ...MID), p).toBe('byline');
      expect(paragraphRole(p, 4, 5), p).toBe('credit');
    }
    // A numbered section in brackets is no nationality, a 记者 column no name.
    for (const p of ['（三）投资潜力指数', '■记者手记', '新闻回放', '杨浦区', '传承红色基因 矢志不忘初心']) expect(isNameLine(p), p).toBe(false);
  });

  it('reads dates, production and photo credits as credits wherever they stand', () => {
    for (const p of ['2020年2月21日', '2020年1月28日于黄冈', '版式设计：蔡华伟', '本版摄影：史家民  版式设计：沈亦伶', '新华社记者  刘  潇摄', '郑家裕摄（人民视觉）', '数据来源：中国太平保险集团']) {
      expect(isSignOffLine(p), p).toBe(true);
      expect(paragraphRole(p, ...MID), p).toBe('credit');
      expect(paragraphRole(p, 0, 5), p).toBe('credit');
    }
    expect(isSignOffLine('2020年是决胜全面建成小康社会之年')).toBe(false);
  });

  it('reads a bracketed sign-off as a credit however many names it lists, inside an article or at its end', () => {
    for (const p of [
      '（本报记者胡泽曦、殷新宇、丁子、于洋、丁雪真、苑基荣、姜波、刘军国、尤铭）',
      '（新华社北京10月1日电  记者张旭东、赵超、赵文君、孙奕、杨洋、樊永强、涂铭）',
      '（综合本报记者李刚、庞革平、毕京津、王锦涛、王云娜、张腾扬、申琳、王明峰、戴林峰报道）',
      '（新华社北京10月4日电  记者梅世雄、樊永强、梅常伟，参与采写：云利孝、杨进）',
      '（本报记者  吕中正）',
      '（倪光辉、刘侃）',
      '（李龙伊、蒋 龙、赵英强）',
      '（本报记者周飞亚采访整理）',
      '（执笔：董  涛）',
      '（柯  文）',
    ]) {
      expect(isBracketedCredit(p), p).toBe(true);
      expect(paragraphRole(p, ...MID), p).toBe('credit');
      expect(paragraphRole(p, 4, 5), p).toBe('credit');
    }
    for (const p of ['（作者为中国驻英国大使）', '（本系列评论结束）', '（相关报道见第十版）', '（一）', '（节选）', '（以嘉宾发言先后为序）', '（中国联通湖北省分公司党委书记、总经理  李张挺）']) {
      expect(isBracketedCredit(p), p).toBe(false);
    }
  });

  it("reads an author's note in brackets as a closing credit, like （作者系… X） in the resources' convention", () => {
    for (const p of ['（作者为中国驻英国大使）', '（作者为中央党校（国家行政学院）习近平新时代中国特色社会主义思想研究中心研究员）', '（作者单位：天津市中国特色社会主义理论体系研究中心天津师范大学基地）', '（作者系北京大学教授）']) {
      expect(isAuthorNote(p), p).toBe(true);
      expect(paragraphRole(p, 4, 5), p).toBe('credit');
    }
    for (const p of ['作者为中国驻英国大使', '（摘自10月21日在第六届世界互联网大会媒体融合论坛上的致辞）']) expect(isAuthorNote(p), p).toBe(false);
  });

  it('reads table rows, programme lines, key-value pairs and verse as paragraphs', () => {
    for (const p of ['副主任  1', '经济发展部  部长  1', '10.19 18:00 共青森林公园', '11.2 上音歌剧院', '书名:暗算  作者:麦家', '时间：1月31日  地点：武汉金银潭医院']) {
      expect(isTableRow(p), p).toBe(true);
      expect(paragraphRole(p, ...MID), p).toBe('body-start');
    }
    expect(isTableRow('第一章  总  则')).toBe(false);
    expect(paragraphRole('手抓黄土我不放，', ...MID)).toBe('body-start');
    // Long or punctuated paragraphs stay paragraphs, and so do a short first or last paragraph.
    expect(paragraphRole('这是一段很长的正文，讲述了一个完整的故事。', ...MID)).toBe('body-start');
    expect(paragraphRole('主要改革举措和成效', 0, 5)).toBe('body-start');
  });

  it('labels the built page accordingly: a reporter line is a byline and no paragraph, and the item names nobody it cannot know', () => {
    const page: CorpusPage = {
      paper: '人民日报',
      date: '2020-02-10',
      page: 3,
      articles: [
        {
          order: 1,
          kicker: null,
          headline: '各地多措并举保障生活物资供应',
          subheadline: null,
          paragraphs: ['北京：蔬菜供应充足价格平稳。', '本报记者  王  沛', '各大超市延长营业时间，保障市民购物需求。', '上海：菜篮子工程稳产保供。', '本报记者  申  琳', '全市主要批发市场交易正常。', '版式设计：蔡华伟'],
        },
      ],
    };
    for (let seed = 1; seed <= 6; seed++) {
      const built = buildPage(page, seed, 1);
      const lines = built.text.split('\n');
      const roleOf = (needle: string): string | null | undefined => built.roles[lines.findIndex((l) => l.includes(needle))];
      expect(roleOf('王  沛')).toBe('byline');
      expect(roleOf('申  琳')).toBe('byline');
      expect(roleOf('版式设计')).toBe('credit');
      const item = built.gold.items.find((i) => i.kind === 'article')!;
      expect(item.paragraphs).toBe(4);
      // The names are in the text but not in what the builder knows of the contributors.
      expect(item.contributors).toBeUndefined();
    }
  });
});
