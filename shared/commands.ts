// The command registry: every command of the workspace once, with its label, menu and default
// keys. The Electron menu, the browser host's menu bar, the keyboard dispatcher and the help
// overlay are all built from this list, so they cannot disagree. What a command does lives in the
// renderer (renderer/commands/handlers.ts), keyed by the same id; this file is plain data so the
// Electron main process can read it too.

/** The menus, in menu-bar order. */
export const MENUS = ['file', 'edit', 'go', 'review', 'view', 'help'] as const;
export type MenuId = (typeof MENUS)[number];

/** The i18n key of each menu's title, for the Electron menu and the browser menu bar alike. */
export const MENU_LABEL: Readonly<Record<MenuId, string>> = {
  file: 'menu.file',
  edit: 'menu.edit',
  go: 'desk.menu.go',
  review: 'desk.menu.review',
  view: 'menu.view',
  help: 'menu.help',
};

export interface CommandSpec {
  /** Stable id; also the IPC payload of the Electron menu (`menu` event). */
  readonly id: string;
  /** i18n key of the label (menu, help and status texts). */
  readonly label: string;
  /** The menu it appears in, or null for keyboard-only commands (listed in the help). */
  readonly menu: MenuId | null;
  /** Default keys in Electron accelerator syntax; the first one is shown in menus. */
  readonly keys: readonly string[];
  /**
   * `global`: handled by the window's key listener wherever the focus is (except where noted by
   * `notWhileTyping`); `editor`: a Monaco action, active while the OCR pane has the focus.
   */
  readonly scope: 'global' | 'editor';
  /** A key that would otherwise type a character: ignored while a text field has the focus. */
  readonly notWhileTyping?: boolean;
  /** Separator above this entry in its menu. */
  readonly separatorBefore?: boolean;
  /** Electron menu role (zoom, quit) where Electron does the work itself; not shown in the browser host. */
  readonly electronRole?: 'zoomIn' | 'zoomOut' | 'resetZoom' | 'quit';
  /** Shown as a radio entry checked for this language. */
  readonly language?: 'en' | 'zh-CN';
}

export const COMMANDS = [
  // File
  { id: 'import', label: 'menu.import', menu: 'file', keys: ['CmdOrCtrl+O'], scope: 'global' },
  { id: 'importFolder', label: 'menu.importFolder', menu: 'file', keys: ['CmdOrCtrl+Shift+O'], scope: 'global' },
  { id: 'sample', label: 'desk.cmd.sample', menu: 'file', keys: [], scope: 'global' },
  // Issue 13 §6: a local archive, a PostgreSQL archive or a team server (renderer/components/OpenArchiveDialog.tsx).
  { id: 'openArchive', label: 'archives.dialog.open', menu: 'file', keys: [], scope: 'global', separatorBefore: true },
  { id: 'export', label: 'menu.export', menu: 'file', keys: [], scope: 'global', separatorBefore: true },
  { id: 'quit', label: 'menu.quit', menu: 'file', keys: [], scope: 'global', separatorBefore: true, electronRole: 'quit' },
  // Edit
  { id: 'undo', label: 'menu.undo', menu: 'edit', keys: ['CmdOrCtrl+Z'], scope: 'global', notWhileTyping: true },
  { id: 'redo', label: 'menu.redo', menu: 'edit', keys: ['CmdOrCtrl+Shift+Z', 'CmdOrCtrl+Y'], scope: 'global', notWhileTyping: true },
  { id: 'split', label: 'menu.split', menu: 'edit', keys: ['CmdOrCtrl+Enter'], scope: 'editor', separatorBefore: true },
  { id: 'merge', label: 'menu.merge', menu: 'edit', keys: ['CmdOrCtrl+Backspace'], scope: 'editor' },
  { id: 'moveUp', label: 'desk.cmd.moveUp', menu: 'edit', keys: ['Alt+Up'], scope: 'editor' },
  { id: 'moveDown', label: 'desk.cmd.moveDown', menu: 'edit', keys: ['Alt+Down'], scope: 'editor' },
  // Go
  { id: 'gotoLine', label: 'desk.cmd.gotoLine', menu: 'go', keys: ['CmdOrCtrl+G'], scope: 'global' },
  { id: 'nextPage', label: 'desk.cmd.nextPage', menu: 'go', keys: ['Alt+PageDown'], scope: 'global', separatorBefore: true },
  { id: 'prevPage', label: 'desk.cmd.prevPage', menu: 'go', keys: ['Alt+PageUp'], scope: 'global' },
  // Doubts: splits and titles the engine was not sure of (issue 10).
  { id: 'nextDoubt', label: 'doubt.cmd.next', menu: 'go', keys: ['F8'], scope: 'global', separatorBefore: true },
  { id: 'prevDoubt', label: 'doubt.cmd.prev', menu: 'go', keys: ['Shift+F8'], scope: 'global' },
  { id: 'focusLibrary', label: 'help.focusLibrary', menu: 'go', keys: ['CmdOrCtrl+Shift+1'], scope: 'global', separatorBefore: true },
  { id: 'focusEditor', label: 'help.focusEditor', menu: 'go', keys: ['CmdOrCtrl+Shift+2'], scope: 'global' },
  { id: 'focusCards', label: 'help.focusCards', menu: 'go', keys: ['CmdOrCtrl+Shift+3'], scope: 'global' },
  // Review
  { id: 'proofed', label: 'help.proofed', menu: 'review', keys: ['Alt+P'], scope: 'global' },
  { id: 'confirmDoubt', label: 'doubt.cmd.confirm', menu: 'review', keys: [], scope: 'global' },
  { id: 'search', label: 'search.open', menu: 'review', keys: ['CmdOrCtrl+Shift+F'], scope: 'global', separatorBefore: true },
  { id: 'vocabulary', label: 'vocab.open', menu: 'review', keys: [], scope: 'global' },
  { id: 'profiles', label: 'profile.manage', menu: 'review', keys: [], scope: 'global' },
  // View
  { id: 'zoomIn', label: 'menu.zoomIn', menu: 'view', keys: [], scope: 'global', electronRole: 'zoomIn' },
  { id: 'zoomOut', label: 'menu.zoomOut', menu: 'view', keys: [], scope: 'global', electronRole: 'zoomOut' },
  { id: 'zoomReset', label: 'menu.zoomReset', menu: 'view', keys: [], scope: 'global', electronRole: 'resetZoom' },
  { id: 'language:en', label: 'lang.en', menu: 'view', keys: [], scope: 'global', separatorBefore: true, language: 'en' },
  { id: 'language:zh-CN', label: 'lang.zh-CN', menu: 'view', keys: [], scope: 'global', language: 'zh-CN' },
  { id: 'toggleLanguage', label: 'help.language', menu: null, keys: ['CmdOrCtrl+Shift+L'], scope: 'global' },
  // Help
  { id: 'help', label: 'menu.shortcuts', menu: 'help', keys: ['F1'], scope: 'global' },
  { id: 'tour', label: 'desk.cmd.tour', menu: 'help', keys: [], scope: 'global' },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof COMMANDS)[number]['id'];
