// The builder's label of a crawled paragraph: crossheads only for display lines; names, signatures
// and dates are credits (byline inside an article, credit at its end); table rows and verse are
// paragraphs (resources/README.md, "Conventions"). Examples are lines of the 人民日报 crawl.
import { describe, expect, it } from 'vitest';
import { isNameLine, isSignOffLine, isTableRow, paragraphRole } from '../../electron/training/block-roles.ts';
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
