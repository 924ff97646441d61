// Issue 14: a history entry never reads "Saved: text and 0 items changed" (shown above "No text
// changed" for a save that only removed or only retyped), in either language.
import { describe, expect, it } from 'vitest';
import { tIn } from '../support/i18n.ts';
import { revisionSummaryText } from '../../renderer/history-text.ts';
import { summaryText } from '../../core/review/history-view.ts';

describe('saved revisions worded without a count of nothing', () => {
  it('names the text alone when no item changed, and a bare save when nothing but removals', () => {
    const en = tIn('en');
    const zh = tIn('zh-CN');
    expect(revisionSummaryText(en, { code: 'saved', text: true, itemsChanged: 0, itemsRemoved: 0 })).toBe('Saved: text changed');
    expect(revisionSummaryText(zh, { code: 'saved', text: true, itemsChanged: 0, itemsRemoved: 0 })).toBe('已保存：文字有修改');
    expect(revisionSummaryText(en, { code: 'saved', text: false, itemsChanged: 0, itemsRemoved: 2 })).toBe('Saved, 2 removed');
    expect(revisionSummaryText(zh, { code: 'saved', text: false, itemsChanged: 0, itemsRemoved: 2 })).toBe('已保存，删除 2 条');
    // Counts above zero keep their plural forms.
    expect(revisionSummaryText(en, { code: 'saved', text: true, itemsChanged: 1, itemsRemoved: 0 })).toBe('Saved: text and 1 item changed');
    expect(revisionSummaryText(en, { code: 'saved', text: false, itemsChanged: 2, itemsRemoved: 0 })).toBe('Saved: 2 items changed');
    for (const lng of ['en', 'zh-CN'] as const) {
      for (const text of [true, false]) {
        expect(revisionSummaryText(tIn(lng), { code: 'saved', text, itemsChanged: 0, itemsRemoved: 0 })).not.toMatch(/\b0\b/);
      }
    }
  });

  it('words the command line\'s one-liner the same way (galley history)', () => {
    expect(summaryText({ code: 'saved', text: true, itemsChanged: 0, itemsRemoved: 0 })).toBe('Saved: text changed');
    expect(summaryText({ code: 'saved', text: true, itemsChanged: 1, itemsRemoved: 0 })).toBe('Saved: text and 1 item changed');
    expect(summaryText({ code: 'saved', text: false, itemsChanged: 2, itemsRemoved: 1 })).toBe('Saved: 2 items changed, 1 removed');
    expect(summaryText({ code: 'saved', text: false, itemsChanged: 0, itemsRemoved: 2 })).toBe('Saved, 2 removed');
  });
});
