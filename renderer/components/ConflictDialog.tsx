// Two people saved the same page (state/conflict-slice.ts). The dialog says so in the user's words
// and offers "reload and keep my change as a copy" (the default) or "reload and discard my change";
// the copies kept for the open page are listed above it, to read, copy from, download or delete.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useStoreApi } from '../state/context.ts';
import type { ConflictCopy } from '../state/conflict-slice.ts';
import { Dialog } from './Dialog.tsx';

export function ConflictDialog() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const conflict = useApp((s) => s.conflict);
  if (!conflict) return null;
  return (
    <Dialog
      title={t('conflict.title')}
      testId="conflict-dialog"
      footer={
        <>
          <button className="primary" autoFocus onClick={() => void store.getState().resolveConflict('keep-copy')} data-testid="conflict-keep-copy">
            {t('conflict.keepCopy')}
          </button>
          <button onClick={() => void store.getState().resolveConflict('discard')} data-testid="conflict-discard">
            {t('conflict.discard')}
          </button>
        </>
      }
    >
      <p>{t('conflict.body', { page: conflict.sourceName })}</p>
      <p className="muted small">{t('conflict.hint')}</p>
    </Dialog>
  );
}

/** The copies kept for the open page: a line each, opening to the text. */
export function ConflictCopies() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const pageId = useApp((s) => s.session?.pageId ?? null);
  const all = useApp((s) => s.conflictCopies);
  const [open, setOpen] = useState<ConflictCopy | null>(null);
  const archivePath = useApp((s) => s.archive?.path ?? null);
  // A copy kept when the host switched archives belongs to that archive's page of the same id only.
  const copies = all.filter((c) => c.pageId === pageId && (c.archivePath === undefined || c.archivePath === archivePath));
  if (copies.length === 0) return null;
  const time = (c: ConflictCopy) => new Date(c.at).toLocaleString();
  const download = (c: ConflictCopy) => {
    const url = URL.createObjectURL(new Blob([c.text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${c.sourceName.replace(/[\\/]/g, '_').replace(/\.[^.]*$/, '')}-${t('conflict.fileSuffix')}.txt`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="conflict-copies" role="status" data-testid="conflict-copies">
      {copies.map((c) => (
        <span key={c.at} className="conflict-copy">
          {t('conflict.kept', { time: time(c) })}
          <button onClick={() => setOpen(c)} data-testid="conflict-copy-show">
            {t('conflict.show')}
          </button>
          <button onClick={() => store.getState().dropConflictCopy(c)} data-testid="conflict-copy-drop">
            {t('conflict.drop')}
          </button>
        </span>
      ))}
      {open && (
        <Dialog
          title={t('conflict.copyTitle', { time: time(open) })}
          testId="conflict-copy-dialog"
          wide
          onClose={() => setOpen(null)}
          footer={
            <>
              <button onClick={() => void navigator.clipboard?.writeText(open.text)} data-testid="conflict-copy-clipboard">
                {t('conflict.clipboard')}
              </button>
              <button onClick={() => download(open)} data-testid="conflict-copy-download">
                {t('conflict.download')}
              </button>
            </>
          }
        >
          <textarea className="conflict-copy-text" readOnly value={open.text} data-testid="conflict-copy-text" />
        </Dialog>
      )}
    </div>
  );
}
