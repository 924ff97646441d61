// The page view: toolbar, then the raw OCR text and the item cards side by side, resizable.
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PAGE_STATES, type PageState } from '../../shared/domain.ts';
import { RawTextEditor } from '../editor/RawTextEditor.tsx';
import { useApp, useStoreApi } from '../state/context.ts';
import { focusTargets } from '../focus.ts';
import { deniedKey } from '../messages.ts';
import { lockedReason } from '../review-reasons.ts';
import { ItemCards } from './ItemCards.tsx';
import { FirstRun } from './Tour.tsx';
import { DoubtCounter, ModelChip } from './Doubts.tsx';
import { ScanSplit, ScanToggle } from './ScanPane.tsx';
import { localizeHostMessage } from '../messages.ts';

function SaveIndicator() {
  const { t } = useTranslation();
  const state = useApp((s) => s.saveState);
  const error = useApp((s) => s.saveError);
  const reason = useApp((s) => s.saveErrorReason);
  const label =
    state === 'saved'
      ? t('toolbar.saved')
      : state === 'saving'
        ? t('toolbar.saving')
        : state === 'pending'
          ? t('toolbar.unsaved')
          : t('toolbar.saveError', { message: localizeHostMessage(t, error ?? '', reason) });
  return (
    <span className={`save-state save-${state}`} data-testid="save-state" data-state={state} role="status" aria-live="polite">
      {label}
    </span>
  );
}

export function PageView() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const issueState = useApp((s) => s.issues.find((i) => i.id === s.session?.issueId)?.state ?? null);
  const hasPage = useApp((s) => s.session !== null);
  const loading = useApp((s) => s.loadingPage);
  const sourceName = useApp((s) => s.session?.sourceName ?? '');
  const pageNumber = useApp((s) => s.session?.pageNumber ?? null);
  const pageState = useApp((s) => s.session?.state ?? 'imported');
  const canUndo = useApp((s) => (s.session?.history.past.length ?? 0) > 0);
  const canRedo = useApp((s) => (s.session?.history.future.length ?? 0) > 0);
  // Whether an item above the selected one exists (Merge), not the index: the toolbar does not
  // re-render at every selection change (a split moves the selection).
  const mergeable = useApp((s) => (s.session?.selected ?? 0) > 0);
  const who = useApp((s) => s.who);
  const editDenied = deniedKey(who, 'page.save');
  const lockedWhy = lockedReason(t, issueState);
  const editReason = lockedWhy ?? (editDenied ? t(editDenied) : null);
  const canEditText = editReason === null;
  const [split, setSplit] = useState(0.5);
  const bodyRef = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  if (!hasPage) return <FirstRun />;

  const onPointerMove = (e: PointerEvent) => {
    if (!dragging.current || !bodyRef.current) return;
    const r = bodyRef.current.getBoundingClientRect();
    setSplit(Math.min(0.8, Math.max(0.2, (e.clientX - r.left) / r.width)));
  };
  const onSeparatorKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft') setSplit((s) => Math.max(0.2, s - 0.05));
    else if (e.key === 'ArrowRight') setSplit((s) => Math.min(0.8, s + 0.05));
    else return;
    e.preventDefault();
  };
  return (
    <main className="page-view" data-testid="page-view">
      <div className="toolbar" role="toolbar" aria-label={t('page.rawText')}>
        <h1 className="page-title" title={sourceName}>
          {t('page.title', { source: sourceName, number: pageNumber ?? '?' })}
        </h1>
        <ModelChip />
        <DoubtCounter />
        <ScanToggle />
        <button onClick={() => store.getState().undo()} disabled={!canUndo} data-testid="undo" title="Ctrl+Z">
          {t('toolbar.undo')}
        </button>
        <button onClick={() => store.getState().redo()} disabled={!canRedo} data-testid="redo" title="Ctrl+Shift+Z">
          {t('toolbar.redo')}
        </button>
        {/* Split and merge act at the editor's cursor, exactly like Ctrl+Enter / Ctrl+Backspace. */}
        <button onClick={() => focusTargets.editorAction?.('galley.split')} disabled={!canEditText} title={editReason ?? 'Ctrl+Enter'} data-testid="split-button">
          {t('toolbar.split')}
        </button>
        <button onClick={() => focusTargets.editorAction?.('galley.merge')} disabled={!canEditText || !mergeable} title={editReason ?? 'Ctrl+Backspace'} data-testid="merge-button">
          {t('toolbar.merge')}
        </button>
        <label className="state-picker">
          <span>{t('toolbar.pageState')}</span>
          <select
            value={pageState}
            data-testid="page-state-select"
            onChange={(e) => void store.getState().setPageState(e.target.value as PageState)}
          >
            {PAGE_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          data-testid="page-history"
          onClick={() => {
            const s = store.getState().session;
            if (s) store.getState().openDialog({ type: 'history', pageId: s.pageId, title: t('history.titlePage', { n: s.pageNumber ?? '?' }) });
          }}
        >
          {t('history.page')}
        </button>
        <SaveIndicator />
      </div>
      <div className="locked-slot">
        {lockedWhy !== null && (
          <div className="locked-bar" role="note" data-testid="locked-bar">
            {lockedWhy}
          </div>
        )}
      </div>
      <div
        className="panes"
        ref={bodyRef}
        style={{ gridTemplateColumns: `${split * 100}% 6px 1fr` }}
        onPointerMove={onPointerMove}
        onPointerUp={() => (dragging.current = false)}
        onPointerLeave={() => (dragging.current = false)}
      >
        <section className="pane pane-raw" aria-label={t('page.rawText')}>
          <h2 className="pane-title">{t('page.rawText')}</h2>
          <ScanSplit>
            <RawTextEditor />
          </ScanSplit>
        </section>
        <div
          className="separator"
          role="separator"
          aria-orientation="vertical"
          aria-label={t('page.resize')}
          aria-valuenow={Math.round(split * 100)}
          aria-valuemin={20}
          aria-valuemax={80}
          tabIndex={0}
          onKeyDown={onSeparatorKey}
          onPointerDown={(e) => {
            dragging.current = true;
            (e.target as HTMLElement).setPointerCapture(e.pointerId);
          }}
          onPointerUp={() => (dragging.current = false)}
        />
        <section className="pane pane-items" aria-label={t('page.structured')}>
          <h2 className="pane-title">{t('page.structured')}</h2>
          <ItemCards />
        </section>
      </div>
    </main>
  );
}
