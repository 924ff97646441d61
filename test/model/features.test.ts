// Features added for the errors seen on the held-out month: the vocabulary on both sides of a
// candidate title (crosshead inside one article, or a new article's headline), a dateline wrapped
// over two lines, names alone on a line, a closing wire credit, and the paragraph end above.
import { describe, expect, it } from 'vitest';
import { lineVocabulary } from '../../core/engine/model/vocabulary.ts';
import { pageInput } from '../../core/engine/model/page-input.ts';
import { zhDailyRules } from '../../core/engine/rules/zh-daily.ts';

const body = () => true;
const all = () => true;

describe('vocabulary around a line', () => {
  // One article about a rice harvest, then a crosshead, then more of the same article; and the same
  // first half followed by a headline and an article about a railway.
  const harvest = ['今年水稻丰收在望，农民忙着收割水稻，', '合作社组织农机帮助农民抢收水稻。'];
  const moreHarvest = ['水稻收割以后，合作社帮助农民烘干水稻，', '农民说今年的水稻收成比去年好。'];
  const railway = ['新建铁路今天开通运营，列车时速三百五十公里，', '铁路部门表示沿线车站同步启用。'];

  it('the text below a crosshead shares more with the text above than the text below a new headline', () => {
    const cross = lineVocabulary([...harvest, '机械化助力秋收', ...moreHarvest], (i) => i === 2, body)[2]!;
    const head = lineVocabulary([...harvest, '新建铁路开通运营', ...railway], (i) => i === 2, body)[2]!;
    expect(cross.aboveBelow).toBeGreaterThan(0.3);
    expect(head.aboveBelow).toBeLessThan(0.1);
    expect(cross.aboveBelow).toBeGreaterThan(head.aboveBelow);
    // The headline's own words are found below it and not above: it leans towards the article below.
    expect(head.titleLean).toBeGreaterThan(0.5);
  });

  it('measures only the candidates, reads only running text, and says when a side is empty', () => {
    const texts = ['新建铁路开通运营', ...railway];
    const v = lineVocabulary(texts, (i) => i === 0, all);
    expect(v[0]!.aboveBelow).toBe(-1);
    expect(v[1]).toBeUndefined();
    // Lines that are not running text stay out of the windows: with none, both sides are empty.
    const none = lineVocabulary([...harvest, '机械化助力秋收', ...moreHarvest], (i) => i === 2, () => false)[2]!;
    expect(none).toEqual({ aboveBelow: -1, titleLean: 0 });
  });
});

describe('line features', () => {
  const featuresOf = (text: string, lineText: string): string[] => {
    const input = pageInput(text, zhDailyRules);
    const at = input.layout.lines.findIndex((l) => l.folded.startsWith(lineText));
    expect(at).toBeGreaterThanOrEqual(0);
    return input.features[at]!.own;
  };

  it('reads a dateline wrapped over two lines as one ("新华社北京1" / "0月27日电（记者…）")', () => {
    const page = '《为了人民健康》今起播出\n新华社北京1\n0月27日电（记者余俊杰）为\n推进健康中国建设，纪录片今起播出。\n';
    expect(featuresOf(page, '新华社北京1')).toContain('leadjoin');
    expect(featuresOf(page, '推进健康')).not.toContain('leadjoin');
  });

  it('marks names alone on a line', () => {
    const page = '与时间做朋友\n冯建航\n最近，一位民间摄影师拍摄的故宫照片意外走红。\n';
    expect(featuresOf(page, '冯建航')).toContain('p:bare');
    expect(featuresOf(page, '最近')).not.toContain('p:bare');
  });

  it('measures a line against the local column width, and reads a closing wire credit and the paragraph end above', () => {
    const page = '与时间做朋友\n最近，一位民间摄影师拍摄的故宫照片意外走红。\n翻看他的照片，天光变化中的古建筑之美让人惊艳。（新华社北京10月26日电）\n历经生死更坚定\n';
    expect(featuresOf(page, '翻看')).toContain('p:endcredit');
    expect(featuresOf(page, '最近')).not.toContain('p:endcredit');
    // The line above "翻看…" ends a sentence: the feature names its length bucket and its closing stop.
    expect(featuresOf(page, '翻看').find((f) => f.startsWith('prv='))).toMatch(/^prv=\d+\|stop\|bb=0\|ind=0$/);
    expect(featuresOf(page, '与时间')).toContain('prv=none');
    // The short last line of the page is short against its neighbours, whatever the page's width.
    expect(featuresOf(page, '历经').find((f) => f.startsWith('lrel='))).toMatch(/^lrel=[0-3]\|han$/);
  });

  it('counts the characters a line falls short of the common column width nearby (OCR drops the indent)', () => {
    // Tesseract text of a 12-character column: the paragraph's first line lost its two-character
    // indent, a stray mark made one line longer, and a line read across two columns has a gap.
    const page = [
      '新华社北京10月2日电',
      '今年秋粮收购工作已经全面启',
      '动，各地粮食部门提前做好仓容',
      '准备，保障农民售粮顺畅。',
      '据了解，今年粮食生产再获',
      '丰收，秋粮收购量预计较去年多',
      '有所增加，市场运行总体平稳。1',
      '收购资金充足        仓储设施',
    ].join('\n');
    const dw = (line: string) => featuresOf(page, line).find((f) => /^dw=[^|]+$/.test(f));
    expect(dw('动，各地')).toBe('dw=0');
    expect(dw('据了解')).toBe('dw=-2');
    expect(dw('有所增加')).toBe('dw=1');
    expect(dw('收购资金')).toBe('dw=g');
    // Combined with how the line above ends: "据了解" follows a sentence's end, short.
    expect(featuresOf(page, '据了解')).toContain('dw=-2|-2|stop');
  });
});
