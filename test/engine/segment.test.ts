import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveItems, normalizeNewlines, segmentPage, zhDailyRules, type RulePack } from '../../core/engine/index.ts';
import { segmentationSchema } from '../../shared/segmentation.ts';

const pagesDir = join(import.meta.dirname, '../../resources/pages');
const pages = readdirSync(pagesDir).filter((f) => f.endsWith('.txt'));
const read = (name: string) => readFileSync(join(pagesDir, name), 'utf8');
const segmentPageByRules = (text: string) => segmentPage(text, { model: null });

describe.each(pages)('on %s', (name) => {
  const raw = read(name);
  const text = normalizeNewlines(raw);
  const result = segmentPage(raw);

  it('matches the galley.segmentation/1 schema', () => {
    expect(segmentationSchema.safeParse(result).success).toBe(true);
  });
  it('covers the page in order without gaps or overlaps', () => {
    expect(result.items[0]!.start).toBe(0);
    result.items.forEach((item, k) => {
      expect(item.end).toBeGreaterThan(item.start);
      if (k > 0) expect(item.start).toBe(result.items[k - 1]!.end);
    });
    expect(result.items.at(-1)!.end).toBe(text.length);
  });
  it('keeps every flag inside its item', () => {
    for (const item of result.items) {
      for (const flag of item.flags) {
        expect(flag.start).toBeGreaterThanOrEqual(item.start);
        expect(flag.end).toBeLessThanOrEqual(item.end);
      }
    }
  });
  it('gives the same items when the editor re-derives at the same split points', () => {
    const again = deriveItems(text, result.items.map((i) => i.start));
    expect(again).toEqual(result.items);
  });
});

const page = (...lines: string[]) => lines.join('\n');

