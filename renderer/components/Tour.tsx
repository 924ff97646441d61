// First run: the offer to open the bundled sample issue, and a short guided tour (split, merge,
// title roles, doubts, approval) in a panel that leaves the workspace usable beside it.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useStoreApi } from '../state/context.ts';
import { deskStore, useDesk } from '../state/desk.ts';

export const TOUR_STEPS = ['split', 'merge', 'titles', 'doubts', 'approval'] as const;

/** Shown where the page would be while the library is empty (or no page is open). */
export function FirstRun() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const empty = useApp((s) => s.publications.length === 0);
  const loading = useApp((s) => s.loadingPage);
  if (loading) return <main className="page-view empty">{t('page.loading')}</main>;
  return (
    <main className="page-view empty" data-testid="first-run">
      <div className="first-run">
        <p>{empty ? t('desk.sample.offer') : t('page.none')}</p>
        <div className="first-run-actions">
          <button
            className="primary"
            data-testid="open-sample"
            onClick={() => {
              void store.getState().openSample().then(() => deskStore.setState({ tourStep: 0 }));
            }}
          >
            {t('desk.sample.open')}
          </button>
          <button data-testid="start-tour" onClick={() => deskStore.setState({ tourStep: 0 })}>
            {t('desk.sample.tour')}
          </button>
        </div>
      </div>
    </main>
  );
}

export function Tour() {
  const { t } = useTranslation();
  const step = useDesk((s) => s.tourStep);
  const nextRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (step !== null) nextRef.current?.focus();
  }, [step]);
  if (step === null) return null;
  const name = TOUR_STEPS[step]!;
  const last = step === TOUR_STEPS.length - 1;
  const go = (n: number | null) => deskStore.setState({ tourStep: n });
  return (
    <aside
      className="tour"
      role="dialog"
      aria-label={t('desk.tour.title')}
      data-testid="tour"
      data-step={name}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          go(null);
        }
      }}
    >
      <header>
        <strong>{t('desk.tour.title')}</strong>
        <span className="muted small">{t('desk.tour.step', { n: step + 1, total: TOUR_STEPS.length })}</span>
      </header>
      <p data-testid="tour-text">{t(`desk.tour.${name}`)}</p>
      <footer>
        <button onClick={() => go(null)} data-testid="tour-skip">
          {t('desk.tour.skip')}
        </button>
        <span className="spacer" />
        <button disabled={step === 0} onClick={() => go(step - 1)}>
          {t('desk.tour.back')}
        </button>
        <button ref={nextRef} className="primary" onClick={() => go(last ? null : step + 1)} data-testid="tour-next">
          {last ? t('desk.tour.done') : t('desk.tour.next')}
        </button>
      </footer>
    </aside>
  );
}
