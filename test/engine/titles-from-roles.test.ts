import { describe, expect, it } from 'vitest';
import { zhDailyRules as pack } from '../../core/engine/index.ts';
import { areHeadlineHalves, isLeadIn, isWholeHeadline, titlesFromRoles } from '../../core/engine/titles.ts';
import type { LineRole } from '../../core/engine/model/line-roles.ts';

const settle = (lines: [string, LineRole][]) => titlesFromRoles(lines.map(([t]) => t), lines.map(([, r]) => r), pack);

describe('titles as the model decoded them', () => {
  it('keeps a consistent reading', () => {
    expect(
      settle([
        ['全省秋粮收购工作会议召开', 'headline'],
        ['副省长到会讲话', 'subheadline'],
      ]),
    ).toEqual({ kicker: null, headline: '全省秋粮收购工作会议召开', subheadline: '副省长到会讲话', series: null });
  });
});

describe('a line leading into the next is a kicker', () => {
  it.each(['周海川：', '周海川:', '记者走访城郊菜市场——', '记者走访城郊菜市场-一'])('%s leads in', (line) => expect(isLeadIn(line, pack)).toBe(true));
  it.each(['菜价稳了 货源足了', '“一站式”服务：让群众少跑腿'])('%s does not', (line) => expect(isLeadIn(line, pack)).toBe(false));

  it('a name and colon over the headline is not part of it', () => {
    expect(
      settle([
        ['基层先锋谱', 'series'],
        ['周海川：', 'headline'],
        ['逆行而上 守护家园', 'headline'],
      ]),
    ).toEqual({ kicker: '周海川：', headline: '逆行而上 守护家园', subheadline: null, series: '基层先锋谱' });
  });

  it('the line a dash leads into is the headline', () => {
    const t = settle([
      ['记者走访城郊菜市场——', 'headline'],
      ['菜价稳了 货源足了', 'subheadline'],
    ]);
    expect(t.kicker).toBe('记者走访城郊菜市场——');
    expect(t.headline).toBe('菜价稳了 货源足了');
  });

  it('a line read as headline above the lead-in is a banner over both', () => {
    const t = settle([
      ['统筹推进冬春农业生产', 'headline'],
      ['多地抓紧落实备耕措施——', 'kicker'],
      ['田间地头一派繁忙', 'headline'],
    ]);
    expect(t.headline).toBe('田间地头一派繁忙');
    expect(t.kicker).toBe('统筹推进冬春农业生产\n多地抓紧落实备耕措施——');
  });
});

describe('a headline printed in two halves', () => {
  it.each([
    ['守望相助', '共克时艰', true],
    ['护好绿水', '守住青山', true],
    ['稳岗位', '促增收', true],
    ['守望相助', '共克时艰了', false],
    ['乡村·纪事', '稻花香满田', false],
    ['有序复工复产', '保障供应，', false],
    ['青山绿水间的小村', '日子越过越红火', false],
  ])('%s / %s: %s', (a, b, halves) => expect(areHeadlineHalves(a, b, pack)).toBe(halves));

  it('a half read as kicker joins the headline', () => {
    expect(
      settle([
        ['守望相助', 'kicker'],
        ['共克时艰', 'headline'],
      ]),
    ).toEqual({ kicker: null, headline: '守望相助\n共克时艰', subheadline: null, series: null });
  });

  it('a half read as series joins the headline, the subtitle stays', () => {
    const t = settle([
      ['护好绿水', 'series'],
      ['守住青山', 'headline'],
      ['——湖畔村庄十年变迁记', 'subheadline'],
    ]);
    expect(t.headline).toBe('护好绿水\n守住青山');
    expect(t.series).toBeNull();
    expect(t.subheadline).toBe('——湖畔村庄十年变迁记');
  });

  it('lines a byline parts are not two halves', () => {
    const t = titlesFromRoles(['守望相助', '共克时艰'], ['headline', 'series'], pack, 1);
    expect(t.headline).toBe('守望相助');
    expect(t.series).toBe('共克时艰');
  });

  it('a series name with an interpunct is not a half', () => {
    const t = settle([
      ['乡村·纪事', 'series'],
      ['稻花香满田', 'headline'],
    ]);
    expect(t.headline).toBe('稻花香满田');
    expect(t.series).toBe('乡村·纪事');
  });

  it('two halves among three headline lines are the headline; the line above is the kicker', () => {
    const t = settle([
      ['全力推进秋粮收购工作', 'headline'],
      ['颗粒归仓', 'headline'],
      ['农民增收', 'headline'],
    ]);
    expect(t.kicker).toBe('全力推进秋粮收购工作');
    expect(t.headline).toBe('颗粒归仓\n农民增收');
  });
});

