// Issue 14: title roles move (Alt+H on the subheadline), the command registry is complete and
// consistent, keys match, go-to-line input.
import { describe, expect, it } from 'vitest';
import { assignRole, lineStarts, setField, type PageDoc } from '../../renderer/model/page-model.ts';
import { COMMANDS, commandForKey, keyLabel, matchesKey, menuEntries, MENUS, type CommandId } from '../../shared/commands.ts';
import { HANDLERS } from '../../renderer/commands/handlers.ts';
import { STRINGS } from '../../shared/i18n.ts';
import { parseLineNumber } from '../../renderer/components/GotoLine.tsx';
import { fakeDerive } from '../renderer/fake-engine.ts';

const TEXT = ['本报讯', '真正的主标题', '这是副题', '正文第一段。'].join('\n');
const ls = lineStarts(TEXT);
function doc(): PageDoc {
  const items = fakeDerive(TEXT, [0]).map((it) => ({ ...it, editedFields: [], tags: [] }));
  let d: PageDoc = { text: TEXT, items };
  d = setField(d, 0, 'headline', '真正的主标题');
  d = setField(d, 0, 'subheadline', '这是副题');
  return d;
}

const key = (k: Partial<{ key: string; code: string; ctrlKey: boolean; shiftKey: boolean; altKey: boolean; metaKey: boolean }>) => ({
  key: '',
  code: '',
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  metaKey: false,
  ...k,
});

describe('title roles', () => {
  it('Alt+H on the subheadline line swaps headline and subheadline instead of duplicating the line', () => {
    const d = assignRole(doc(), ls[2]!, 'headline');
    expect(d.items[0]!.headline).toBe('这是副题');
    expect(d.items[0]!.subheadline).toBe('真正的主标题');
  });
  it('a line with no other role just takes the role; the previous headline is not copied anywhere', () => {
    const d = assignRole(doc(), ls[3]!, 'headline');
    expect(d.items[0]!.headline).toBe('正文第一段。');
    expect(d.items[0]!.subheadline).toBe('这是副题');
  });
  it('assigning the role a line already has changes nothing', () => {
    const d0 = doc();
    expect(assignRole(d0, ls[1]!, 'headline')).toBe(d0);
  });
});

describe('command registry', () => {
  it('every command has a handler (or is an Electron role) and a label in both languages', () => {
    for (const c of COMMANDS) {
      if (!('electronRole' in c)) expect(HANDLERS[c.id as CommandId], c.id).toBeDefined();
      for (const lang of ['en', 'zh-CN'] as const) {
        let v: unknown = STRINGS[lang];
        for (const p of c.label.split('.')) v = (v as Record<string, unknown>)[p];
        expect(typeof v, `${lang} ${c.label}`).toBe('string');
      }
    }
  });
  it('no two global commands share a key, ids are unique, every menu has entries', () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = COMMANDS.flatMap((c) => c.keys.map((k) => `${c.scope}:${k}`));
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of MENUS) expect(menuEntries(m, false).length, m).toBeGreaterThan(0);
    expect(menuEntries('view', false).some((c) => c.electronRole)).toBe(false);
    expect(menuEntries('view', true).some((c) => c.electronRole === 'zoomIn')).toBe(true);
  });
  it('matches keys by physical key and modifiers', () => {
    expect(matchesKey('CmdOrCtrl+G', key({ key: 'g', code: 'KeyG', ctrlKey: true }))).toBe(true);
    expect(matchesKey('CmdOrCtrl+G', key({ key: 'g', code: 'KeyG', ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matchesKey('Alt+PageDown', key({ key: 'PageDown', code: 'PageDown', altKey: true }))).toBe(true);
    expect(commandForKey(key({ key: 'g', code: 'KeyG', ctrlKey: true }), false)?.id).toBe('gotoLine');
    expect(commandForKey(key({ key: 'F1', code: 'F1' }), false)?.id).toBe('help');
    // Undo inside a text field is the field's own undo.
    expect(commandForKey(key({ key: 'z', code: 'KeyZ', ctrlKey: true }), true)).toBeNull();
    expect(commandForKey(key({ key: 'z', code: 'KeyZ', ctrlKey: true }), false)?.id).toBe('undo');
    // Editor-scoped keys are the editor's (Ctrl+Enter is not taken globally).
    expect(commandForKey(key({ key: 'Enter', code: 'Enter', ctrlKey: true }), false)).toBeNull();
    expect(keyLabel('CmdOrCtrl+Shift+Z')).toBe('Ctrl+Shift+Z');
    expect(keyLabel('Alt+Up')).toBe('Alt+↑');
  });
});

describe('go to line', () => {
  it('accepts 1..max, full-width digits too, and refuses the rest', () => {
    expect(parseLineNumber('12', 40)).toBe(12);
    expect(parseLineNumber(' １２ ', 40)).toBe(12);
    expect(parseLineNumber('0', 40)).toBeNull();
    expect(parseLineNumber('41', 40)).toBeNull();
    expect(parseLineNumber('3.5', 40)).toBeNull();
    expect(parseLineNumber('', 40)).toBeNull();
  });
});