describe('segmentation rules', () => {
  it('turns CRLF into LF and reports offsets into the normalised text', () => {
    const lf = page('标题一行', '', '本报讯（记者 张三）正文第一段。', '', '第二段。');
    const crlf = segmentPage(lf.replace(/\n/g, '\r\n'));
    expect(crlf).toEqual(segmentPage(lf));
  });

  it('re-joins a paragraph broken across a blank line and keeps real breaks', () => {
    const result = segmentPage(page('标题', '', '本报讯（记者 张三）他说，要坚持高', '', '标准定位。', '', '第二段从这里开始。'));
    expect(result.items[0]!.paragraphs).toEqual(['他说，要坚持高标准定位。', '第二段从这里开始。']);
  });

  it('opens paragraphs at indented lines on a page that indents them', () => {
    const result = segmentPage(
      page('标题', '　　本报讯（记者 张三）第一段写到这里，然后', '换行继续。', '　　第二段。', '　　第三段。'),
    );
    expect(result.items[0]!.paragraphs).toEqual(['第一段写到这里，然后换行继续。', '第二段。', '第三段。']);
  });

  it('takes a photo caption and its credit as a photo item of its own', () => {
    const result = segmentPage(page('标题', '', '本报讯（记者 张三）正文。', '', '10月28日，学生在接种疫苗。', '', '■见习记者 王五 摄'));
    expect(result.items.map((i) => i.kind)).toEqual(['article', 'photo']);
    expect(result.items[1]!.contributors).toEqual([{ name: '王五', role: 'photographer' }]);
    expect(result.items[1]!.paragraphs).toEqual(['10月28日，学生在接种疫苗。']);
  });

  it.each(['要闻 3', '4　评论', 'A5 体育'])('takes the running head "%s" of an inner page as its masthead item', (head) => {
    const result = segmentPage(page(head, '', '保供稳价 市场平稳', '', '本报讯（记者 张三）正文写到这里，市场供应充足。'));
    expect(result.items.map((i) => [i.kind, i.headline])).toEqual([['masthead', null], ['article', '保供稳价 市场平稳']]);
  });

  it('keeps a nameplate OCR misread, under a speck, in the masthead (Tesseract: 港湾时报 read as 港湾时字)', () => {
    const masthead = ['四', '港湾时字', '圭由', '', 'HARBOUR TIMES', '2024年1月8日 星期一', '第23456号', '今日二十四版'];
    const result = segmentPage(page(...masthead, '', '年宵市场摊位下周招投', '', '本报讯（记者 陈大文）一年一度的年宵市场将于2月4日至10日举行，共提供约1500个摊位。'));
    expect(result.items.map((i) => [i.kind, i.headline])).toEqual([['masthead', null], ['article', '年宵市场摊位下周招投']]);
    expect(result.masthead).toMatchObject({ titleLatin: 'HARBOUR TIMES', issueNumber: 23456, pageCount: 24 });
    // A headline over a date line is no misread nameplate: a page that opens with an article keeps it.
    const opening = segmentPage(page('全市春运安全工作会议召开', '', '本报讯（记者 张三）2月1日，全市春运安全工作会议召开，部署春运期间安全工作。'));
    expect(opening.items.map((i) => i.kind)).toEqual(['article']);
  });

  it('keeps a report the model reads as headline and paragraphs a report, though it says 通电话 twice', () => {
    const text = page('李克强同欧盟委员会主席通电话', '', '本报北京2月1日电  国务院总理李克强日前应约同欧盟委员会主席通电话。', '', '李克强指出，中国政府始终把人民群众的生命安全和健康放在第一位。');
    expect(segmentPage(text).items.map((i) => i.kind)).toEqual(['article']);
  });

  it('reads a photo item under a 图片报道 banner: no headline, credited 摄影报道', () => {
    const result = segmentPage(page('保供稳价 市场平稳', '', '本报讯（记者 张三）正文写到这里，市场供应充足。', '', '图片报道', '',
      '1月31日，社区党员面对党旗宣誓，为坚决打赢疫情防控阻击战贡献力量。', '', '朱  磊  黄哲雨摄影报道'));
    expect(result.items.map((i) => i.kind)).toEqual(['article', 'photo']);
    expect(result.items[1]).toMatchObject({ headline: null, series: '图片报道', paragraphs: ['1月31日，社区党员面对党旗宣誓，为坚决打赢疫情防控阻击战贡献力量。'] });
    expect(result.items[1]!.contributors).toEqual([{ name: '朱磊', role: 'photographer' }, { name: '黄哲雨', role: 'photographer' }]);
  });

  it('reads jump lines in both directions and strips them from the body', () => {
    const result = segmentPage(page('（上接第一版）接着写。', '', '另一篇的标题', '', '本报讯（记者 张三）文字未完，', '（下转第6版）'));
    expect(result.items[0]).toMatchObject({ continuedFrom: 1, paragraphs: ['接着写。'] });
    expect(result.items[1]).toMatchObject({ continuedOn: 6, paragraphs: ['文字未完，'] });
    expect(result.items[1]!.flags.map((f) => f.code)).not.toContain('unterminated-paragraph');
  });

  it('flags unbalanced quotes and an unfinished last paragraph', () => {
    const result = segmentPage(page('标题', '', '本报讯（记者 张三）他说：“要加快建设。', '', '最后一段没有写完，文字停在这里'));
    const codes = result.items[0]!.flags.map((f) => f.code);
    expect(codes).toContain('unbalanced-quotes');
    expect(codes).toContain('unterminated-paragraph');
  });

  it('treats commentary signed by 本报评论员 as an editorial', () => {
    const result = segmentPage(page('一以贯之抓落实', '', '■本报评论员', '', '第一段。'));
    expect(result.items[0]).toMatchObject({ kind: 'editorial', headline: '一以贯之抓落实', contributors: [{ name: '本报评论员', role: 'commentator' }] });
  });

  it('puts a couplet kicker above the factual headline', () => {
    const result = segmentPage(page('加强两地交流合作 携手互促联动发展', '', '市委书记率队赴苏州考察学习', '', '本报讯（记者 张三）正文。'));
    expect(result.items[0]).toMatchObject({ kicker: '加强两地交流合作 携手互促联动发展', headline: '市委书记率队赴苏州考察学习' });
  });

  // The learned model (v2) keeps the crossheads inside the article (one item, the right headline)
  // but joins the lines after the first crosshead into one paragraph on this invented page. The
  // rule that trusts blank lines there fixes it and costs 0.012 overall on the held-out dev split,
  // so it is left out (README, "known regression"); the rule engine's reading is held below.
  it('keeps subheadings inside a long signed article', () => {
    const body = '这是正文的一段，内容比较长，用来说明一篇深度报道在小标题之前已经写了不少文字。'.repeat(5);
    const lines = ['一座老城的转型', '', '本报记者 张三', '', body, '', '腾笼换鸟 旧厂房引来新项目', '', '走进产业园，厂房焕然一新。', '', '以人为本 职工有了新饭碗', '', '转型不能落下一个人。'];
    const learned = segmentPage(page(...lines));
    expect(learned.items).toHaveLength(1);
    expect(learned.items[0]).toMatchObject({ headline: '一座老城的转型', contributors: [{ name: '张三', role: 'reporter' }] });
    expect(learned.items[0]!.paragraphs[0]).toBe(body);
    const byRules = segmentPageByRules(page(...lines));
    expect(byRules.items).toHaveLength(1);
    expect(byRules.items[0]!.paragraphs).toEqual([body, '腾笼换鸟 旧厂房引来新项目', '走进产业园，厂房焕然一新。', '以人为本 职工有了新饭碗', '转型不能落下一个人。']);
  });

  it('keeps an unsigned brief under a column header apart from the signed one above it', () => {
    const result = segmentPage(page('简讯', '动车加密开行', '本报讯（记者 黄小溪）自3月1日起，动车每天加开两趟。', '全市中小学开学', '2月26日，全市中小学正式开学。'));
    expect(result.items.map((i) => [i.kind, i.headline])).toEqual([['brief', '动车加密开行'], ['brief', '全市中小学开学']]);
  });

  it('reads a signature in brackets closing the last paragraph', () => {
    const result = segmentPage(page('全市中小学开学', '', '2月26日，全市中小学正式开学。(记者 潘悦)'));
    expect(result.items[0]).toMatchObject({ paragraphs: ['2月26日，全市中小学正式开学。'], contributors: [{ name: '潘悦', role: 'reporter' }] });
  });

  it('reads a dateline OCR split over two lines', () => {
    const result = segmentPage(page('兰溪镇：举办培训班', '本报讯', '（特约通讯员 伍丽华）11月18日，培训班开班。'));
    expect(result.items[0]).toMatchObject({ paragraphs: ['11月18日，培训班开班。'], contributors: [{ name: '伍丽华', role: 'correspondent' }] });
  });

  it('splits a byline OCR glued to the headline line', () => {
    const result = segmentPage(page('全省行政执法实现全覆盖 本报记者 孟凡超', '', '12月3日，记者从省司法厅获悉。'));
    expect(result.items[0]).toMatchObject({ headline: '全省行政执法实现全覆盖', contributors: [{ name: '孟凡超', role: 'reporter' }] });
  });

  // These two are rule readings the learned model does not reproduce yet on such tiny pages; they
  // run on the rule engine (which feeds the model its features) so the rules themselves stay held.
  it('keeps a table inside its article, one row a paragraph (rule engine)', () => {
    const result = segmentPageByRules(page('全省经济运行情况发布', '', '本报讯（记者 谷雨涵）全省经济稳中有进。', '', '表：主要经济指标', '指标 绝对值 增长', '地区生产总值 61258.7 5.6', '', '专家表示，开局良好。'));
    expect(result.items).toHaveLength(1);
    expect(result.items[0]!.paragraphs).toEqual(['全省经济稳中有进。', '表：主要经济指标', '指标 绝对值 增长', '地区生产总值 61258.7 5.6', '专家表示，开局良好。']);
  });

  it('puts an editor\'s note above the titles into the article under them (rule engine)', () => {
    const result = segmentPageByRules(page('编者按：今天起，本报推出新栏目。', '', '一株黄精“串”起致富链', '', '通讯员 卢春燕', '', '正文第一段。'));
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ headline: '一株黄精“串”起致富链', paragraphs: ['编者按：今天起，本报推出新栏目。', '正文第一段。'] });
  });

  it('keeps a page with no masthead free of masthead facts', () => {
    expect(segmentPage(page('标题', '', '文/张三', '', '正文。')).masthead).toBeNull();
  });

  it('segments an empty page into nothing', () => {
    expect(segmentPage('\n\n').items).toEqual([]);
  });
});

