// The Electron application menu (built without Electron: the template is plain data).
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from '../../electron/electron-main/menu.ts';
import type { MenuCommand } from '../../shared/ipc.ts';

function flat(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);
}

describe('application menu', () => {
  it('has File, Edit, View and Help with the asked-for items; export opens the renderer\'s dialog', () => {
    const sent: MenuCommand[] = [];
    const items = flat(menuTemplate('en', (c) => sent.push(c), false));
    const byLabel = (l: string) => items.find((i) => i.label === l)!;
    expect(menuTemplate('en', () => undefined, false).map((m) => m.label)).toEqual(['File', 'Edit', 'Go', 'Review', 'View', 'Help']);
    expect(byLabel('Export… (supervisor only)').enabled).not.toBe(false);
    (byLabel('Export… (supervisor only)').click as () => void)();
    expect(byLabel('Import…').accelerator).toBe('CmdOrCtrl+O');
    for (const l of ['Import…', 'Go to line…', 'Undo', 'Redo', 'Split here', 'Merge with previous', 'Keyboard shortcuts']) {
      expect(byLabel(l).registerAccelerator).toBe(false); // the renderer handles every key itself (command registry)
    }
    (byLabel('Split here').click as () => void)();
    (byLabel('简体中文').click as () => void)();
    expect(sent).toEqual(['export', 'split', 'language:zh-CN']);
    expect(byLabel('Zoom in').role).toBe('zoomIn');
    expect(byLabel('Quit').role).toBe('quit');
  });

  it('is translated', () => {
    const zh = menuTemplate('zh-CN', () => undefined, false);
    expect(zh.map((m) => m.label)).toEqual(['文件', '编辑', '转到', '审核', '视图', '帮助']);
    expect(flat(zh).find((i) => i.label === '导出…（仅限主管）')?.click).toBeTypeOf('function');
  });
});
