// The controlled vocabulary: a tree by type and path, add / edit / remove, CSV import from a file
// chooser and CSV export as a download. Archivists and supervisors edit; everyone may look.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { VOCABULARY_TERM_TYPES, type VocabularyTerm } from '../../shared/ipc-review.ts';
import type { Res } from '../../shared/ipc.ts';
import { deniedKey, localizeHostMessage } from '../messages.ts';
import { useApp, useStoreApi } from '../state/context.ts';
import { Dialog } from './Dialog.tsx';

type TermType = VocabularyTerm['type'];
interface Draft {
  type: TermType;
  path: string;
  label: string;
  aliases: string;
  /** The term being edited (its key may change: then the old one is removed). */
  editing: VocabularyTerm | null;
}
const emptyDraft = (type: TermType = 'subject'): Draft => ({ type, path: '', label: '', aliases: '', editing: null });
const keyOf = (t: VocabularyTerm) => `${t.type}:${t.path.join('/')}`;

export function VocabularyManager() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const who = useApp((s) => s.who);
  const [terms, setTerms] = useState<VocabularyTerm[] | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft());
  const [replace, setReplace] = useState(false);
  const [report, setReport] = useState<Res<'vocabulary.importCsv'> | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const denied = deniedKey(who, 'vocabulary.edit');
  const reason = denied ? t(denied) : null;
  const load = () => void store.getState().listVocabulary().then((found) => found && setTerms(found));
  useEffect(load, [store]);
  // Failures are shown inside the dialog, in the UI language, next to what caused them.
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const guard = async (run: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await run();
    } catch (e) {
      const err = e as { message?: string; code?: string; reason?: string | null; details?: Record<string, unknown> };
      setProblem(localizeHostMessage(t, err.message ?? String(e), err.code ? { code: err.code, reason: err.reason ?? null, details: err.details ?? null } : null));
    }
    load();
    void store.getState().loadTagOptions();
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    const path = draft.path.split('/').map((s) => s.trim()).filter(Boolean);
    const label = draft.label.trim() || path.at(-1) || '';
    if (path.length === 0 || !label) return;
    const term: VocabularyTerm = { type: draft.type, path, label, aliases: draft.aliases.split('|').map((s) => s.trim()).filter(Boolean) };
    const old = draft.editing;
    void guard(async () => {
      // A child typed before its parent ("湖南/衡阳" with no 湖南 yet): the missing parents are
      // added first (label = their name), and the dialog says so.
      const added = await store.getState().saveVocabularyTerm(term, old, terms ?? []);
      setNote(added.length ? t('desk.vocab.parentsAdded', { parents: added.join(t('history.summary.listSep')) }) : null);
      setDraft(emptyDraft(draft.type));
    });
  };
  const edit = (term: VocabularyTerm) => setDraft({ type: term.type, path: term.path.join('/'), label: term.label, aliases: term.aliases.join('|'), editing: term });
  const remove = (term: VocabularyTerm) => {
    if (window.confirm(t('vocab.removeConfirm', { label: term.label }))) void guard(() => store.getState().removeVocabularyTerm(term));
  };
  const importCsv = async (f: File) => {
    const csv = await f.text();
    await guard(async () => setReport(await store.getState().importVocabularyCsv(csv, replace ? 'replace' : 'merge')));
  };
  const exportCsv = () =>
    void guard(async () => {
      const { csv, fileName } = await store.getState().exportVocabularyCsv();
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    });

  return (
    <Dialog title={t('vocab.title')} testId="vocabulary-manager" wide onClose={() => store.getState().closeDialog()}>
      <div className="vocab-tools">
        <span title={reason ?? undefined}>
          <button onClick={() => file.current?.click()} disabled={reason !== null} title={reason ?? undefined} data-testid="vocab-import">
            {t('vocab.importCsv')}
          </button>
        </span>
        <label className="small" title={reason ?? undefined}>
          <input type="checkbox" checked={replace} disabled={reason !== null} onChange={(e) => setReplace(e.target.checked)} />
          <span>{t('vocab.replace')}</span>
        </label>
        <input
          ref={file}
          type="file"
          hidden
          accept=".csv,text/csv"
          data-testid="vocab-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importCsv(f);
          }}
        />
        <button onClick={exportCsv} data-testid="vocab-export">
          {t('vocab.exportCsv')}
        </button>
      </div>
      {report && (
        <div className="import-report" data-testid="vocab-report">
          <p>{t('vocab.imported', { added: report.added, updated: report.updated, removed: report.removed })}</p>
          {report.errors.length > 0 && (
            <ul className="errors">
              {report.errors.map((er, i) => (
                <li key={i}>{t('vocab.line', { line: er.line, message: csvProblem(t, er) })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="vocab-tree" data-testid="vocab-tree">
        {terms && terms.length === 0 && <p className="muted">{t('vocab.empty')}</p>}
        {terms &&
          VOCABULARY_TERM_TYPES.map((type) => {
            const ofType = terms.filter((x) => x.type === type).sort((a, b) => a.path.join('\u0000').localeCompare(b.path.join('\u0000')));
            if (ofType.length === 0) return null;
            return (
              <section key={type}>
                <h3>{t(`vocab.type.${type}`)}</h3>
                <ul className="tree">
                  {ofType.map((term) => (
                    <li key={keyOf(term)} className="vocab-term" style={{ paddingLeft: `${(term.path.length - 1) * 18}px` }} data-testid="vocab-term" data-path={term.path.join('/')}>
                      <span className="term-label">{term.label}</span>
                      {term.label !== term.path.at(-1) && <span className="muted small">{term.path.at(-1)}</span>}
                      {term.aliases.length > 0 && <span className="muted small">= {term.aliases.join(' | ')}</span>}
                      <span className="spacer" />
                      <button className="small-button" disabled={reason !== null} title={reason ?? undefined} onClick={() => edit(term)}>
                        {t('vocab.edit')}
                      </button>
                      <button className="small-button" disabled={reason !== null} title={reason ?? undefined} onClick={() => remove(term)}>
                        {t('vocab.remove')}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
      </div>
      {problem && (
        <p className="field-error" role="alert" data-testid="vocab-error">
          {problem}
        </p>
      )}
      {note && (
        <p className="ok small" role="status" data-testid="vocab-note">
          {note}
        </p>
      )}
      {reason && <p className="muted small">{reason}</p>}
      <form className="vocab-form" onSubmit={save} title={reason ?? undefined}>
        <label>
          <span>{t('vocab.typeLabel')}</span>
          <select value={draft.type} disabled={reason !== null} onChange={(e) => setDraft({ ...draft, type: e.target.value as TermType })}>
            {VOCABULARY_TERM_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`vocab.type.${ty}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('vocab.path')}</span>
          <input value={draft.path} disabled={reason !== null} placeholder={t('vocab.pathHint')} onChange={(e) => setDraft({ ...draft, path: e.target.value })} data-testid="vocab-path" />
        </label>
        <label>
          <span>{t('vocab.label')}</span>
          <input value={draft.label} disabled={reason !== null} onChange={(e) => setDraft({ ...draft, label: e.target.value })} data-testid="vocab-label" />
        </label>
        <label>
          <span>{t('vocab.aliases')}</span>
          <input value={draft.aliases} disabled={reason !== null} placeholder={t('vocab.aliasesHint')} onChange={(e) => setDraft({ ...draft, aliases: e.target.value })} />
        </label>
        <button type="submit" className="primary" disabled={reason !== null || !draft.path.trim()} data-testid="vocab-save">
          {draft.editing ? t('common.save') : t('vocab.add')}
        </button>
        {draft.editing && (
          <button type="button" onClick={() => setDraft(emptyDraft(draft.type))}>
            {t('common.cancel')}
          </button>
        )}
      </form>
    </Dialog>
  );
}

/** A vocabulary CSV row the importer refused, worded by its code (others as written). */
export function csvProblem(
  t: (k: string, o?: Record<string, unknown>) => string,
  row: { message: string; code?: string; details?: Readonly<Record<string, string | number>> },
): string {
  const d = row.details ?? {};
  const type = (v: unknown) => t(`vocab.type.${String(v)}`);
  if (row.code === 'no-parent') return t('desk.vocab.noParent', { type: type(d.type), path: d.path });
  if (row.code === 'fields') return t('desk.vocab.fields', { expected: d.expected, found: d.found });
  if (row.code === 'unknown-type') return t('desk.vocab.unknownType', { type: d.type });
  if (row.code === 'duplicate') return t('desk.vocab.duplicate', { type: type(d.type), path: d.path, line: d.line });
  return row.message;
}
