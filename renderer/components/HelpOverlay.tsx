import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useStoreApi } from '../state/context.ts';

const SHORTCUTS: [string, string][] = [
  ['Ctrl+Enter', 'help.split'],
  ['Ctrl+Backspace', 'help.merge'],
  ['Alt+↑ / Alt+↓', 'help.move'],
  ['Alt+1 … Alt+7', 'help.kind'],
  ['Alt+K / H / S / E / B / C', 'help.role'],
  ['Ctrl+Z', 'help.undo'],
  ['Ctrl+Shift+Z / Ctrl+Y', 'help.redo'],
  ['Ctrl+Shift+1', 'help.focusLibrary'],
  ['Ctrl+Shift+2', 'help.focusEditor'],
  ['Ctrl+Shift+3', 'help.focusCards'],
  ['Alt+PageDown / Alt+PageUp', 'help.nextPage'],
  ['Alt+P', 'help.proofed'],
  ['Ctrl+Shift+L', 'help.language'],
  ['Enter / Esc', 'help.field'],
  ['F1 / ?', 'help.help'],
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
              <tr key={label}>
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
