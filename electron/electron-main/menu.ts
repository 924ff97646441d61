// The application menu, in the current language. Shortcuts the renderer handles itself (undo,
// split, …) are shown but not registered, so a key press is never handled twice.
import type { MenuItemConstructorOptions } from 'electron';
import { STRINGS } from '../../shared/i18n.ts';
import type { Language, MenuCommand } from '../../shared/ipc.ts';

export function menuTemplate(language: Language, send: (command: MenuCommand) => void, isMac: boolean): MenuItemConstructorOptions[] {
  const m = STRINGS[language].menu;
  const l = STRINGS[language].lang;
  const shown = (accelerator: string) => ({ accelerator, registerAccelerator: false });
  return [
    {
      label: m.file,
      submenu: [
        { label: m.import, accelerator: 'CmdOrCtrl+O', click: () => send('import') },
        // Opens the renderer's export dialog for the open issue. The item stays enabled for every
        // profile (the main process does not follow the session): for anyone but a supervisor the
        // dialog shows why exporting is refused, and the host refuses the call anyway.
        { label: m.export, click: () => send('export') },
        { type: 'separator' },
        { label: m.quit, role: 'quit' },
      ],
    },
    {
      label: m.edit,
      submenu: [
        { label: m.undo, ...shown('CmdOrCtrl+Z'), click: () => send('undo') },
        { label: m.redo, ...shown('CmdOrCtrl+Shift+Z'), click: () => send('redo') },
        { type: 'separator' },
        { label: m.split, ...shown('CmdOrCtrl+Enter'), click: () => send('split') },
        { label: m.merge, ...shown('CmdOrCtrl+Backspace'), click: () => send('merge') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: m.view,
      submenu: [
        { label: m.zoomIn, role: 'zoomIn' },
        { label: m.zoomOut, role: 'zoomOut' },
        { label: m.zoomReset, role: 'resetZoom' },
        { type: 'separator' },
        {
          label: m.language,
          submenu: [
            { label: l.en, type: 'radio', checked: language === 'en', click: () => send('language:en') },
            { label: l['zh-CN'], type: 'radio', checked: language === 'zh-CN', click: () => send('language:zh-CN') },
          ],
        },
      ],
    },
    {
      label: m.help,
      role: isMac ? 'help' : undefined,
      submenu: [{ label: m.shortcuts, ...shown('F1'), click: () => send('help') }],
    },
  ];
}
