import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useStoreApi } from '../state/context.ts';
import { COMMANDS, keyLabel, type CommandSpec } from '../../shared/commands.ts';

// Built from the command registry (every command with a key), plus the editor gestures that are
// families of keys rather than one command.
const GESTURES: [string, string][] = [
  ['Alt+1 … Alt+7', 'help.kind'],
  ['Alt+K / H / S / E / B / C', 'help.role'],
  ['Enter / Esc', 'desk.help.field'],
  ['?', 'help.help'],
];
const SHORTCUTS: [string, string][] = [
  ...(COMMANDS as readonly CommandSpec[]).filter((c) => c.keys.length > 0).map((c): [string, string] => [c.keys.map((k) => keyLabel(k)).join(' / '), c.label]),
  ...GESTURES,
];

export function HelpOverlay() {
  const { t } = useTranslation();
  const open = useApp((s) => s.helpOpen);
  const store = useStoreApi();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={t('help.title')} data-testid="help-overlay" onClick={() => store.getState().setHelp(false)}>
      <div className="overlay-box" onClick={(e) => e.stopPropagation()}>
        <h2>{t('help.title')}</h2>
        <table>
          <tbody>
            {SHORTCUTS.map(([keys, label]) => (
              <tr key={`${keys}-${label}`}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{t(label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={closeRef} onClick={() => store.getState().setHelp(false)}>
          {t('help.close')}
        </button>
      </div>
    </div>
  );
}
