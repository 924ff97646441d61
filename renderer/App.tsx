import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GalleyApi, Language, MenuCommand } from '../shared/ipc.ts';
import { LANGUAGES } from '../shared/ipc.ts';
import { dropFromDataTransfer } from './api/client.ts';
import { HelpOverlay } from './components/HelpOverlay.tsx';
import { ImportPanel } from './components/ImportPanel.tsx';
import { LibraryPane } from './components/LibraryPane.tsx';
import { PageView } from './components/PageView.tsx';
import { focusTargets } from './focus.ts';
import { localizeHostMessage, deniedKey } from './messages.ts';
import { useApp, useReview, useReviewApi, useStoreApi } from './state/context.ts';
import { HistoryPanel } from './components/HistoryPanel.tsx';
import { ExportDialog, IssueHistoryDialog, ReopenDialog } from './components/IssueReview.tsx';
import { ProfileBadge, ProfilePicker, ProfilesManager } from './components/Profiles.tsx';
import { IssueItemsDialog, SearchPanel } from './components/SearchPanel.tsx';
import { VocabularyManager } from './components/VocabularyManager.tsx';

/** The open review dialog, if any. */
function ReviewDialogs() {
  const dialog = useReview((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.type) {
    case 'profiles':
      return <ProfilesManager />;
    case 'vocabulary':
      return <VocabularyManager />;
    case 'search':
      return <SearchPanel />;
    case 'issueItems':
      return <IssueItemsDialog issueId={dialog.issueId} />;
    case 'export':
      return <ExportDialog issueId={dialog.issueId} />;
    case 'reopen':
      return <ReopenDialog issueId={dialog.issueId} />;
    case 'issueHistory':
      return <IssueHistoryDialog issueId={dialog.issueId} />;
    case 'history':
      return <HistoryPanel key={`${dialog.pageId}-${dialog.itemId ?? ''}`} pageId={dialog.pageId} itemId={dialog.itemId} title={dialog.title} />;
  }
}

const LAST_PAGE_KEY = 'galley.lastPage';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable || !!el.closest('.monaco-editor');
}

