// A modal dialog: title, close button, Escape and a click outside close it; focus moves inside.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function Dialog(props: {
  title: string;
  testId: string;
  onClose?: () => void;
  wide?: boolean;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const { onClose } = props;
  useEffect(() => {
    const el = ref.current;
    if (el && !el.contains(document.activeElement)) (el.querySelector<HTMLElement>('[autofocus], input, select, button') ?? el).focus();
  }, []);
  useEffect(() => {
    if (!onClose) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose?.()}>
      <div
        ref={ref}
        className={`overlay-box dialog${props.wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testId}
        tabIndex={-1}
      >
        <header className="dialog-head">
          <h2>{props.title}</h2>
          {onClose && (
            <button className="icon" onClick={onClose} aria-label={t('common.close')} title={t('common.close')} data-testid="dialog-close">
              ×
            </button>
          )}
        </header>
        <div className="dialog-body">{props.children}</div>
        {props.footer && <footer className="dialog-foot">{props.footer}</footer>}
      </div>
    </div>
  );
}

/** A button that is disabled with the reason as its tooltip (on a wrapper too: disabled buttons get no hover events in some browsers). */
export function Guarded(props: {
  reason: string | null;
  onClick: () => void;
  children: ReactNode;
  testId?: string;
  className?: string;
  title?: string;
}) {
  return (
    <span className="guarded" title={props.reason ?? props.title}>
      <button
        className={props.className}
        disabled={props.reason !== null}
        title={props.reason ?? props.title}
        data-testid={props.testId}
        onClick={props.onClick}
      >
        {props.children}
      </button>
    </span>
  );
}
