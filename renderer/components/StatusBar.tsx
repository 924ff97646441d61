// The status bar: cursor line:column, "item N of M", the page state, the page's doubts, segmenting in progress, and
// why the page is read-only (role or approved issue) in words a keyboard user can reach (it is a
// live region, not a tooltip).
import { useTranslation } from 'react-i18next';
import { deniedKey } from '../messages.ts';
import { doubtIndexes } from '../model/doubts.ts';
import { lockedReason } from '../review-reasons.ts';
import { useApp } from '../state/context.ts';
import { useDesk } from '../state/desk.ts';

let countedItems: Parameters<typeof doubtIndexes>[0] | null = null;
let countedDoubts = 0;
function doubtCount(items: Parameters<typeof doubtIndexes>[0]): number {
  if (items !== countedItems) {
    countedItems = items;
    countedDoubts = doubtIndexes(items).length;
  }
  return countedDoubts;
}

export function StatusBar() {
  const { t } = useTranslation();
  const cursor = useDesk((s) => s.cursor);
  const hint = useDesk((s) => s.hint);
  const hasPage = useApp((s) => s.session !== null);
  const selected = useApp((s) => s.session?.selected ?? 0);
  const total = useApp((s) => s.session?.history.present.items.length ?? 0);
  const pageState = useApp((s) => s.session?.state ?? null);
  // A count, so the bar re-renders only when it changes; counted once per items array (the selector
  // runs on every store change, and a page can hold 10,000 items).
  const doubts = useApp((s) => (s.session ? doubtCount(s.session.history.present.items) : 0));
  const busy = useApp((s) => s.busy > 0);
  const issueState = useApp((s) => s.issues.find((i) => i.id === s.session?.issueId)?.state ?? null);
  const who = useApp((s) => s.who);
  const denied = deniedKey(who, 'page.save');
  const readOnlyWhy = lockedReason(t, issueState) ?? (denied ? t(denied) : null);
  return (
    <footer className="statusbar" role="status" aria-label={t('desk.status.label')} data-testid="statusbar">
      {hasPage && cursor && <span data-testid="status-position">{t('desk.status.position', { line: cursor.line, col: cursor.col })}</span>}
      {hasPage && (
        <span data-testid="status-item">{total > 0 ? t('desk.status.item', { n: Math.min(selected + 1, total), total }) : t('desk.status.noItems')}</span>
      )}
      {pageState && <span className={`state state-${pageState}`} data-testid="status-page-state">{t(`state.${pageState}`)}</span>}
      {hasPage && (
        <span className={doubts > 0 ? 'status-doubts' : undefined} data-testid="status-doubts" data-count={doubts}>
          {t('doubt.count', { count: doubts })}
        </span>
      )}
      {busy && <span>{t('desk.status.busy')}</span>}
      {hint && <span className="status-hint" data-testid="status-hint">{t(hint)}</span>}
      <span className="spacer" />
      {hasPage && readOnlyWhy && (
        <span className="status-readonly" data-testid="status-readonly">
          {t('desk.status.readOnlyWhy', { why: readOnlyWhy })}
        </span>
      )}
    </footer>
  );
}
