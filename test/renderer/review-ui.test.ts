// Renderer helpers of the review issue: flags by code in both languages, contributors read back
// from translated roles, host refusals in the UI language, permission reasons.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { STRINGS } from '../../shared/i18n.ts';
import { CONTRIBUTOR_ROLES, type Flag } from '../../shared/segmentation.ts';
import { ForbiddenError } from '../../shared/roles.ts';
import { flagText } from '../../renderer/flags.ts';
import { deniedKey, localizeHostMessage } from '../../renderer/messages.ts';
import { parseContributors } from '../../renderer/model/page-model.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: 'en',
    resources: { en: { translation: STRINGS.en }, 'zh-CN': { translation: STRINGS['zh-CN'] } },
    interpolation: { escapeValue: false },
  });
});
const tIn = (lng: 'en' | 'zh-CN') => (key: string, options?: Record<string, unknown>) => i18n.t(key, { ...options, lng }) as string;
const flag = (code: Flag['code'], start: number, end: number): Flag => ({ code, message: 'English engine message', start, end });

describe('flags by code', () => {
  const text = '他说（今天“很好';
  it('reads the flagged character and words it in either language, never the engine message', () => {
    expect(flagText(tIn('en'), flag('unbalanced-brackets', 2, 3), text)).toBe('Unbalanced brackets: （ is never closed');
    expect(flagText(tIn('zh-CN'), flag('unbalanced-brackets', 2, 3), text)).toBe('括号不成对：（ 没有闭合');
    expect(flagText(tIn('zh-CN'), flag('unbalanced-quotes', 0, 1), '”前文')).toBe('引号不成对：” 前面没有对应的开符号，前文可能丢失');
    expect(flagText(tIn('en'), flag('unbalanced-quotes', 0, 1), '"abc')).toBe('Unbalanced quotes: odd number of " quotation marks');
    for (const code of ['lost-text', 'unterminated-paragraph', 'orphan-continuation'] as const) {
      const zh = flagText(tIn('zh-CN'), flag(code, 0, 1), text);
      expect(zh).not.toMatch(/[A-Za-z]/);
      expect(flagText(tIn('en'), flag(code, 0, 1), text)).not.toContain('English engine message');
    }
  });
});

describe('contributors in the UI language', () => {
  const labels: Record<string, string> = {};
  for (const strings of Object.values(STRINGS)) for (const [role, label] of Object.entries(strings.role)) labels[label] = role;
  it('reads codes and translated role names back', () => {
    expect(parseContributors('彭斌 (记者)，王皓永（摄影）', CONTRIBUTOR_ROLES, labels)).toEqual([
      { name: '彭斌', role: 'reporter' },
      { name: '王皓永', role: 'photographer' },
    ]);
    expect(parseContributors('Li (trainee reporter), Wu (reporter)', CONTRIBUTOR_ROLES, labels)).toEqual([
      { name: 'Li', role: 'trainee-reporter' },
      { name: 'Wu', role: 'reporter' },
    ]);
    expect(parseContributors('彭斌 (厨师)', CONTRIBUTOR_ROLES, labels)).toBeNull();
    expect(parseContributors('彭斌', CONTRIBUTOR_ROLES, labels)).toBeNull();
  });
});

describe('host refusals', () => {
  it('words permission and issue-state refusals in the UI language', () => {
    const forbidden = new ForbiddenError('issue.approve', { id: 'p1', name: 'Ed', role: 'editor' }).message;
    expect(localizeHostMessage(tIn('zh-CN'), forbidden)).toBe('只有主管可以审核期次');
    expect(localizeHostMessage(tIn('en'), forbidden)).toBe('Only a supervisor can approve an issue');
    expect(localizeHostMessage(tIn('zh-CN'), 'This issue is approved; a supervisor must reopen it before its pages can be changed.')).toBe(
      '本期已锁定（已审核）：在主管重新打开之前，任何修改都会被拒绝。',
    );
    expect(localizeHostMessage(tIn('en'), 'disk full')).toBe('disk full');
  });

  it('gives the reason a control is greyed out', () => {
    const who = { profile: { id: 'e', name: 'Ed', role: 'editor' as const }, profiles: [], allowed: ['page.save' as const], bootstrap: false };
    expect(deniedKey(who, 'page.save')).toBeNull();
    expect(deniedKey(who, 'issue.approve')).toBe('perm.issue.approve');
    expect(deniedKey({ ...who, profile: null, allowed: [] }, 'page.save')).toBe('perm.noProfile');
    expect(deniedKey(null, 'page.save')).toBe('perm.noProfile');
  });
});
