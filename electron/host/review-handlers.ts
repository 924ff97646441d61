// The review channels of the handler table (shared/ipc-review.ts): profiles, session, tags,
// vocabulary, approval, export, history, search. Every data-changing handler resolves the acting
// profile and checks its permission before it touches the archive.
import type { ReviewChannel } from '../../shared/ipc-review.ts';
import { HostError, type Handler, type HostContext } from './handlers.ts';

export type ReviewHandlerTable = { [C in ReviewChannel]: Handler<C> };

const pending = (): never => {
  throw new HostError('unavailable', 'not available yet');
};

export function createReviewHandlers(_ctx: HostContext): ReviewHandlerTable {
  return {
    'session.current': pending,
    'session.selectProfile': pending,
    'profiles.list': pending,
    'profiles.create': pending,
    'profiles.update': pending,
    'profiles.remove': pending,
    'tags.setForItem': pending,
    'tags.addToItems': pending,
    'tags.suggest': pending,
    'tags.list': pending,
    'vocabulary.list': pending,
    'vocabulary.upsert': pending,
    'vocabulary.remove': pending,
    'vocabulary.importCsv': pending,
    'vocabulary.exportCsv': pending,
    'issues.items': pending,
    'issues.history': pending,
    'issues.approve': pending,
    'issues.reopen': pending,
    'issues.export': pending,
    'export.folder': pending,
    'export.chooseFolder': pending,
    'history.forPage': pending,
    'history.forItem': pending,
    'history.restore': pending,
    search: pending,
  };
}
