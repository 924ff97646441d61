// Library: publications → years → months → issues (date, number, state, progress) → pages, as one
// virtualised tree (model/library-rows.ts makes the rows; only those in view are in the page, so
// decades of a daily stay light). A year's issues are fetched when it opens (state/library-slice.ts):
// a loading row meanwhile, an error row with Retry if that fails. Keyboard: ↑/↓ move, → opens (or
// steps in), ← closes (or steps out), Enter opens a page, toggles a group or retries, Home/End jump.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useApp, useStoreApi } from '../state/context.ts';
import { localizeHostMessage } from '../messages.ts';
import { focusTargets } from '../focus.ts';
import { libraryRows, nextFocusable, type LibraryRow } from '../model/library-rows.ts';
import { IssueActions } from './IssueReview.tsx';
import { PageDoubts } from './Doubts.tsx';

/** The archive's name for pages whose publication is not known yet (translated when shown). */
const UNKNOWN_PUBLICATION = 'Unknown publication';
const INDENT_PX = 14;

export function LibraryPane() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const publications = useApp((s) => s.publications);
  const years = useApp((s) => s.years);
  const currentIssue = useApp((s) => s.issues.find((i) => i.id === s.session?.issueId) ?? null);
  const pages = useApp((s) => s.pages);
  const expandedPublications = useApp((s) => s.expandedPublications);
  const expandedIssues = useApp((s) => s.expandedIssues);
  const groupToggles = useApp((s) => s.groupToggles);
  const currentPageId = useApp((s) => s.session?.pageId ?? null);
  const rows = useMemo(
    () => libraryRows({ publications, years, pages, expandedPublications, expandedIssues, groupToggles, currentIssue, currentPageId }),
    [publications, years, pages, expandedPublications, expandedIssues, groupToggles, currentIssue, currentPageId],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  // The row that takes Tab and arrow keys (roving focus), by key so it survives a refresh.
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const focusIndex = Math.max(0, rows.findIndex((r) => r.key === (focusKey ?? rows.find((x) => x.kind === 'page' && x.current)?.key)));
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'actions' ? 64 : 30),
    overscan: 12,
    getItemKey: (i) => rows[i]?.key ?? i,
  });

  useEffect(() => {
    focusTargets.library = () => {
      virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
      requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${focusIndex}"]`)?.focus());
    };
    return () => {
      delete focusTargets.library;
    };
  }, [focusIndex, virtualizer]);

  const toggle = (row: LibraryRow, open?: boolean): void => {
    const s = store.getState();
    if (row.kind === 'publication' && (open === undefined || open !== row.open)) s.togglePublication(row.publication.id);
    else if ((row.kind === 'year' || row.kind === 'month') && (open === undefined || open !== row.open)) s.setGroupOpen(row.key, !row.open);
    else if (row.kind === 'issue' && (open === undefined || open !== row.open)) void s.toggleIssue(row.issue.id);
  };
  const activate = (row: LibraryRow): void => {
    if (row.kind === 'page') void store.getState().openPage(row.page.id);
    else if (row.kind === 'error') void store.getState().loadYear(row.publicationId, row.year, { reload: true });
    else toggle(row);
  };
  const moveTo = (index: number): void => {
    const row = rows[index];
    if (!row) return;
    setFocusKey(row.key);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${index}"]`)?.focus());
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const index = Number((e.target as HTMLElement).closest<HTMLElement>('[data-row-index]')?.dataset.rowIndex ?? focusIndex);
    const row = rows[index];
    if (!row || (e.target as HTMLElement).closest('.issue-actions-row')) return;
    const openable = row.kind !== 'page' && row.kind !== 'actions' && row.kind !== 'loading' && row.kind !== 'error';
    if (e.key === 'ArrowDown') moveTo(nextFocusable(rows, index, 1));
    else if (e.key === 'ArrowUp') moveTo(nextFocusable(rows, index, -1));
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(nextFocusable(rows, rows.length, -1));
    else if (e.key === 'ArrowRight' && openable) {
      if (!('open' in row) || !row.open) toggle(row, true);
      else moveTo(nextFocusable(rows, index, 1));
    } else if (e.key === 'ArrowLeft') {
      if (openable && 'open' in row && row.open) toggle(row, false);
      else {
        // Step out to the row that holds this one.
        for (let i = index - 1; i >= 0; i--) if (rows[i]!.depth < row.depth && rows[i]!.kind !== 'actions') return moveTo(i), e.preventDefault();
      }
    } else if (e.key === 'Enter' || e.key === ' ') activate(row);
    else return;
    e.preventDefault();
  };

  const label = (row: LibraryRow) => {
    switch (row.kind) {
      case 'publication':
        return (
          <>
            <span className="pub-title">{row.publication.title === UNKNOWN_PUBLICATION ? t('desk.unknownPublication') : row.publication.title}</span>
            {row.publication.serial && <span className="muted small">{row.publication.serial}</span>}
          </>
        );
      case 'year':
        return (
          <>
            <span className="group-title">{row.year === null ? t('library.undated') : t('library.year', { year: row.year })}</span>
            <span className="muted small">{t('library.groupIssues', { count: row.issues })}</span>
            <span className="progress small" data-testid="year-progress">
              {t('library.progress', { done: row.pagesProofed, total: row.pages })}
            </span>
          </>
        );
      case 'loading':
        return <span className="muted small">{t('library.loadingIssues')}</span>;
      case 'error':
        return (
          <>
            <span className="error-text small" role="alert">
              {t('library.loadFailed', { message: localizeHostMessage(t, row.error.message, row.error.code ? { code: row.error.code, reason: row.error.reason, details: row.error.details } : null) })}
            </span>
            <span className="retry small">{t('library.retry')}</span>
          </>
        );
      case 'month':
        return (
          <>
            <span className="group-title">{t('library.month', { year: row.year, month: Number(row.month) })}</span>
            <span className="muted small">{t('library.groupIssues', { count: row.issues })}</span>
          </>
        );
      case 'issue': {
        const i = row.issue;
        return (
          <>
            <span className="issue-date">{i.date ?? t('library.noDate')}</span>
            <span className="muted small">{i.issueNumber !== null ? t('library.issue', { number: i.issueNumber }) : t('library.noNumber')}</span>
            <span className={`state state-${i.state}`} data-testid="issue-state" data-state={i.state}>
              {t(`state.${i.state}`)}
            </span>
            <span className="progress small" data-testid="issue-progress">
              {t('library.progress', { done: i.pagesProofed, total: i.pagesTotal })}
            </span>
          </>
        );
      }
      case 'page': {
        const pg = row.page;
        return (
          <>
            <span>{pg.pageNumber !== null ? t('library.page', { number: pg.pageNumber }) : t('library.pageUnknown')}</span>
            <span className="muted small">{t('library.items', { count: pg.itemCount })}</span>
            <PageDoubts count={pg.doubtCount} proofed={pg.state === 'proofed'} />
            <span className={`state state-${pg.state}`} data-testid="page-state">
              {t(`state.${pg.state}`)}
            </span>
          </>
        );
      }
      default:
        return null;
    }
  };

  return (
    <nav className="library" aria-label={t('library.title')} data-testid="library">
      <h2>{t('library.title')}</h2>
      {publications.length === 0 && <p className="muted">{t('library.empty')}</p>}
      <div className="tree-scroll" ref={scrollRef} role="tree" aria-label={t('library.title')} onKeyDown={onKeyDown}>
        <div className="tree-space" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index]!;
            const style = { transform: `translateY(${v.start}px)`, paddingLeft: row.depth * INDENT_PX };
            if (row.kind === 'actions') {
              return (
                <div key={v.key} ref={virtualizer.measureElement} data-index={v.index} className="tree-item issue-actions-row" style={style}>
                  <IssueActions issue={row.issue} />
                </div>
              );
            }
            const open = 'open' in row ? row.open : undefined;
            const testid = row.kind === 'issue' ? 'issue-row' : row.kind === 'page' ? 'page-row' : `${row.kind}-row`;
            if (row.kind === 'loading') {
              return (
                <div key={v.key} ref={virtualizer.measureElement} data-index={v.index} className="tree-item" style={style}>
                  <div className="tree-row loading" role="status" aria-busy="true" data-testid="loading-row">
                    {label(row)}
                  </div>
                </div>
              );
            }
            return (
              <div key={v.key} ref={virtualizer.measureElement} data-index={v.index} className="tree-item" style={style}>
                <button
                  className={`tree-row ${row.kind === 'publication' ? 'pub' : row.kind}`}
                  role="treeitem"
                  aria-level={row.depth + 1}
                  aria-expanded={open}
                  aria-current={row.kind === 'page' && row.current ? 'page' : undefined}
                  tabIndex={v.index === focusIndex ? 0 : -1}
                  data-row-index={v.index}
                  data-testid={testid}
                  {...(row.kind === 'page' ? { 'data-page-id': row.page.id, title: row.page.sourceName } : {})}
                  onFocus={() => setFocusKey(row.key)}
                  onClick={() => activate(row)}
                >
                  {open !== undefined && <span className="twisty">{open ? '▾' : '▸'}</span>}
                  {label(row)}
                </button>
              </div>
            );
          })}
        </div>
      </div>
    </nav>
  );
}
