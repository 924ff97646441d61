// Go to line (Ctrl+G): a small box over the OCR pane; Enter moves the cursor there and focuses
// the text, Escape closes. Out-of-range input is refused with the range in the message.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { lineCount } from '../editor/span-lines.ts';
import { focusTargets } from '../focus.ts';
import { useApp } from '../state/context.ts';
import { deskStore, useDesk } from '../state/desk.ts';
import { Dialog } from './Dialog.tsx';

/** The line number typed, or null when it is not a whole number in 1..max. */
export function parseLineNumber(text: string, max: number): number | null {
  const v = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,9}$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= max ? n : null;
}

export function GotoLine() {
  const { t } = useTranslation();
  const open = useDesk((s) => s.gotoOpen);
  // Counted only while the box is open: the selector runs on every store change, and splitting a
  // 10,000-item page's text into lines each time cost ~50 ms per change (opening it, every split).
  const max = useApp((s) => (open && s.session ? lineCount(s.session.history.present.text) : 0));
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!open || max === 0) return null;
  const close = () => {
    setValue('');
    setError(null);
    deskStore.setState({ gotoOpen: false });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = parseLineNumber(value, max);
    if (n === null) return setError(t('desk.gotoLine.invalid', { max }));
    close();
    focusTargets.gotoLine?.(n);
  };
  return (
    <Dialog title={t('desk.gotoLine.title')} testId="goto-line" onClose={close}>
      <form onSubmit={submit} className="goto-form">
        <label>
          <span>{t('desk.gotoLine.label', { max })}</span>
          <input
            autoFocus
            inputMode="numeric"
            value={value}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setValue(e.target.value)}
            data-testid="goto-line-input"
          />
        </label>
        <button type="submit" className="primary">
          {t('desk.gotoLine.go')}
        </button>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
