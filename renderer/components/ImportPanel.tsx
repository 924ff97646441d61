// Progress and errors of the running (or last) import.
import { useTranslation } from 'react-i18next';
import { useApp, useStoreApi } from '../state/context.ts';
import { importFailureText } from '../host-wording.ts';
import { localizeImportFailure } from '../messages.ts';
import type { MissingProgram } from '../../shared/contract/import.ts';

export function ImportPanel() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const progress = useApp((s) => s.importProgress);
  const report = useApp((s) => s.importReport);
  const error = useApp((s) => s.importError);
  if (!progress && !report && !error) return null;
  // A missing OCR or JPEG 2000 program comes with its typed details, said in the UI language.
  const failureText = (f: { source: string; error?: string; errorCode?: string; missingProgram?: MissingProgram }): string => {
    const missing = f.missingProgram;
    if (missing) return t(`scan.${missing.key}`, { program: missing.program, package: missing.package });
    return localizeImportFailure(t, f.errorCode, importFailureText(f.source, f.error ?? ''));
  };
  const count = (status: string) => report?.outcomes.filter((o) => o.status === status).length ?? 0;
  const failures = report
    ? report.outcomes.filter((o) => o.status === 'failed')
    : (progress?.errors.map((e) => ({ source: e.source, error: e.message, ...(e.missingProgram ? { missingProgram: e.missingProgram } : {}) })) ?? []);
  return (
    <section className="import-panel" role="status" aria-live="polite" data-testid="import-panel">
      {report ? (
        <>
          <p data-testid="import-done">
            {t('import.done', { imported: count('imported') + count('kept-corrections'), unchanged: count('unchanged'), skipped: count('skipped'), failed: count('failed') })}
          </p>
          {/* Said whatever the cancel met: a running OCR (listed below as failed) or files not yet begun. */}
          {report.cancelled && <p data-testid="import-cancelled">{t('scan.importCancelled')}</p>}
        </>
      ) : progress ? (
        <>
          <p>{progress.total > 0 ? t('desk.import.progress', { done: progress.done, total: progress.total }) : t('desk.import.progressOpen', { done: progress.done })}</p>
          <progress max={Math.max(1, progress.total)} value={progress.done} />
          {progress.current && <p className="muted small">{t('import.current', { name: progress.current })}</p>}
          <button onClick={() => void store.getState().cancelImport()} title={t('scan.cancelImportTitle')} data-testid="import-cancel">
            {t('scan.cancelImport')}
          </button>
        </>
      ) : null}
      {error && <p className="error">{t('error.generic', { message: error })}</p>}
      {failures.length > 0 && (
        <details open>
          <summary>{t('import.errors')}</summary>
          <ul>
            {failures.map((f, i) => (
              <li key={i}>
                {f.source}: {f.error ? failureText(f) : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      {(report || error) && <button onClick={() => store.getState().dismissImport()}>{t('import.close')}</button>}
    </section>
  );
}
