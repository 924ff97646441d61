// Banners about the host rather than the page: the host cannot be reached (edits are kept and
// retried), it restarted with a new key (open its address again in this tab), or the archive was
// opened read-only. Shown above everything else; never hides the user's unsaved work.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useStoreApi } from '../state/context.ts';

export function HostBanner() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const connection = useApp((s) => s.connection);
  const readOnlyPath = useApp((s) => s.readOnlyPath);

  useEffect(() => {
    void store.getState().loadHostInfo();
  }, [store]);

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