describe("deriveItems (an editor's split points)", () => {
  const text = read('hengyang-daily-2021-10-29-p1.txt');
  const engine = segmentPage(text);

  it('splits an item in two where the editor asks and re-derives both halves', () => {
    const article = engine.items[1]!;
    const splitAt = text.indexOf('苏州工业园区是中国和新加坡');
    const starts = engine.items.map((i) => i.start).concat(splitAt).sort((a, b) => a - b);
    const items = deriveItems(text, starts);
    expect(items).toHaveLength(engine.items.length + 1);
    expect(items[1]!.headline).toBe(article.headline);
    expect(items[1]!.paragraphs).toHaveLength(3);
    expect(items[2]!.start).toBe(splitAt);
    expect(items[2]!.paragraphs[0]).toMatch(/^苏州工业园区/);
  });

  it('keeps the masthead a masthead when the editor passes every kind back', () => {
    const items = deriveItems(text, engine.items.map((i) => i.start), engine.items.map((i) => i.kind));
    expect(items).toEqual(engine.items);
  });

  it('keeps a kind the editor chose', () => {
    const kinds = engine.items.map(() => null as null | 'notice');
    kinds[2] = 'notice';
    expect(deriveItems(text, engine.items.map((i) => i.start), kinds)[2]!.kind).toBe('notice');
  });
});

describe('rule packs', () => {
  it('are replaceable: the engine takes its language rules from the pack it is given', () => {
    // A pack for a paper that signs with "By NAME" lines, built on the Chinese one.
    const byPack: RulePack = {
      ...zhDailyRules,
      id: 'by-lines',
      standaloneByline: (line) => {
        const m = /^By ([A-Z][a-z]+ [A-Z][a-z]+)$/.exec(line);
        return m ? { text: line, contributors: [{ name: m[1]!, role: 'reporter' }] } : zhDailyRules.standaloneByline(line);
      },
    };
    const text = page('标题', '', 'By Jane Smith', '', '正文。');
    expect(segmentPage(text).items[0]!.contributors).toEqual([]);
    expect(segmentPage(text, { rules: byPack }).items[0]!.contributors).toEqual([{ name: 'Jane Smith', role: 'reporter' }]);
  });
});