export function App({ api }: { api: GalleyApi }) {
  const { t } = useTranslation();
  const i18nT = t;
  const store = useStoreApi();
  const language = useApp((s) => s.language);
  const error = useApp((s) => s.error);
  const errorKey = useApp((s) => s.errorKey);
  const errorReason = useApp((s) => s.errorReason);
  const review = useReviewApi();
  const who = useReview((s) => s.who);
  const [dragOver, setDragOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const s = () => store.getState();
    // Reopen the page that was open last time.
    const last = Number(localStorage.getItem(LAST_PAGE_KEY));
    void s()
      .refreshLibrary()
      .then(() => (Number.isInteger(last) && last > 0 && !s().session ? s().openPage(last, { quiet: true }) : undefined));
    const unsubscribeLast = store.subscribe((st, prev) => {
      const id = st.session?.pageId;
      if (id !== undefined && id !== prev.session?.pageId) localStorage.setItem(LAST_PAGE_KEY, String(id));
    });
    void review.getState().start();
    const offs = [
      api.on('import.progress', (p) => s().onImportProgress(p)),
      api.on('library.changed', () => {
        void s().refreshLibrary();
        // Profiles may have changed too (another window).
        void review.getState().loadSession();
      }),
      api.on('menu', ({ command }) => runCommand(command)),
    ];
    const flush = () => void s().flushSave({ keepalive: true });
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    return () => {
      for (const off of offs) off();
      unsubscribeLast();
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, store]);

  const startImport = () => {
    if (api.host === 'electron') void store.getState().importDialog();
    else fileInput.current?.click();
  };

  const stepPage = (delta: number) => {
    const st = store.getState();
    const session = st.session;
    if (!session) return;
    const pages = st.pages[session.issueId] ?? [];
    const i = pages.findIndex((p) => p.id === session.pageId);
    const next = pages[i + delta];
    if (next) void st.openPage(next.id);
  };

  function runCommand(command: MenuCommand) {
    const st = store.getState();
    switch (command) {
      case 'import':
        return startImport();
      case 'undo':
        return st.undo();
      case 'redo':
        return st.redo();
      case 'split':
      case 'merge': {
        // The editor owns the cursor.
        focusTargets.editorAction?.(command === 'split' ? 'galley.split' : 'galley.merge');
        return;
      }
      case 'help':
        return st.setHelp(true);
      case 'export': {
        const issueId = st.session?.issueId ?? st.expandedIssues.at(-1);
        if (issueId === undefined) return st.reportError(new Error(i18nT('issue.noOpen')));
        review.getState().openDialog({ type: 'export', issueId });
        return;
      }
      case 'language:en':
      case 'language:zh-CN':
        return st.setLanguage(command.slice('language:'.length) as Language);
      default:
        return;
    }
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const st = store.getState();
      const ctrl = e.ctrlKey || e.metaKey;
      if (e.key === 'Escape' && st.helpOpen) {
        st.setHelp(false);
      } else if (e.key === 'F1' || (e.key === '?' && !isTyping(e.target))) {
        st.setHelp(!st.helpOpen);
      } else if (ctrl && e.shiftKey && !e.altKey && ['Digit1', 'Digit2', 'Digit3'].includes(e.code)) {
        // Ctrl+Shift+digit: Ctrl+digit alone is taken by browsers (tab switching).
        (e.code === 'Digit1' ? focusTargets.library : e.code === 'Digit2' ? focusTargets.editor : focusTargets.cards)?.();
      } else if (ctrl && e.shiftKey && (e.key === 'L' || e.key === 'l')) {
        st.setLanguage(st.language === 'en' ? 'zh-CN' : 'en');
      } else if (e.altKey && (e.key === 'PageDown' || e.key === 'PageUp')) {
        stepPage(e.key === 'PageDown' ? 1 : -1);
      } else if (e.altKey && !ctrl && (e.code === 'KeyP') && st.session) {
        void st.setPageState(st.session.state === 'proofed' ? 'in-progress' : 'proofed');
      } else if (ctrl && !isTyping(e.target) && (e.key === 'z' || e.key === 'Z')) {
        if (e.shiftKey) st.redo();
        else st.undo();
      } else if (ctrl && !isTyping(e.target) && e.key === 'y') {
        st.redo();
      } else {
        return;
      }
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);

  const onFiles = (e: ChangeEvent<HTMLInputElement>) => {
    const list = Array.from(e.target.files ?? []);
    e.target.value = '';
    if (list.length === 0) return;
    void store.getState().importDrop({
      items: list,
      files: async () => list.map((file) => ({ relativePath: file.webkitRelativePath || file.name, file })),
    });
  };

  return (
    <div
      className={`app${dragOver ? ' drag-over' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node)) setDragOver(false);
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragOver(false);
        void store.getState().importDrop(dropFromDataTransfer(e.dataTransfer));
      }}
    >
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <span className="host-badge">{api.host === 'electron' ? t('app.hostElectron') : t('app.hostBrowser')}</span>
        <span className="spacer" />
        <ProfileBadge />
        <button onClick={() => review.getState().openDialog({ type: 'search' })} data-testid="search-button">
          {t('search.open')}
        </button>
        {deniedKey(who, 'vocabulary.edit') === null && (
          <button onClick={() => review.getState().openDialog({ type: 'vocabulary' })} data-testid="vocabulary-button">
            {t('vocab.open')}
          </button>
        )}
        <button onClick={startImport} data-testid="import-button">
          {t('toolbar.import')}
        </button>
        <input ref={fileInput} type="file" multiple hidden accept=".txt,.xml,.html,.hocr,.alto" onChange={onFiles} data-testid="import-input" />
        <label className="lang-switch">
          <span>{t('lang.label')}</span>
          <select value={language} onChange={(e) => store.getState().setLanguage(e.target.value as Language)} data-testid="language-select">
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <button onClick={() => store.getState().setHelp(true)} aria-keyshortcuts="F1" data-testid="help-button">
          {t('toolbar.help')}
        </button>
      </header>
      <div className="body">
        <LibraryPane />
        <PageView />
      </div>
      <ImportPanel />
      {error && (
        <div className="error-bar" role="alert">
          <span data-testid="error-message">{t(`error.${errorKey}`, { message: localizeHostMessage(t, error, errorReason) })}</span>
          <button onClick={() => store.getState().dismissError()}>{t('import.close')}</button>
        </div>
      )}
      {dragOver && <div className="drop-hint">{t('import.drop')}</div>}
      <HelpOverlay />
      <ReviewDialogs />
      <ProfilePicker />
    </div>
  );
}
