// The parts of the workspace loaded as chunks of their own (issue 15, a lean UI): the page view
// with Monaco (about three quarters of the code) and the dialogs opened on demand. The shell
// (menu, library, status bar) paints from the small entry chunk; the page view's chunk starts
// downloading at once, in parallel, and the dialogs' chunks when first opened.
import { lazy, Suspense, type ComponentProps, type ComponentType } from 'react';

// Started when this module loads, not when the page view first renders: no waterfall.
const pageViewModule = import('./components/PageView.tsx');

function deferred<P extends object>(load: () => Promise<ComponentType<P>>): (props: P) => React.JSX.Element {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function Deferred(props: P) {
    return (
      <Suspense fallback={null}>
        <Lazy {...(props as P & React.JSX.IntrinsicAttributes)} />
      </Suspense>
    );
  };
}

type HistoryPanelProps = ComponentProps<typeof import('./components/HistoryPanel.tsx').HistoryPanel>;
type IssueItemsProps = ComponentProps<typeof import('./components/SearchPanel.tsx').IssueItemsDialog>;

export const PageView = deferred<object>(async () => (await pageViewModule).PageView);
export const HistoryPanel = deferred<HistoryPanelProps>(async () => (await import('./components/HistoryPanel.tsx')).HistoryPanel);
export const SearchPanel = deferred<object>(async () => (await import('./components/SearchPanel.tsx')).SearchPanel);
export const IssueItemsDialog = deferred<IssueItemsProps>(async () => (await import('./components/SearchPanel.tsx')).IssueItemsDialog);
export const VocabularyManager = deferred<object>(async () => (await import('./components/VocabularyManager.tsx')).VocabularyManager);
