// "Open archive…" (issue 13 §6): a local archive the host knows (or, in the desktop app, one the
// system's file dialog picks), a PostgreSQL archive by URL, or a team server by its address. The
// first two are opened by the host (supervisors, password asked again; every window then reloads);
// for a team server this tab goes to the server's address, where its login screen takes over.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveEntry, OpenTarget } from '../../shared/contract/archives.ts';
import { archiveShortName } from './ArchiveBadge.tsx';
import { Dialog } from './Dialog.tsx';
import { localizeHostMessage } from '../messages.ts';
import { useApp, useStoreApi } from '../state/context.ts';
import { teamServerAddress } from '../state/archives-slice.ts';

type Tab = 'local' | 'postgres' | 'server';

export function OpenArchiveDialog(props: { browser: boolean }) {
  const { t } = useTranslation();
  const store = useStoreApi();
  const dialog = useApp((s) => s.archiveDialog);
  const current = useApp((s) => s.archive);
  const [tab, setTab] = useState<Tab>('local');
  const [picked, setPicked] = useState<string | null>(null);
  const [pgUrl, setPgUrl] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  if (!dialog) return null;
  const close = () => store.getState().closeArchiveDialog();
  const entries = dialog.entries.filter((e) => (tab === 'local' ? e.kind === 'local' : e.kind === 'team'));
  const tabs: Tab[] = props.browser ? ['local', 'postgres', 'server'] : ['local', 'postgres'];

  const open = async (target: OpenTarget) => {
    setFormError(null);
    if (await store.getState().openArchive(target)) window.location.reload();
  };
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (tab === 'server') {
      const address = teamServerAddress(serverUrl);
      if (!address) return setFormError(t('archives.dialog.badServer'));
      window.location.assign(address);
      return;
    }
    if (picked) return void open({ known: picked });
    if (tab === 'postgres') {
      if (!/^postgres(ql)?:\/\/\S+$/i.test(pgUrl.trim())) return setFormError(t('archives.dialog.badPostgres'));
      return void open({ postgres: pgUrl.trim() });
    }
  };
  const canSubmit = !dialog.busy && (tab === 'server' ? serverUrl.trim() !== '' : dialog.canSwitch && (picked !== null || (tab === 'postgres' && pgUrl.trim() !== '')));
  const error = formError ?? (dialog.error ? localizeHostMessage(t, dialog.error.message, dialog.error.reason) : null);

  const list = (rows: ArchiveEntry[]) =>
    rows.length === 0 ? (
      <p className="muted" data-testid="archive-none">
        {t('archives.dialog.none')}
      </p>
    ) : (
      <ul className="archive-list" role="listbox" aria-label={t('archives.dialog.known')} data-testid="archive-known">
        {rows.map((r) => (
          <li key={r.id}>
            <label className={r.current ? 'current' : undefined}>
              <input
                type="radio"
                name="archive"
                value={r.id}
                disabled={r.current || !dialog.canSwitch}
                checked={picked === r.id}
                onChange={() => {
                  setPicked(r.id);
                  setPgUrl('');
                }}
                data-testid="archive-entry"
              />
              <span className="archive-name">{archiveShortName(r.kind, r.label)}</span>
              <span className="archive-path" title={r.label}>
                {r.label}
              </span>
            </label>
          </li>
        ))}
      </ul>
    );

  return (
    <Dialog
      title={t('archives.dialog.title')}
      testId="open-archive-dialog"
      onClose={close}
      footer={
        <>
          <button onClick={close} data-testid="archive-cancel">
            {t('archives.dialog.cancel')}
          </button>
          <button type="submit" form="open-archive-form" className="primary" disabled={!canSubmit} data-testid="archive-open">
            {dialog.busy ? t('archives.dialog.busy') : t('archives.dialog.submit')}
          </button>
        </>
      }
    >
      <form id="open-archive-form" onSubmit={submit} className="open-archive-form">
        {current && <p data-testid="archive-current">{t('archives.dialog.current', { name: current.path })}</p>}
        <div className="archive-tabs" role="tablist">
          {tabs.map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={tab === k}
              className={tab === k ? 'active' : undefined}
              onClick={() => {
                setTab(k);
                setPicked(null);
                setFormError(null);
              }}
              data-testid={`archive-tab-${k}`}
            >
              {t(`archives.dialog.${k}`)}
            </button>
          ))}
        </div>
        {tab !== 'server' && !dialog.canSwitch && !dialog.busy && !dialog.error && <p className="login-error">{t('archives.err.switchUnavailable')}</p>}
        {tab === 'local' && (
          <>
            {list(entries)}
            {dialog.canBrowse && (
              <button type="button" onClick={() => void open({ browse: true })} disabled={dialog.busy || !dialog.canSwitch} data-testid="archive-browse">
                {t('archives.dialog.browse')}
              </button>
            )}
          </>
        )}
        {tab === 'postgres' && (
          <>
            {entries.length > 0 && list(entries)}
            <label className="archive-url">
              {t('archives.dialog.postgresUrl')}
              <input
                type="text"
                spellCheck={false}
                autoComplete="off"
                placeholder={t('archives.dialog.postgresHint')}
                value={pgUrl}
                maxLength={2048}
                onChange={(e) => {
                  setPgUrl(e.target.value);
                  setPicked(null);
                  setFormError(null);
                }}
                data-testid="archive-postgres-url"
              />
            </label>
          </>
        )}
        {tab === 'server' && (
          <label className="archive-url">
            {t('archives.dialog.serverUrl')}
            <input
              type="url"
              spellCheck={false}
              autoComplete="url"
              placeholder={t('archives.dialog.serverHint')}
              value={serverUrl}
              maxLength={2048}
              onChange={(e) => {
                setServerUrl(e.target.value);
                setFormError(null);
              }}
              data-testid="archive-server-url"
            />
          </label>
        )}
        {tab !== 'server' && <p className="muted archive-who">{t('archives.dialog.who')}</p>}
        {error && (
          <p className="login-error" role="alert" data-testid="archive-error">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
