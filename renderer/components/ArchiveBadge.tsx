// Which archive this window works on, in the top bar: a local archive file, or a team archive on a
// server (issue 13 §6). The full path or URL (password masked by the host) is in the tooltip.
import { useTranslation } from 'react-i18next';
import { useApp } from '../state/context.ts';

/** A short name: the file's name, or the team archive's host and database. */
export function archiveShortName(kind: 'local' | 'team', path: string): string {
  if (kind === 'local') return path.split(/[\\/]/).pop() || path;
  // postgresql://user:***@host:5432/db?host=/socket → host:5432/db (a socket-only URL → db).
  const m = /^postgres(?:ql)?:\/\/(?:[^@/?#]*@)?([^/?#]*)(?:\/([^?#]*))?/i.exec(path);
  if (!m) return path;
  const [, host = '', db = ''] = m;
  return host ? `${host}/${db}` : db || path;
}

export function ArchiveBadge() {
  const { t } = useTranslation();
  const archive = useApp((s) => s.archive);
  if (!archive) return null;
  const name = archiveShortName(archive.kind, archive.path);
  return (
    <span className={`archive-badge archive-badge-${archive.kind}`} title={t('app.archiveTitle', { path: archive.path })} data-testid="archive-badge" data-kind={archive.kind}>
      {archive.kind === 'team' ? t('app.archiveTeam', { name }) : t('app.archiveLocal', { name })}
    </span>
  );
}
