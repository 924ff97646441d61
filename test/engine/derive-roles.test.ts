// Paragraphs derived from decoded line roles: OCR debris and closing credits are no paragraphs.
import { describe, expect, it } from 'vitest';
import { layoutPage } from '../../core/engine/layout.ts';
import { deriveItem } from '../../core/engine/derive-item.ts';
import { readAs } from '../../core/engine/segment.ts';
import { zhDailyRules } from '../../core/engine/rules/zh-daily.ts';
import type { LineRole } from '../../core/engine/model/line-roles.ts';

function derive(text: string, roles: LineRole[]) {
  const layout = layoutPage(text, zhDailyRules);
  expect(layout.lines.map((l) => l.text.trim())).toHaveLength(roles.length);
  const lines = layout.lines.map((l, i) => readAs(l, roles[i]!, zhDailyRules));
  return deriveItem(lines, 0, text.length, { pack: zhDailyRules, text, masthead: false, firstContent: false, roles }).item;
}

describe('paragraphs from decoded roles', () => {
  it('OCR debris the model reads as other ("图 国", "丨") opens no paragraph', () => {
    const text = [
      '华润集团引领商业进步',
      '  八十年前，华润的先辈们在香港一间小阁楼里创业。',
      '图 国',
      '  今天，华润集团已发展为多元化企业集团。',
      '丨',
      '  几代人艰苦创业，华润始终服务于国家发展大局。',
      '',
    ].join('\n');
    const item = derive(text, ['headline', 'body-start', 'other', 'body-start', 'other', 'body-start']);
    expect(item.paragraphs).toEqual(['八十年前，华润的先辈们在香港一间小阁楼里创业。', '今天，华润集团已发展为多元化企业集团。', '几代人艰苦创业，华润始终服务于国家发展大局。']);
  });

  it('a closing credit the rules do not parse is a credit when the model reads one, not the last paragraph', () => {
    const text = ['华润集团引领商业进步', '  八十年前，华润的先辈们在香港一间小阁楼里创业。', '  今天，华润集团已发展为多元化企业集团。', '数据来源：华润（集团）有限公司', ''].join('\n');
    const item = derive(text, ['headline', 'body-start', 'body-start', 'credit']);
    expect(item.paragraphs).toHaveLength(2);
    expect(item.byline).toBe('数据来源：华润（集团）有限公司');
    const asBody = derive(text, ['headline', 'body-start', 'body-start', 'body-start']);
    expect(asBody.paragraphs).toHaveLength(3);
  });

  it('names alone the model reads as a byline are authors only when they are names of people; debris names nobody', () => {
    const page = (signature: string) => ['华润集团引领商业进步', signature, '  八十年前，华润的先辈们在香港一间小阁楼里创业。', ''].join('\n');
    expect(derive(page('韩远志'), ['headline', 'byline', 'body-start']).contributors).toEqual([{ name: '韩远志', role: 'author' }]);
    const debris = derive(page('组历史'), ['headline', 'byline', 'body-start']);
    expect(debris.contributors).toEqual([]);
    expect(debris.byline).toBe('组历史');
    expect(debris.paragraphs).toHaveLength(1);
    // Read as a credit closing the item, the same.
    const closing = ['华润集团引领商业进步', '  八十年前，华润的先辈们在香港一间小阁楼里创业。', '发展', '（倪光辉）', ''].join('\n');
    const item = derive(closing, ['headline', 'body-start', 'credit', 'credit']);
    expect(item.contributors).toEqual([{ name: '倪光辉', role: 'author' }]);
    expect(item.paragraphs).toHaveLength(1);
  });

  it('titles the model reads as a headline over no text (a photo spread) are titles, not paragraphs; an ad keeps its lines', () => {
    const text = ['逐梦70年', '壮美河山  瑰丽画卷', '本报记者 姜毅昊 通讯员 姜磊雪', ''].join('\n');
    const item = derive(text, ['series', 'headline', 'byline']);
    expect(item.paragraphs).toEqual([]);
    expect(item.headline).toBe('壮美河山  瑰丽画卷');
    const ad = derive('讲文明 树新风\n公益广告\n', ['advertisement', 'advertisement']);
    expect(ad.kind).toBe('advertisement');
    expect(ad.paragraphs.join('')).toBe('讲文明 树新风公益广告');
  });

  it('a jump note OCR broke over two lines closes the item (continued on) and is no text of its last paragraph', () => {
    const text = ['阅兵式隆重举行', '  上午十时，庆祝大会开始。', '  阅兵仪式开始，标兵就位，向旗帜行注目礼。(下转第3', '版)', ''].join('\n');
    const item = derive(text, ['headline', 'body-start', 'body-start', 'body']);
    expect(item.continuedOn).toBe(3);
    expect(item.paragraphs).toEqual(['上午十时，庆祝大会开始。', '阅兵仪式开始，标兵就位，向旗帜行注目礼。']);
    const stray = derive(['阅兵式隆重举行', '  上午十时，庆祝大会开始。', '《下转第四版）', ''].join('\n'), ['headline', 'body-start', 'jump']);
    expect(stray.continuedOn).toBe(4);
    expect(stray.paragraphs).toEqual(['上午十时，庆祝大会开始。']);
  });
});
