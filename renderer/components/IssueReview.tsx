// An issue's review controls in the library (Approve, Reopen…, Export…, Items, History) and
// their dialogs. Controls a role may not use are disabled with the reason as tooltip; the host
// checks every call again.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssueSummary } from '../../shared/domain.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/export.ts';
import type { Res } from '../../shared/ipc.ts';
import { saveDownload } from '../download.ts';
import { issueActionReasons } from '../review-reasons.ts';
import { useApp, useStoreApi } from '../state/context.ts';
import { Dialog, Guarded } from './Dialog.tsx';

type T = (key: string, options?: Record<string, unknown>) => string;

export function issueTitle(t: T, issue: IssueSummary | undefined): string {
  if (!issue) return '';
  return [issue.date ?? t('library.noDate'), issue.issueNumber !== null ? t('library.issue', { number: issue.issueNumber }) : null].filter(Boolean).join(' ');
}

/** Why each issue control is unavailable now (a translated sentence), or null. */
function useActionReasons(state: IssueSummary['state']) {
  const { t } = useTranslation();
  const who = useApp((s) => s.who);
  return issueActionReasons(t, who, state);
}

export function IssueActions({ issue }: { issue: IssueSummary }) {
  const { t } = useTranslation();
  const store = useStoreApi();
  const reasons = useActionReasons(issue.state);
  const approve = () => store.getState().approveIssue(issue.id);
  const open = (type: 'reopen' | 'export' | 'issueItems' | 'issueHistory') => store.getState().openDialog({ type, issueId: issue.id });
  return (
    <div className="issue-actions" data-testid="issue-actions" data-issue-id={issue.id}>
      <Guarded reason={reasons.approve} onClick={() => void approve()} testId="issue-approve">
        {t('issue.approve')}
      </Guarded>
      <Guarded reason={reasons.reopen} onClick={() => open('reopen')} testId="issue-reopen">
        {t('issue.reopen')}
      </Guarded>
      <Guarded reason={reasons.export} onClick={() => open('export')} testId="issue-export">
        {t('issue.export')}
      </Guarded>
      <button onClick={() => open('issueItems')} data-testid="issue-items-button">
        {t('issue.items')}
      </button>
      <button onClick={() => open('issueHistory')} data-testid="issue-history-button">
        {t('issue.history')}
      </button>
      {/* Why actions are disabled, reachable by keyboard (a tooltip on a disabled button is not). */}
      {(reasons.approve || reasons.export) && (
        <details className="issue-why" data-testid="issue-why">
          <summary>{t('desk.why.summary')}</summary>
          <ul>
            {reasons.approve && <li>{t('desk.why.approve', { why: reasons.approve })}</li>}
            {reasons.export && <li>{t('desk.why.export', { why: reasons.export })}</li>}
          </ul>
        </details>
      )}
    </div>
  );
}

