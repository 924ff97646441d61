// The outline formatter on a hand-made segmentation (independent of the engine).
import { describe, expect, it } from 'vitest';
import { formatOutline, preview } from '../../electron/cli/outline.ts';
import type { Segmentation } from '../../shared/segmentation.ts';

const text = ['衡阳日报', '2021年10月29日 星期五', '第17980号', '加强两地交流合作', '本报讯 (记者 彭斌) 立足新发展阶段、贯彻新发展理念、构建新发展格局。', '下转第二版', ''].join('\n');
const at = (s: string): number => text.indexOf(s);

const segmentation: Segmentation = {
  schema: 'galley.segmentation/1',
  masthead: {
    title: '衡阳日报',
    titleLatin: 'HENGYANG DAILY',
    date: '2021-10-29',
    weekday: '星期五',
    lunarDate: null,
    issueNumber: 17980,
    pageCount: 8,
    serial: 'CN 43-0004',
    publisher: null,
    hotlines: [{ label: '新闻热线', number: '8611110' }],
  },
  items: [
    {
      kind: 'article',
      start: at('加强'),
      end: at('下转第二版') + '下转第二版'.length,
      kicker: null,
      headline: '加强两地交流合作',
      subheadline: null,
      series: null,
      byline: '本报讯 (记者 彭斌)',
      contributors: [{ name: '彭斌', role: 'reporter' }],
      paragraphs: ['立足新发展阶段、贯彻新发展理念、构建新发展格局,加强苏衡交流合作,携手互促联动发展。'],
      continuedOn: 2,
      continuedFrom: null,
      flags: [{ code: 'unbalanced-brackets', message: 'unclosed (', start: at('本报讯'), end: at('本报讯') + 3 }],
    },
  ],
};

describe('formatOutline', () => {
  const outline = formatOutline(segmentation, { file: 'p01.txt', encoding: 'GB18030', bytes: 1234, text });

  it('starts with the file, encoding, size, line and item counts', () => {
    expect(outline.split('\n')[0]).toBe('p01.txt: GB18030, 1,234 bytes, 6 lines, 1 item');
  });

  it('lists masthead facts before the items', () => {
    expect(outline).toMatch(/Masthead\n {2}title +衡阳日报 \(HENGYANG DAILY\)\n {2}date +2021-10-29 星期五\n {2}issue +No\. 17980\n {2}pages +8\n {2}serial +CN 43-0004\n {2}hotline +新闻热线 8611110\n/);
    expect(outline.indexOf('Masthead')).toBeLessThan(outline.indexOf('1. article'));
  });

  it('shows each item with kind, line range, fields, contributors, paragraphs, continuation and flags', () => {
    expect(outline).toContain('1. article  lines 4-6');
    expect(outline).toMatch(/headline +加强两地交流合作/);
    expect(outline).toMatch(/byline +本报讯 \(记者 彭斌\)/);
    expect(outline).toMatch(/contributors +彭斌 \(reporter\)/);
    expect(outline).toMatch(/paragraphs +1\n +1 {2}立足新发展阶段、贯彻新发展理念、构建新发展格局,加强苏衡交流…/);
    expect(outline).toMatch(/continued +on page 2/);
    expect(outline).toMatch(/flag +unbalanced-brackets \(line 5\): unclosed \(/);
    expect(outline).not.toMatch(/kicker|subheadline|series|publisher/);
  });

  it('says so when there is no masthead', () => {
    const out = formatOutline({ ...segmentation, masthead: null, items: [] }, { file: 'x', encoding: 'UTF-8', bytes: 1, text: 'x' });
    expect(out).toBe('x: UTF-8, 1 byte, 1 line, 0 items\n\nMasthead: none found\n');
  });
});

describe('preview', () => {
  it('keeps 30 characters, joins lines and never splits a surrogate pair', () => {
    expect(preview('短句')).toBe('短句');
    expect(preview('一\n二')).toBe('一 二');
    const long = '𠮷'.repeat(40);
    expect(preview(long)).toBe(`${'𠮷'.repeat(30)}…`);
  });
});