describe('a line holding the whole headline', () => {
  it.each([
    ['老街焕新颜 居民笑开颜', true],
    ['稳岗位  促增收', true],
    ['城市更新步入快车道', false],
    ['习近平出席会议并讲话李强主持 赵乐际王沪宁蔡奇丁薛祥出席', false],
    ['小微企业贷款更便利了（金融观察·服务实体经济②）', true],
    ['小微企业贷款更便利了（记者手记）', false],
  ])('%s: %s', (line, two) => expect(isWholeHeadline(line)).toBe(two));

  it('a headline line above it is the kicker', () => {
    const t = settle([
      ['城市更新步入快车道', 'headline'],
      ['老街焕新颜 居民笑开颜', 'headline'],
    ]);
    expect(t).toEqual({ kicker: '城市更新步入快车道', headline: '老街焕新颜 居民笑开颜', subheadline: null, series: null });
  });

  it('a headline line above a headline closed by its series tag is the kicker', () => {
    const t = settle([
      ['普惠金融服务持续扩面增效', 'headline'],
      ['小微企业贷款更便利了（金融观察·服务实体经济②）', 'headline'],
    ]);
    expect(t.kicker).toBe('普惠金融服务持续扩面增效');
    expect(t.headline).toBe('小微企业贷款更便利了（金融观察·服务实体经济②）');
  });

  it('a headline line below it is the subheadline', () => {
    const t = settle([
      ['老街焕新颜 居民笑开颜', 'headline'],
      ['城市更新步入快车道', 'headline'],
    ]);
    expect(t.headline).toBe('老街焕新颜 居民笑开颜');
    expect(t.subheadline).toBe('城市更新步入快车道');
  });
});

describe('a sentence beside the headline', () => {
  it('below it is the deck', () => {
    const t = settle([
      ['强化科技支撑', 'headline'],
      ['全省新建高标准农田一百万亩，灌溉水有效利用率进一步提高。', 'headline'],
    ]);
    expect(t.headline).toBe('强化科技支撑');
    expect(t.subheadline).toBe('全省新建高标准农田一百万亩，灌溉水有效利用率进一步提高。');
  });

  it('alone it stays the headline', () => {
    expect(settle([['天更蓝了，水更清了。', 'headline']]).headline).toBe('天更蓝了，水更清了。');
  });
});

describe("the pack's word cues", () => {
  const cued = {
    ...pack,
    isAttendanceLine: (line: string) => /(?:出席|主持)$/.test(line),
    isOccasionLeadIn: (line: string) => /^就/.test(line),
    isPlaceName: (line: string) => /(?:县|村)$/.test(line),
  };
  const settleCued = (lines: [string, LineRole][]) => titlesFromRoles(lines.map(([t]) => t), lines.map(([, r]) => r), cued);

  it('an attendance line is not the headline: the line above it is', () => {
    const t = settleCued([
      ['全省秋粮收购工作会议召开', 'kicker'],
      ['副省长周海川出席', 'headline'],
    ]);
    expect(t.headline).toBe('全省秋粮收购工作会议召开');
    expect(t.subheadline).toBe('副省长周海川出席');
    expect(t.kicker).toBeNull();
  });

  it('an occasion over the headline is its kicker', () => {
    const t = settleCued([
      ['就两市缔结友好城市十周年', 'headline'],
      ['两市市长互致贺信', 'subheadline'],
    ]);
    expect(t.kicker).toBe('就两市缔结友好城市十周年');
    expect(t.headline).toBe('两市市长互致贺信');
  });

  it('a place alone over the headline is its kicker', () => {
    const t = settleCued([
      ['云溪县', 'headline'],
      ['山路修到家门口', 'headline'],
    ]);
    expect(t.kicker).toBe('云溪县');
    expect(t.headline).toBe('山路修到家门口');
  });

  it('where the cues say no, the model reading stands', () => {
    const silent = { ...pack, isAttendanceLine: () => false, isOccasionLeadIn: () => false, isPlaceName: () => false };
    const t = titlesFromRoles(['云溪县', '山路修到家门口'], ['headline', 'headline'], silent);
    expect(t.headline).toBe('云溪县\n山路修到家门口');
  });

  it('a two-part headline that names who received the visitors is still the headline', () => {
    // Only attendance lines the pack names move; a headline ending in 会见 is not one of them.
    const t = settleCued([
      ['加强两地交流合作 携手互促联动发展', 'kicker'],
      ['市长率队赴外地考察学习 当地市长会见', 'headline'],
    ]);
    expect(t.headline).toBe('市长率队赴外地考察学习 当地市长会见');
  });
});
