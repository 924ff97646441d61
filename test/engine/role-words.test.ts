// Every compound role word of the Chinese-daily byline table, each read in a leading byline
// ("本报讯（本报通讯员 王小明）") and a standalone one ("■本报通讯员 王小明") with the role written out
// here by hand (issue 16: 16 of them appeared in no test or fixture, so dropping one passed).
import { describe, expect, it } from 'vitest';
import { zhDailyRules as pack } from '../../core/engine/index.ts';

const EXPECTED: [string, string][] = [
  ['本报特派记者', 'reporter'],
  ['本报见习记者', 'trainee-reporter'],
  ['本报实习记者', 'trainee-reporter'],
  ['融媒体记者', 'reporter'],
  ['全媒体记者', 'reporter'],
  ['新华社记者', 'reporter'],
  ['中新社记者', 'reporter'],
  ['本报评论员', 'commentator'],
  ['特约评论员', 'commentator'],
  ['本报通讯员', 'correspondent'],
  ['特约通讯员', 'correspondent'],
  ['本报记者', 'reporter'],
  ['首席记者', 'reporter'],
  ['特派记者', 'reporter'],
  ['融媒记者', 'reporter'],
  ['驻站记者', 'reporter'],
  ['见习记者', 'trainee-reporter'],
  ['实习记者', 'trainee-reporter'],
  ['摄影记者', 'photographer'],
  ['责任编辑', 'editor'],
  ['美术编辑', 'editor'],
  ['图片编辑', 'editor'],
  ['见习编辑', 'editor'],
  ['版式设计', 'editor'],
];

describe('compound role words of the byline table', () => {
  it.each(EXPECTED)('%s is read as %s in a leading byline', (word, role) => {
    expect(pack.leadingByline(`本报讯（${word} 王小明）今天上午`)?.contributors).toEqual([{ name: '王小明', role }]);
  });

  it.each(EXPECTED.filter(([w]) => w !== '摄影记者'))('%s is read as %s on a byline line', (word, role) => {
    expect(pack.standaloneByline(`■${word} 王小明`)?.contributors).toEqual([{ name: '王小明', role }]);
  });

  it('摄影记者 credits a photo', () => {
    expect(pack.photoCredit('■摄影记者 王小明 摄')?.contributors).toEqual([{ name: '王小明', role: 'photographer' }]);
  });
});
