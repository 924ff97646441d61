// The application menu, in the current language, built from the command registry
// (shared/commands.ts) like the browser host's menu bar. The renderer handles every key itself,
// so accelerators are shown but not registered and a key press is never handled twice.
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_LABEL, MENUS, menuEntries, type CommandId } from '../../shared/commands.ts';
import { STRINGS } from '../../shared/i18n.ts';
import type { Language, MenuCommand } from '../../shared/ipc.ts';

/** "menu.import" → the string in the language's table. */
function label(language: Language, key: string): string {
  let v: unknown = STRINGS[language];
  for (const part of key.split(/\.(?=[^.]+)/)) v = (v as Record<string, unknown> | undefined)?.[part];
  return typeof v === 'string' ? v : key;
}

export function menuTemplate(language: Language, send: (command: MenuCommand) => void, isMac: boolean): MenuItemConstructorOptions[] {
  return MENUS.map((menu): MenuItemConstructorOptions => {
    const submenu: MenuItemConstructorOptions[] = [];
    for (const c of menuEntries(menu, true)) {
      if (c.separatorBefore && submenu.length > 0) submenu.push({ type: 'separator' });
      const text = label(language, c.label);
      if (c.electronRole) {
        submenu.push({ label: text, role: c.electronRole });
      } else if (c.language) {
        submenu.push({ label: text, type: 'radio', checked: language === c.language, click: () => send(c.id as CommandId) });
      } else {
        const accelerator = c.keys[0];
        submenu.push({ label: text, ...(accelerator ? { accelerator, registerAccelerator: false } : {}), click: () => send(c.id as CommandId) });
      }
    }
    if (menu === 'edit') submenu.push({ type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' });
    return { label: label(language, MENU_LABEL[menu]), role: menu === 'help' && isMac ? 'help' : undefined, submenu };
  });
}
