// A replica's sync conflicts (issue 13 §5): a badge when the archive is a checked-out replica
// (with the number of open conflicts), and the screen listing each conflict — the page, why, who
// synced and when, your kept version beside the page as it is here now (the server's) — with
// keep mine / keep the server's / keep both. The next `galley sync` carries the choice.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictChoice, SyncConflictView } from '../../shared/contract/replica.ts';
import { localizeHostMessage } from '../messages.ts';
import type { FormRefusal } from '../state/accounts-slice.ts';
import { useApp, useStoreApi } from '../state/context.ts';
import { Dialog } from './Dialog.tsx';

export function ReplicaBadge() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const status = useApp((s) => s.replicaStatus);
  useEffect(() => void store.getState().loadReplica(), [store]);
  if (!status?.replica) return null;
  const open = status.conflicts.filter((c) => c.resolvedAt === null).length;
  return (
    <button
      className={`replica-badge${open > 0 ? ' has-conflicts' : ''}`}
      title={t('replica.badgeTitle', { source: status.replica.source })}
      onClick={() => store.getState().openDialog({ type: 'replicaConflicts' })}
      data-testid="replica-badge"
      data-open={open}
    >
      {open > 0 ? t('replica.badge', { count: open }) : t('replica.badgeNone')}
    </button>
  );
}

const when = (iso: string, language: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(language === 'zh-CN' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
};

function Version(props: { title: string; v: SyncConflictView['mine']; testId: string }) {
  const { t } = useTranslation();
  return (
    <section className="replica-version" data-testid={props.testId}>
      <h4>{props.title}</h4>
      <p className="muted small">
        {t('replica.items', { count: props.v.items })}
        {props.v.headlines.length > 0 && ` · ${props.v.headlines.slice(0, 4).join(' / ')}`}
      </p>
      <pre className="replica-text">{props.v.text}</pre>
    </section>
  );
}

function ConflictCard({ c }: { c: SyncConflictView }) {
  const { t } = useTranslation();
  const store = useStoreApi();
  const language = useApp((s) => s.language);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<FormRefusal | null>(null);
  const choose = async (choice: ConflictChoice) => {
    setBusy(true);
    setRefused(await store.getState().resolveSyncConflict(c.id, choice));
    setBusy(false);
  };
  const label = c.page
    ? t('replica.page', { publication: c.page.publication, date: c.page.date ?? t('replica.undated'), page: c.page.pageNumber ?? '?' })
    : `#${c.originPageId}`;
  return (
    <li className="replica-conflict" data-testid="replica-conflict" data-id={c.id} data-resolution={c.resolution ?? ''}>
      <header>
        <strong>{label}</strong> <span className="muted small">{c.page?.sourceName}</span>
        <div>{t(`replica.reason.${c.reason}`)}</div>
        <div className="muted small">
          {t('replica.syncedBy', { by: c.by, at: when(c.at, language), base: c.baseRevision, server: c.serverRevision ?? '—' })}
        </div>
      </header>
      <div className="replica-versions">
        <Version title={t('replica.mine', { revision: c.mine.revision, state: t(`state.${c.mine.state}`) })} v={c.mine} testId="replica-mine" />
        {c.current ? (
          <Version title={t(c.resolution === 'mine' ? 'replica.currentHere' : 'replica.current', { revision: c.current.revision, state: t(`state.${c.current.state}`) })} v={c.current} testId="replica-current" />
        ) : (
          <p className="muted">{t('replica.pageGone')}</p>
        )}
      </div>
      {c.resolvedAt === null ? (
        <div className="form-row">
          <button className="primary" disabled={busy || !c.current} title={t('replica.keepMineHint')} onClick={() => void choose('mine')} data-testid="replica-keep-mine">
            {t('replica.keepMine')}
          </button>
          <button disabled={busy} title={t('replica.keepServerHint')} onClick={() => void choose('server')} data-testid="replica-keep-server">
            {t('replica.keepServer')}
          </button>
          <button disabled={busy} title={t('replica.keepBothHint')} onClick={() => void choose('both')} data-testid="replica-keep-both">
            {t('replica.keepBoth')}
          </button>
        </div>
      ) : (
        <p data-testid="replica-resolved">
          {t(`replica.resolved.${c.resolution ?? 'hand'}`)} · {when(c.resolvedAt, language)} · {t(c.sent ? 'replica.sent' : 'replica.pending')}
        </p>
      )}
      {refused && (
        <p className="login-error" role="alert" data-testid="replica-error">
          {localizeHostMessage(t, refused.message, refused)}
        </p>
      )}
    </li>
  );
}

export function ReplicaConflicts() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const status = useApp((s) => s.replicaStatus);
  const showAll = useApp((s) => s.replicaShowAll);
  useEffect(() => void store.getState().loadReplica(), [store]);
  const close = () => store.getState().closeDialog();
  return (
    <Dialog
      title={t('replica.title')}
      testId="replica-conflicts"
      wide
      onClose={close}
      footer={
        <button onClick={close} data-testid="replica-close">
          {t('replica.close')}
        </button>
      }
    >
      {!status?.replica ? (
        <p>{t('replica.notReplica')}</p>
      ) : (
        <>
          <p>{t('replica.intro', { source: status.replica.source })}</p>
          <label className="small">
            <input type="checkbox" checked={showAll} onChange={(e) => void store.getState().loadReplica(e.target.checked)} data-testid="replica-show-all" />{' '}
            {t('replica.showResolved')}
          </label>
          {status.conflicts.length === 0 ? (
            <p data-testid="replica-none">{t('replica.none')}</p>
          ) : (
            <ul className="replica-list">
              {status.conflicts.map((c) => (
                <ConflictCard key={c.id} c={c} />
              ))}
            </ul>
          )}
        </>
      )}
    </Dialog>
  );
}
