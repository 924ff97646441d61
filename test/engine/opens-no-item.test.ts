// Lines that open no item whatever the model reads: OCR debris, and the inside of a bracket left open.
import { describe, expect, it } from 'vitest';
import { zhDailyRules as pack } from '../../core/engine/rules/zh-daily.ts';
import { decodePage } from '../../core/engine/model/decode.ts';
import { LABEL_COUNT, labelOf } from '../../core/engine/model/labels-space.ts';
import type { LineRole } from '../../core/engine/model/line-roles.ts';
import type { LineRoleModel } from '../../core/engine/model/weights.ts';

const model: LineRoleModel = {
  version: 'test', seed: 1, epochs: 1, trainedOn: 'none', featureSetHash: 'none', confidenceScale: 1,
  transitions: new Float64Array((LABEL_COUNT + 1) * LABEL_COUNT), rows: new Map(),
};

/** Emissions that favour one label per line by 1, and optionally a second label on some lines. */
function emissions(best: [LineRole, boolean][], second: [number, LineRole, boolean, number][] = []): Float64Array {
  const em = new Float64Array(best.length * LABEL_COUNT);
  best.forEach(([role, start], i) => (em[i * LABEL_COUNT + labelOf(role, start)] = 1));
  for (const [i, role, start, score] of second) em[i * LABEL_COUNT + labelOf(role, start)] = score;
  return em;
}

describe('the rule pack', () => {
  it('knows OCR debris from a short title', () => {
    for (const line of ['aa', '人', '86', 'i', '|', '。']) expect(pack.isDebris(line), line).toBe(true);
    for (const line of ['和音', '快评', '回  家', '5G网络', '广告']) expect(pack.isDebris(line), line).toBe(false);
  });

  it('knows characters OCR scattered across a photo or a banner from a letterspaced title', () => {
    for (const line of ['生 产', '阳   市   生', '十 分 规 范', '在          特          殊          时', '中     型']) expect(pack.isDebris(line), line).toBe(true);
    for (const line of ['回  家', '精确  高效  及时', '四\u3000川', '英雄的城市 英雄的人民', '讲文明 树新风']) expect(pack.isDebris(line), line).toBe(false);
  });

  it('knows running text opened by a lead clause: a time word or a connective and its comma', () => {
    for (const line of ['日前,经中共中央批准,中央纪委国家', '目前，重庆已经建立近200个集中隔离医', '今天，我们召开统筹推进新', '与此同时，']) expect(pack.isRunningText(line), line).toBe(true);
    for (const line of ['数字经济,高质量发展新引擎', '小面条，大生活', '日前召开的会议', '今天的中国']) expect(pack.isRunningText(line), line).toBe(false);
  });

  it('knows running text: a sentence ending inside the line, a line stopping on a comma', () => {
    for (const line of ['宣传防控知识。她把敬老院当成自己的家', '购买食材、测量体温、', '他说，']) expect(pack.isRunningText(line), line).toBe(true);
    for (const line of ['武汉加油！中国加油！', '10天10夜!火神山医院这样建成', '我们一定赢。', '疫情面前，有把衡量道义的尺子']) expect(pack.isRunningText(line), line).toBe(false);
    // A stop opening the line ends the sentence above, or is OCR debris before a headline: running
    // text only when the line goes on as a sentence does.
    for (const line of ['。在接下来的时间里,我和同事们一起走访群', '。”衡东县兴旺农业合作社负责人刘文涛说。他']) expect(pack.isRunningText(line), line).toBe(true);
    for (const line of ['。 跨境电商B2B出口跑出“加速度”', '。完善针对小农户的扶']) expect(pack.isRunningText(line), line).toBe(false);
  });

  it('knows a production credit', () => {
    for (const line of ['版式设计：郭 祥 汪哲平', '制图:郭 祥', '责任编辑：孙平超', '本版制图: 郭祥', '本版责编：王五']) expect(pack.isProductionCredit(line), line).toBe(true);
    for (const line of ['编辑同志：', '设计师的匠心', '凭栏处', '本版欢迎读者来信', '编者按', '致编者的信']) expect(pack.isProductionCredit(line), line).toBe(false);
  });

  it("knows the editors' sign-off under an editor's note, its dash dropped or misread by OCR", () => {
    for (const line of ['——编者', '——编  者', '一一编者', '-一编 者', '编者']) expect(pack.isProductionCredit(line), line).toBe(true);
  });

  it('knows a line that leaves a bracket open', () => {
    for (const line of ['（执笔：王', '(作者为', '田如瑞摄  （人民视觉']) expect(pack.leavesBracketOpen(line), line).toBe(true);
    // Closed, closed by OCR's "》", or a sentence that ends: nothing goes on inside.
    for (const line of ['（本报记者 王五）', '（本报布鲁塞尔1月31日电》', '批次（6月份毕业与学位审议外。', '生命至上，大国担当']) {
      expect(pack.leavesBracketOpen(line), line).toBe(false);
    }
  });
});

describe('decoding with lines that open no item', () => {
  it('starts the item at the title under a debris line the model opened it at', () => {
    // As trained models have it: a headline goes on an item only under its own title lines.
    const transitions = new Float64Array((LABEL_COUNT + 1) * LABEL_COUNT);
    const titleLines = new Set([labelOf('headline', true), labelOf('headline', false), labelOf('other', true)]);
    for (let x = 0; x < LABEL_COUNT; x++) if (!titleLines.has(x)) transitions[x * LABEL_COUNT + labelOf('headline', false)] = -5;
    const trained = { ...model, transitions };
    const em = emissions([['body-start', true], ['body', false], ['other', true], ['headline', false], ['body-start', false]], [[3, 'headline', true, 0.9]]);
    expect(decodePage(trained, em).starts).toEqual([0, 2]);
    const decoded = decodePage(trained, em, undefined, { noStart: new Set([2]) });
    expect(decoded.starts).toEqual([0, 3]);
    expect(decoded.roles[3]).toBe('headline');
  });

  it('reads no title on a line of running text', () => {
    const em = emissions([['headline', true], ['body-start', false], ['kicker', true], ['body', false]], [[2, 'body', false, 0.5]]);
    expect(decodePage(model, em).starts).toEqual([0, 2]);
    const decoded = decodePage(model, em, undefined, { noTitle: new Set([2]) });
    expect(decoded.roles[2]).toBe('body');
    expect(decoded.starts).toEqual([0]);
  });

  it('changes nothing when the model opens no item there', () => {
    const em = emissions([['headline', true], ['body-start', false], ['body', false]]);
    expect(decodePage(model, em, undefined, { noStart: new Set([1, 2]) }).starts).toEqual([0]);
  });
});

describe('a header the path split', () => {
  it('joins an item of title lines alone to the item its title run goes on into', () => {
    const em = emissions([['headline', true], ['body-start', false], ['kicker', true], ['headline', true], ['body-start', false]], [[3, 'headline', false, 0.9]]);
    const decoded = decodePage(model, em);
    expect(decoded.starts).toEqual([0, 2]);
    expect(decoded.roles).toEqual(['headline', 'body-start', 'kicker', 'headline', 'body-start']);
  });

  it('leaves the page\'s first item alone, and an item with text', () => {
    expect(decodePage(model, emissions([['headline', true], ['series', true], ['headline', false], ['body-start', false]], [[1, 'series', false, 0.9]])).starts).toEqual([0, 1]);
    expect(decodePage(model, emissions([['headline', true], ['body-start', false], ['headline', true], ['body-start', false]])).starts).toEqual([0, 2]);
  });
});
