// A page's or an item's revisions (who, when, what) with a readable diff, and "Restore this
// version" (a new revision; the open page reloads).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RevisionView } from '../../shared/ipc-review.ts';
import { localizeDiffLine, revisionSummaryText } from '../history-text.ts';
import { deniedKey } from '../messages.ts';
import { lockedReason } from '../review-reasons.ts';
import { useApp, useStoreApi } from '../state/context.ts';
import { Dialog } from './Dialog.tsx';
import { formatTime } from './IssueReview.tsx';

/** A unified diff as coloured lines; file headers are dropped. */
export function DiffView({ diff }: { diff: string }) {
  const { t } = useTranslation();
  const lines = diff.split('\n').filter((l) => !/^(Index: |={5,}|--- |\+\+\+ )/.test(l));
  while (lines.length && lines.at(-1) === '') lines.pop();
  if (lines.length === 0) return <p className="muted small">{t('history.noDiff')}</p>;
  return (
    <pre className="diff" data-testid="history-diff">
      {lines.map((l, i) => {
        const cls = l.startsWith('@@') ? 'hunk' : l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : l.startsWith('\\') ? 'note' : 'ctx';
        return (
          <div key={i} className={`diff-line ${cls}`}>
            {localizeDiffLine(t, l) || ' '}
          </div>
        );
      })}
    </pre>
  );
}

export function HistoryPanel(props: { pageId: number; itemId?: number; title: string }) {
  const { t, i18n } = useTranslation();
  const store = useStoreApi();
  const who = useApp((s) => s.who);
  const issueState = useApp((s) => s.issues.find((i) => i.id === s.session?.issueId)?.state ?? null);
  const [revisions, setRevisions] = useState<RevisionView[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { pageId, itemId } = props;
  const load = useCallback(async () => {
    const revisions = await store.getState().loadRevisions(itemId !== undefined ? { pageId, itemId } : { pageId });
    if (!revisions) return;
    setRevisions(revisions);
    setSelected((cur) => (cur !== null && revisions.some((r) => r.id === cur) ? cur : (revisions[0]?.id ?? null)));
  }, [pageId, itemId, store]);
  useEffect(() => {
    void load();
  }, [load]);
  const denied = deniedKey(who, 'revision.restore');
  const reason = denied ? t(denied) : lockedReason(t, issueState);
  const restore = async (revisionId: number) => {
    setBusy(true);
    const res = await store.getState().restoreRevision(revisionId);
    if (res) {
      setNotice(t('history.restored', { revision: res.revision }));
      await load();
    }
    setBusy(false);
  };
  const current = revisions?.find((r) => r.id === selected) ?? null;
  return (
    <Dialog title={props.title} testId="history-panel" wide onClose={() => store.getState().closeDialog()}>
      {notice && (
        <p className="ok" role="status" data-testid="history-notice">
          {notice}
        </p>
      )}
      {revisions && revisions.length === 0 && <p className="muted">{t('history.none')}</p>}
      {revisions && revisions.length > 0 && (
        <div className="history">
          <ol className="revisions" data-testid="history-list">
            {revisions.map((r) => (
              <li key={r.id}>
                <button className={`revision${r.id === selected ? ' selected' : ''}`} onClick={() => setSelected(r.id)} data-testid="history-revision" data-action={r.action} data-restorable={r.restorable} aria-current={r.id === selected ? 'true' : undefined}>
                  <span className="rev-head">
                    <strong>{t(`history.action.${r.action}`, { defaultValue: r.action })}</strong>
                    {r.pageRevision !== null && <span className="muted small">{t('history.revision', { n: r.pageRevision })}</span>}
                  </span>
                  <span className="small">
                    {r.actor} {r.role ? <span className={`role-badge role-${r.role}`}>{t(`profileRole.${r.role}`)}</span> : <span className="muted">({t('history.unknownRole')})</span>}
                  </span>
                  <span className="muted small">{formatTime(r.at, i18n.language)}</span>
                </button>
              </li>
            ))}
          </ol>
          {current && (
            <section className="revision-detail" data-testid="history-detail">
              <p className="summary" data-testid="history-summary">
                {revisionSummaryText(t, current.summaryData)}
              </p>
              <DiffView diff={current.diff} />
              {current.restorable && (
                <span title={reason ?? undefined}>
                  <button className="primary" disabled={busy || reason !== null} title={reason ?? undefined} onClick={() => void restore(current.id)} data-testid="history-restore">
                    {t('history.restore')}
                  </button>
                </span>
              )}
            </section>
          )}
        </div>
      )}
    </Dialog>
  );
}
