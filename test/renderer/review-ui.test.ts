// Renderer helpers of the review issue: flags by code in both languages, contributors read back
// from translated roles, host refusals in the UI language, permission reasons.
import { describe, expect, it } from 'vitest';
import { tIn } from '../support/i18n.ts';
import { STRINGS } from '../../shared/i18n.ts';
import { CONTRIBUTOR_ROLES, type Flag } from '../../shared/segmentation.ts';
import { ForbiddenError } from '../../shared/roles.ts';
import { flagText } from '../../renderer/flags.ts';
import { deniedKey, localizeHostMessage } from '../../renderer/messages.ts';
import { localizeDiffLine, revisionSummaryText } from '../../renderer/history-text.ts';
import { parseContributors } from '../../renderer/model/page-model.ts';

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
  it('words permission and issue-state refusals in the UI language, never by reading the message', () => {
    const forbidden = new ForbiddenError('issue.approve', { id: 'p1', name: 'Ed', role: 'editor' }).message;
    // Without a code the text is what it is: nothing reads an English sentence to guess its meaning.
    expect(localizeHostMessage(tIn('zh-CN'), forbidden)).toBe(forbidden);
    expect(localizeHostMessage(tIn('zh-CN'), forbidden, { code: 'forbidden', reason: 'issue.approve' })).toBe('只有主管可以审核期次');
    expect(localizeHostMessage(tIn('en'), forbidden, { code: 'forbidden', reason: 'issue.approve' })).toBe('Only a supervisor can approve an issue');
    expect(localizeHostMessage(tIn('zh-CN'), 'whatever', { code: 'refused', reason: 'issue-locked', details: { state: 'approved' } })).toBe(
      '本期已锁定（已审核）：在主管重新打开之前，任何修改都会被拒绝。',
    );
    expect(localizeHostMessage(tIn('en'), 'disk full')).toBe('disk full');
  });

  it('words refusals by the reason code the host sends, whatever the English says, falling back to the text', () => {
    const zh = tIn('zh-CN');
    expect(localizeHostMessage(zh, 'Reworded: supervisors only.', { code: 'forbidden', reason: 'issue.export' })).toBe('只有主管可以导出期次');
    expect(localizeHostMessage(tIn('en'), 'Reworded: supervisors only.', { code: 'forbidden', reason: 'issue.export' })).toBe('Only a supervisor can export an issue');
    expect(localizeHostMessage(zh, 'Frozen, sorry.', { code: 'refused', reason: 'issue-locked', state: 'exported' })).toBe('本期已锁定（已导出）：在主管重新打开之前，任何修改都会被拒绝。');
    expect(localizeHostMessage(zh, 'Not yet.', { code: 'refused', reason: 'not-proofed', state: 'in-progress' })).toBe('所有版面校对完毕后才能审核');
    expect(localizeHostMessage(zh, 'x', { code: 'refused', reason: 'not-approved' })).toBe('只有已审核的期次可以导出');
    expect(localizeHostMessage(zh, 'x', { code: 'refused', reason: 'not-locked' })).toBe('只有已审核或已导出的期次可以重新打开');
    expect(localizeHostMessage(zh, 'x', { code: 'refused', reason: 'reason-required' })).toBe('为什么需要修改本期？');
    expect(localizeHostMessage(zh, 'Who are you?', { code: 'no-profile' })).toBe('请先选择用户档案');
    // A reason the UI does not know is worded by its code; an unexpected failure shows its own detail.
    expect(localizeHostMessage(zh, 'Something new.', { code: 'refused', reason: 'brand-new-code' })).toBe('本期的状态不允许该操作。');
    expect(localizeHostMessage(zh, 'Something new.', { code: 'forbidden', reason: 'no.such.action' })).toBe('您的用户档案无权执行该操作。');
    expect(localizeHostMessage(zh, 'disk full', { code: 'internal', reason: 'unexpected', details: { detail: 'disk full' } })).toBe('disk full');
    expect(localizeHostMessage(zh, 'This issue is already approved.', { code: 'refused', reason: 'issue-locked' })).toBe('本期的状态不允许该操作。');
    expect(localizeHostMessage(zh, 'x', { code: 'conflict', reason: 'search-changed', details: { now: 1200, was: 3 } })).toBe('检索结果现在是 1,200 条，而不是 3 条：请重新检索并确认。');
  });

  it('gives the reason a control is greyed out', () => {
    const who = { profile: { id: 'e', name: 'Ed', role: 'editor' as const }, profiles: [], allowed: ['page.save' as const], bootstrap: false };
    expect(deniedKey(who, 'page.save')).toBeNull();
    expect(deniedKey(who, 'issue.approve')).toBe('perm.issue.approve');
    expect(deniedKey({ ...who, profile: null, allowed: [] }, 'page.save')).toBe('perm.noProfile');
    expect(deniedKey(null, 'page.save')).toBe('perm.noProfile');
  });
});

