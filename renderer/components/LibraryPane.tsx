// Library: publications -> issues (date, number, state, progress) -> pages.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useStoreApi } from '../state/context.ts';
import { focusTargets } from '../focus.ts';
import { IssueActions } from './IssueReview.tsx';

/** The archive's name for pages whose publication is not known yet (translated when shown). */
const UNKNOWN_PUBLICATION = 'Unknown publication';
import { PageDoubts } from './Doubts.tsx';

export function LibraryPane() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const publications = useApp((s) => s.publications);
  const issues = useApp((s) => s.issues);
  const pages = useApp((s) => s.pages);
  const openPubs = useApp((s) => s.expandedPublications);
  const openIssues = useApp((s) => s.expandedIssues);
  const currentPage = useApp((s) => s.session?.pageId ?? null);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    focusTargets.library = () => (ref.current?.querySelector<HTMLElement>('[aria-current="page"]') ?? ref.current?.querySelector<HTMLElement>('button'))?.focus();
    return () => {
      delete focusTargets.library;
    };
  }, []);

  return (
    <nav className="library" ref={ref} aria-label={t('library.title')} data-testid="library">
      <h2>{t('library.title')}</h2>
      {publications.length === 0 && <p className="muted">{t('library.empty')}</p>}
      <ul className="tree">
        {publications.map((p) => {
          const open = openPubs.includes(p.id);
          return (
            <li key={p.id}>
              <button className="tree-row pub" aria-expanded={open} onClick={() => store.getState().togglePublication(p.id)}>
                <span className="twisty">{open ? '▾' : '▸'}</span>
                <span className="pub-title">{p.title === UNKNOWN_PUBLICATION ? t('desk.unknownPublication') : p.title}</span>
                {p.serial && <span className="muted small">{p.serial}</span>}
              </button>
              {open && (
                <ul>
                  {issues
                    .filter((i) => i.publicationId === p.id)
                    .map((i) => {
                      const iopen = openIssues.includes(i.id);
                      return (
                        <li key={i.id}>
                          <button
                            className="tree-row issue"
                            aria-expanded={iopen}
                            data-testid="issue-row"
                            onClick={() => void store.getState().toggleIssue(i.id)}
                          >
                            <span className="twisty">{iopen ? '▾' : '▸'}</span>
                            <span className="issue-date">{i.date ?? t('library.noDate')}</span>
                            <span className="muted small">{i.issueNumber !== null ? t('library.issue', { number: i.issueNumber }) : t('library.noNumber')}</span>
                            <span className={`state state-${i.state}`} data-testid="issue-state" data-state={i.state}>
                              {t(`state.${i.state}`)}
                            </span>
                            <span className="progress small" data-testid="issue-progress">
                              {t('library.progress', { done: i.pagesProofed, total: i.pagesTotal })}
                            </span>
                          </button>
                          {iopen && <IssueActions issue={i} />}
                          {iopen && (
                            <ul>
                              {(pages[i.id] ?? []).map((pg) => (
                                <li key={pg.id}>
                                  <button
                                    className="tree-row page"
                                    data-testid="page-row"
                                    data-page-id={pg.id}
                                    aria-current={pg.id === currentPage ? 'page' : undefined}
                                    onClick={() => void store.getState().openPage(pg.id)}
                                    title={pg.sourceName}
                                  >
                                    <span>{pg.pageNumber !== null ? t('library.page', { number: pg.pageNumber }) : t('library.pageUnknown')}</span>
                                    <span className="muted small">{t('library.items', { count: pg.itemCount })}</span>
                                    <PageDoubts count={pg.doubtCount} proofed={pg.state === 'proofed'} />
                                    <span className={`state state-${pg.state}`} data-testid="page-state">
                                      {t(`state.${pg.state}`)}
                                    </span>
                                  </button>
                                </li>
                              ))}
                            </ul>
                          )}
                        </li>
                      );
                    })}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