export function ReopenDialog({ issueId }: { issueId: number }) {
  const { t } = useTranslation();
  const store = useStoreApi();
  const issue = useApp((s) => s.issues.find((i) => i.id === issueId));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return;
    setBusy(true);
    await store.getState().reopenIssue(issueId, reason);
    setBusy(false);
  };
  return (
    <Dialog title={t('issue.reopenTitle', { issue: issueTitle(t, issue) })} testId="reopen-dialog" onClose={() => store.getState().closeDialog()}>
      <form className="stack" onSubmit={submit}>
        <label className="stack">
          <span>{t('issue.reason')}</span>
          <textarea autoFocus rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('issue.reasonHint')} maxLength={2000} data-testid="reopen-reason" />
        </label>
        <div className="buttons">
          <button type="submit" className="primary" disabled={busy || !reason.trim()} data-testid="reopen-confirm">
            {t('issue.reopen').replace('…', '')}
          </button>
          <button type="button" onClick={() => store.getState().closeDialog()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

type ExportResult = Res<'issues.export'>;

export function ExportDialog({ issueId }: { issueId: number }) {
  const { t } = useTranslation();
  const store = useStoreApi();
  const issue = useApp((s) => s.issues.find((i) => i.id === issueId));
  const [formats, setFormats] = useState<ExportFormat[]>([...EXPORT_FORMATS]);
  const [zip, setZip] = useState(false);
  const [outDir, setOutDir] = useState('');
  const [canChoose, setCanChoose] = useState(false);
  // The browser host: the export comes back as a download; the folder is shown, never sent.
  const [offersDownload, setOffersDownload] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const reasons = useActionReasons(issue?.state ?? 'imported');
  useEffect(() => {
    void store
      .getState()
      .exportFolder()
      .then((f) => {
        if (!f) return;
        setOutDir(f.outDir);
        setCanChoose(f.canChoose);
        setOffersDownload(f.download === true);
      });
  }, [store]);
  const choose = async () => {
    const chosen = await store.getState().chooseExportFolder();
    if (chosen) setOutDir(chosen);
  };
  const run = async (e: FormEvent) => {
    e.preventDefault();
    if (formats.length === 0) return;
    setBusy(true);
    const done = await store.getState().exportIssue({ issueId, formats, zip, ...(!offersDownload && outDir.trim() ? { outDir: outDir.trim() } : {}) });
    if (done) setResult(done);
    if (done?.download) saveDownload(done.download.name, done.download.base64);
    setBusy(false);
  };
  const close = () => store.getState().closeDialog();
  const reason = formats.length === 0 ? t('exportDlg.noFormat') : reasons.export;
  return (
    <Dialog title={t('exportDlg.title', { issue: issueTitle(t, issue) })} testId="export-dialog" wide onClose={close}>
      <form className="stack" onSubmit={run}>
        <fieldset>
          <legend>{t('exportDlg.formats')}</legend>
          <div className="format-grid">
            {EXPORT_FORMATS.map((f) => (
              <label key={f}>
                <input
                  type="checkbox"
                  checked={formats.includes(f)}
                  data-testid={`export-format-${f}`}
                  onChange={(e) => setFormats((cur) => (e.target.checked ? EXPORT_FORMATS.filter((x) => x === f || cur.includes(x)) : cur.filter((x) => x !== f)))}
                />
                <span>{t(`exportDlg.fmt.${f}`)}</span>
              </label>
            ))}
          </div>
          {/* The browser host always makes the zip (it is the download), so there is nothing to choose. */}
          {!offersDownload && (
            <label>
              <input type="checkbox" checked={zip} onChange={(e) => setZip(e.target.checked)} data-testid="export-zip" />
              <span>{t('exportDlg.zip')}</span>
            </label>
          )}
        </fieldset>
        <label className="folder-row">
          <span>{t('exportDlg.folder')}</span>
          {offersDownload ? (
            <code data-testid="export-folder">{outDir}</code>
          ) : (
            <input value={outDir} onChange={(e) => setOutDir(e.target.value)} spellCheck={false} data-testid="export-folder" />
          )}
          {canChoose && (
            <button type="button" onClick={() => void choose()}>
              {t('exportDlg.choose')}
            </button>
          )}
        </label>
        {offersDownload && <p className="muted small">{t('exportDlg.downloadNote')}</p>}
        <div className="buttons">
          <Guarded reason={busy ? t('common.working') : reason} onClick={() => undefined} testId="export-run" className="primary">
            {busy ? t('common.working') : t('exportDlg.run')}
          </Guarded>
          <button type="button" onClick={close}>
            {t('common.close')}
          </button>
        </div>
      </form>
      {result && (
        <section className="export-result" data-testid="export-result">
          <p>
            {t('exportDlg.done')} <code data-testid="export-folder-path">{result.folderPath}</code>
          </p>
          {result.download && (
            <p data-testid="export-downloaded">{t('exportDlg.downloaded', { name: result.download.name })}</p>
          )}
          {result.download === null && <p>{t('exportDlg.tooBig')}</p>}
          {result.zipPath && (
            <p>
              {t('exportDlg.zipFile')} <code>{result.zipPath}</code>
            </p>
          )}
          <h3>{t('exportDlg.manifest')}</h3>
          <table className="grid manifest" data-testid="export-manifest">
            <thead>
              <tr>
                <th>{t('exportDlg.file')}</th>
                <th className="num">{t('exportDlg.size')}</th>
                <th>SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {result.manifest.files.map((f) => (
                <tr key={f.path}>
                  <td>
                    <code>{f.path}</code>
                  </td>
                  <td className="num">{f.size.toLocaleString()}</td>
                  <td>
                    <code title={f.sha256}>{f.sha256.slice(0, 12)}…</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Dialog>
  );
}

export function IssueHistoryDialog({ issueId }: { issueId: number }) {
  const { t, i18n } = useTranslation();
  const store = useStoreApi();
  const issue = useApp((s) => s.issues.find((i) => i.id === issueId));
  const [rows, setRows] = useState<Res<'issues.history'>['history'] | null>(null);
  useEffect(() => {
    void store.getState().issueHistory(issueId).then((history) => history && setRows(history));
  }, [issueId, store]);
  return (
    <Dialog title={t('issue.historyTitle', { issue: issueTitle(t, issue) })} testId="issue-history" wide onClose={() => store.getState().closeDialog()}>
      {rows && rows.length === 0 && <p className="muted">{t('history.none')}</p>}
      {rows && rows.length > 0 && (
        <table className="grid">
          <tbody>
            {[...rows].reverse().map((r, i) => (
              <tr key={i}>
                <td className="nowrap">{formatTime(r.at, i18n.language)}</td>
                <td>
                  {r.by} <span className={`role-badge role-${r.role}`}>{t(`profileRole.${r.role}`)}</span>
                </td>
                <td>{t(`issue.event.${r.event}`)}</td>
                <td className="nowrap">
                  {t(`state.${r.from}`)} → {t(`state.${r.to}`)}
                </td>
                <td>{r.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}

export function formatTime(at: string, language: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
