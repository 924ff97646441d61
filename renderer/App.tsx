import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GalleyApi, Language } from '../shared/ipc.ts';
import { commandForKey, type CommandId } from '../shared/commands.ts';
import { runCommand as runRegistered, type CommandContext } from './commands/handlers.ts';
import { MenuBar } from './components/MenuBar.tsx';
import { StatusBar } from './components/StatusBar.tsx';
import { GotoLine } from './components/GotoLine.tsx';
import { Tour } from './components/Tour.tsx';
import { LANGUAGES } from '../shared/ipc.ts';
import { dropFromDataTransfer } from './api/client.ts';
import { HelpOverlay } from './components/HelpOverlay.tsx';
import { HostBanner } from './components/HostBanner.tsx';
import { ArchiveBadge } from './components/ArchiveBadge.tsx';
import { OpenArchiveDialog } from './components/OpenArchiveDialog.tsx';
import { ConflictCopies, ConflictDialog } from './components/ConflictDialog.tsx';
import { ImportPanel } from './components/ImportPanel.tsx';
import { LibraryPane } from './components/LibraryPane.tsx';
import { localizeHostMessage, deniedKey } from './messages.ts';
import { useApp, useStoreApi } from './state/context.ts';
import { ExportDialog, IssueHistoryDialog, ReopenDialog } from './components/IssueReview.tsx';
import { ProfileBadge, ProfilePicker, ProfilesManager } from './components/Profiles.tsx';
import { MyPasswordDialog } from './components/PasswordPanels.tsx';
import { ReplicaBadge, ReplicaConflicts } from './components/ReplicaConflicts.tsx';
// Loaded as chunks of their own (Monaco with the page view): lazy-panels.tsx.
import { HistoryPanel, IssueItemsDialog, PageView, SearchPanel, VocabularyManager } from './lazy-panels.tsx';

/** The open review dialog, if any. */
function ReviewDialogs() {
  const dialog = useApp((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.type) {
    case 'profiles':
      return <ProfilesManager />;
    case 'myPassword':
      return <MyPasswordDialog />;
    case 'replicaConflicts':
      return <ReplicaConflicts />;
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
  const who = useApp((s) => s.who);
  const [dragOver, setDragOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  // A folder picker: the browser lists every file below the chosen folder with its relative path.
  const folderInput = useRef<HTMLInputElement>(null);
  const folderInputRef = (el: HTMLInputElement | null) => {
    folderInput.current = el;
    el?.setAttribute('webkitdirectory', '');
  };

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
    void store.getState().start();
    // An error belongs to what the user was doing: a new dialog or another profile clears it.
    const unsubscribeReview = store.subscribe((r, prev) => {
      if (r.dialog !== prev.dialog || r.who?.profile?.id !== prev.who?.profile?.id || r.pickerOpen !== prev.pickerOpen) {
        if (s().error) s().dismissError();
      }
    });
    const offs = [
      api.on('import.progress', (p) => s().onImportProgress(p)),
      api.on('library.changed', () => {
        void s().refreshLibrary();
        // Profiles may have changed too (another window).
        void store.getState().loadSession();
      }),
      api.on('menu', ({ command }) => runCommand(command)),
      // The host now works on another archive: this page's ids mean nothing there, so nothing is saved on the way out;
      // what was typed and not yet saved is kept in the tab as a copy of the old archive's page instead of being lost.
      api.on('archive.switched', () => {
        switched = true;
        s().keepUnsavedAsCopy();
        window.location.reload();
      }),
    ];
    let switched = false;
    const flush = () => void (switched ? undefined : s().flushSave({ keepalive: true }));
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    return () => {
      for (const off of offs) off();
      unsubscribeLast();
      unsubscribeReview();
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, store]);

  const startImport = () => {
    if (api.host === 'electron') void store.getState().importDialog();
    else fileInput.current?.click();
  };
  const startImportFolder = () => {
    if (api.host === 'electron') void store.getState().importDialog(true);
    else folderInput.current?.click();
  };

  // Every command (menu bar, Electron menu, keys, toolbar) runs through the registry's handlers.
  const ctxRef = useRef<CommandContext | null>(null);
  ctxRef.current = {
    store,
    api,
    startImport,
    startImportFolder,
    openSample: () => void store.getState().openSample(),
    t: i18nT,
  };
  function runCommand(command: CommandId) {
    if (ctxRef.current) runRegistered(command, ctxRef.current);
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const st = store.getState();
      if (e.key === 'Escape' && st.helpOpen) {
        st.setHelp(false);
      } else if (e.key === '?' && !isTyping(e.target) && !e.ctrlKey && !e.altKey && !e.metaKey) {
        st.setHelp(!st.helpOpen);
      } else {
        const c = commandForKey(e, isTyping(e.target));
        if (!c) return;
        // Alt+P and the like are keys, not text: the registry decides; a disabled command still eats its key.
        runCommand(c.id as CommandId);
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
      className={`app${api.host !== 'electron' ? ' has-menubar' : ''}${dragOver ? ' drag-over' : ''}`}
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
      {api.host !== 'electron' && ctxRef.current && <MenuBar ctx={ctxRef.current} />}
      <HostBanner />
      <ConflictCopies />
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <span className="host-badge">{api.host === 'electron' ? t('app.hostElectron') : t('app.hostBrowser')}</span>
        <ArchiveBadge />
        <ReplicaBadge />
        <span className="spacer" />
        <ProfileBadge />
        <button onClick={() => store.getState().openDialog({ type: 'search' })} data-testid="search-button">
          {t('search.open')}
        </button>
        {deniedKey(who, 'vocabulary.edit') === null && (
          <button onClick={() => store.getState().openDialog({ type: 'vocabulary' })} data-testid="vocabulary-button">
            {t('vocab.open')}
          </button>
        )}
        <button onClick={startImport} data-testid="import-button">
          {t('toolbar.import')}
        </button>
        {/* The importer's formats, scans included (electron/importer/formats.ts ACCEPT_ATTRIBUTE; test/importer/formats.test.ts keeps them equal). */}
        <input ref={fileInput} type="file" multiple hidden accept=".txt,.text,.xml,.alto,.html,.htm,.hocr,.xhtml,.png,.jpg,.jpeg,.tif,.tiff,.jp2,.jpx,.pdf" onChange={onFiles} data-testid="import-input" />
        <input ref={folderInputRef} type="file" multiple hidden onChange={onFiles} data-testid="import-folder-input" />
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
      <StatusBar />
      <ConflictDialog />
      <ImportPanel />
      <GotoLine />
      <Tour />
      <OpenArchiveDialog browser={api.host === 'browser'} />
      {error && (
        <div className="error-bar" role="alert">
          <span data-testid="error-message" data-kind={errorKey}>
            {t(errorKey === 'notice' ? 'desk.notice' : `error.${errorKey}`, { message: localizeHostMessage(t, error, errorReason) })}
          </span>
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
