// Banners about the host rather than the page: the host cannot be reached (edits are kept and
// retried), it restarted with a new key (open its address again in this tab), or the archive was
// opened read-only. Shown above everything else; never hides the user's unsaved work.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionState, GalleyApi } from '../../shared/ipc.ts';

export function HostBanner({ api }: { api: GalleyApi }) {
  const { t } = useTranslation();
  const [connection, setConnection] = useState<ConnectionState>('online');
  const [readOnlyPath, setReadOnlyPath] = useState<string | null>(null);

  useEffect(() => api.onConnection?.(setConnection), [api]);
  useEffect(() => {
    let live = true;
    api
      .invoke('app.info', {})
      .then((info) => {
        if (live && info.readOnly) setReadOnlyPath(info.archivePath);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api]);

  return (
    <>
      {connection !== 'online' && (
        <div className="host-banner host-banner-offline" role="alert" data-testid="connection-banner" data-state={connection}>
          {connection === 'offline' ? t('security.offline') : t('security.unauthorized')}
        </div>
      )}
      {readOnlyPath !== null && (
        <div className="host-banner host-banner-readonly" role="status" data-testid="readonly-banner">
          {t('security.readOnlyBanner', { path: readOnlyPath })}
        </div>
      )}
    </>
  );
}
