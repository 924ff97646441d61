// Registry accelerators ("CmdOrCtrl+Enter", "Alt+Up") as Monaco keybindings, so editor commands
// take their keys from the same list as the menus and the help.
import { monaco } from './monaco.ts';

const NAMED: Record<string, number> = {
  Enter: monaco.KeyCode.Enter,
  Backspace: monaco.KeyCode.Backspace,
  Up: monaco.KeyCode.UpArrow,
  Down: monaco.KeyCode.DownArrow,
  PageUp: monaco.KeyCode.PageUp,
  PageDown: monaco.KeyCode.PageDown,
  Escape: monaco.KeyCode.Escape,
};

export function monacoKeybinding(accelerator: string): number {
  const parts = accelerator.split('+');
  const key = parts.pop()!;
  let code: number | undefined = NAMED[key];
  if (code === undefined && /^[A-Z]$/.test(key)) code = monaco.KeyCode[`Key${key}` as keyof typeof monaco.KeyCode] as number;
  if (code === undefined && /^[0-9]$/.test(key)) code = monaco.KeyCode[`Digit${key}` as keyof typeof monaco.KeyCode] as number;
  if (code === undefined && /^F\d{1,2}$/.test(key)) code = monaco.KeyCode[key as keyof typeof monaco.KeyCode] as number;
  if (code === undefined) throw new Error(`no Monaco key for ${accelerator}`);
  let mods = 0;
  for (const p of parts) {
    if (p === 'CmdOrCtrl') mods |= monaco.KeyMod.CtrlCmd;
    else if (p === 'Shift') mods |= monaco.KeyMod.Shift;
    else if (p === 'Alt') mods |= monaco.KeyMod.Alt;
  }
  return mods | code;
}

export const monacoKeybindings = (accelerators: readonly string[]): number[] => accelerators.map(monacoKeybinding);