describe('history in the UI language', () => {
  const zh = tIn('zh-CN');
  const en = tIn('en');
  it('words structured summaries in both languages', () => {
    const tags = { code: 'tags' as const, changes: [{ item: 2, added: ['苏州'], removed: ['衡阳'] }, { item: 5, added: ['湖南'], removed: [] }] };
    expect(revisionSummaryText(en, tags)).toBe('Tags of item 2: + 苏州, − 衡阳; Tags of item 5: + 湖南');
    expect(revisionSummaryText(zh, tags)).toBe('第 2 条的标签：+ 苏州，− 衡阳；第 5 条的标签：+ 湖南');
    expect(revisionSummaryText(en, { code: 'saved', text: false, itemsChanged: 1, itemsRemoved: 0 })).toBe('Saved: 1 item changed');
    expect(revisionSummaryText(en, { code: 'saved', text: true, itemsChanged: 3, itemsRemoved: 1 })).toBe('Saved: text and 3 items changed, 1 removed');
    expect(revisionSummaryText(zh, { code: 'saved', text: false, itemsChanged: 1, itemsRemoved: 0 })).toBe('已保存：1 条有修改');
    expect(revisionSummaryText(zh, { code: 'saved', text: true, itemsChanged: 3, itemsRemoved: 1 })).toBe('已保存：文字及 3 条有修改，删除 1 条');
    expect(revisionSummaryText(zh, { code: 'state', from: 'in-progress', to: 'proofed' })).toBe('状态：校对中 → 已校对');
    expect(revisionSummaryText(zh, { code: 'imported', items: 7 })).toBe('导入（7 条）');
    expect(revisionSummaryText(en, { code: 'imported', items: 1 })).toBe('Imported (1 item)');
    expect(revisionSummaryText(zh, { code: 'restored', from: 4 })).toBe('恢复第 4 次修订');
    expect(revisionSummaryText(zh, { code: 'item-removed' })).toBe('删除');
    expect(revisionSummaryText(zh, { code: 'other', action: 'approve' })).toBe('审核通过');
    expect(revisionSummaryText(zh, { code: 'other', action: 'mystery' })).toBe('mystery');
    for (const s of [tags, { code: 'saved' as const, text: true, itemsChanged: 2, itemsRemoved: 2 }, { code: 'state' as const, from: 'imported', to: 'in-progress' }]) {
      expect(revisionSummaryText(zh, s)).not.toMatch(/[A-Za-z]/);
    }
  });

  it('words the field names of diff lines, with roles, states and kinds, and leaves the rest as it is', () => {
    expect(localizeDiffLine(zh, '+headline: 衡阳苏州深化合作')).toBe('+主标题：衡阳苏州深化合作');
    expect(localizeDiffLine(zh, ' contributors: 彭斌 (reporter), 王皓永 (photographer)')).toBe(' 作者：彭斌 (记者), 王皓永 (摄影)');
    expect(localizeDiffLine(zh, '-continued on page: 3')).toBe('-转第几版：3');
    expect(localizeDiffLine(zh, '-state: proofed')).toBe('-状态：已校对');
    expect(localizeDiffLine(zh, '+tags: 苏州, 衡阳')).toBe('+标签：苏州, 衡阳');
    expect(localizeDiffLine(zh, ' [#12 article]')).toBe(' [#12 文章]');
    expect(localizeDiffLine(zh, '+[new photo]')).toBe('+[新 图片]');
    expect(localizeDiffLine(en, '+headline: 衡阳')).toBe('+Headline: 衡阳');
    for (const l of ['+¶ headline: 不是字段', '@@ -1,3 +1,3 @@', '\\ No newline at end of file', '+headlines: x', '']) expect(localizeDiffLine(zh, l)).toBe(l);
  });
});
