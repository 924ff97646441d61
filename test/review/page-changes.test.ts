import { describe, expect, it } from 'vitest';
import type { StoredItem } from '../../shared/domain.ts';
import { storedItem } from '../support/items.ts';
import { ForbiddenError, type Profile } from '../../shared/roles.ts';
import { TransitionError, actionsForPageSave, assertPageSaveAllowed } from '../../core/review/index.ts';

const item = (over: Partial<StoredItem> = {}): StoredItem => storedItem(0, 10, { headline: '标题', paragraphs: ['正文。'], id: 1, ...over });
const page = (items: StoredItem[], text = '标题\n正文。') => ({ text, items });
const editor: Profile = { id: 'e', name: 'Li Ming', role: 'editor' };
const archivist: Profile = { id: 'a', name: 'Zhou Lan', role: 'archivist' };

describe('actionsForPageSave', () => {
  it('needs nothing for an unchanged page', () => {
    expect(actionsForPageSave(page([item()]), page([item()]))).toEqual([]);
  });
  it('sees text and segmentation changes as page.save', () => {
    expect(actionsForPageSave(page([item()]), page([item()], 'changed'))).toEqual(['page.save']);
    expect(actionsForPageSave(page([item()]), page([item({ end: 5 }), item({ start: 5, id: 2 })]))).toEqual(['page.save']);
    expect(actionsForPageSave(page([item()]), page([item({ kind: 'brief' })]))).toEqual(['page.save']);
    expect(actionsForPageSave(page([item()]), page([item({ paragraphs: ['改。'] })]))).toEqual(['page.save']);
  });
  it('sees metadata changes as item.editMetadata', () => {
    expect(actionsForPageSave(page([item()]), page([item({ headline: '新标题' })]))).toEqual(['item.editMetadata']);
    expect(actionsForPageSave(page([item()]), page([item({ contributors: [{ name: '彭斌', role: 'reporter' }] })]))).toEqual([
      'item.editMetadata',
    ]);
  });
  it('sees tag changes as item.tag, ignoring order and duplicates', () => {
    expect(actionsForPageSave(page([item()]), page([item({ tags: ['衡阳'] })]))).toEqual(['item.tag']);
    expect(actionsForPageSave(page([item({ tags: ['a', 'b'] })]), page([item({ tags: ['b', 'a', 'a'] })]))).toEqual([]);
  });
  it('follows tags by item id across a re-segmentation', () => {
    const before = page([item({ tags: ['x'] })]);
    const after = page([item({ end: 5, tags: ['x'] }), item({ id: undefined, start: 5 })]);
    expect(actionsForPageSave(before, after)).toEqual(['page.save']);
  });
});

describe('assertPageSaveAllowed', () => {
  it('lets an archivist tag and fix a byline but not re-segment', () => {
    expect(assertPageSaveAllowed(archivist, 'in-progress', page([item()]), page([item({ tags: ['t'], byline: '记者 彭斌' })]))).toEqual([
      'item.editMetadata',
      'item.tag',
    ]);
    expect(() => assertPageSaveAllowed(archivist, 'in-progress', page([item()]), page([item()], 'x'))).toThrow(ForbiddenError);
  });
  it('does not let an editor tag', () => {
    expect(() => assertPageSaveAllowed(editor, 'proofed', page([item()]), page([item({ tags: ['t'] })]))).toThrow(
      'Only an archivist or a supervisor can tag an item; Li Ming is an editor.',
    );
  });
  it('refuses any change to an approved issue, but not a no-op save', () => {
    expect(() => assertPageSaveAllowed(editor, 'approved', page([item()]), page([item({ headline: 'x' })]))).toThrow(TransitionError);
    expect(assertPageSaveAllowed(editor, 'exported', page([item()]), page([item()]))).toEqual([]);
  });
});