export const COMMAND_IDS = COMMANDS.map((c) => c.id) as unknown as readonly [CommandId, ...CommandId[]];

export function commandSpec(id: CommandId): CommandSpec {
  return COMMANDS.find((c) => c.id === id)!;
}

/** A menu's entries, in order. `electron`: include Electron-only roles (zoom, quit). */
export function menuEntries(menu: MenuId, electron: boolean): CommandSpec[] {
  return COMMANDS.filter((c: CommandSpec) => c.menu === menu && (electron || !c.electronRole));
}

/** "CmdOrCtrl+Shift+Z" as shown to the user: "Ctrl+Shift+Z" (⌘ on a Mac). */
export function keyLabel(accelerator: string, isMac = false): string {
  return accelerator
    .split('+')
    .map((p) => (p === 'CmdOrCtrl' ? (isMac ? '⌘' : 'Ctrl') : p === 'Up' ? '↑' : p === 'Down' ? '↓' : p))
    .join('+');
}

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const NAMED: Record<string, string> = {
  Enter: 'Enter',
  Backspace: 'Backspace',
  Up: 'ArrowUp',
  Down: 'ArrowDown',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Escape: 'Escape',
};

/** Whether a keydown matches an accelerator. Letters and digits match by physical key (layout- and Shift-proof). */
export function matchesKey(accelerator: string, e: KeyLike): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop()!;
  const mods = new Set(parts);
  const ctrl = e.ctrlKey || e.metaKey;
  if (mods.has('CmdOrCtrl') !== ctrl || mods.has('Shift') !== e.shiftKey || mods.has('Alt') !== e.altKey) return false;
  if (/^[A-Z]$/.test(key)) return e.code === `Key${key}`;
  if (/^[0-9]$/.test(key)) return e.code === `Digit${key}`;
  if (/^F\d{1,2}$/.test(key)) return e.key === key;
  return e.key === (NAMED[key] ?? key);
}

/** The first global command whose keys match a keydown. */
export function commandForKey(e: KeyLike, typing: boolean): CommandSpec | null {
  for (const c of COMMANDS as readonly CommandSpec[]) {
    if (c.scope !== 'global') continue;
    if (typing && c.notWhileTyping) continue;
    if (c.keys.some((k) => matchesKey(k, e))) return c;
  }
  return null;
}
