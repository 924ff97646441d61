// The one handler table both hosts and the command line serve: channel name -> handler, assembled
// from one module per domain (./handlers/). Each domain module sees the service context — the
// backend, the host's hooks and the session that says who is acting — and nothing of the others.
// Requests are validated against shared/ipc.ts before a handler runs (dispatch.ts).
import type { HandlerTable, HostContext, ServiceContext } from './service/context.ts';
import { createSession } from './service/session.ts';
import { accountHandlers } from './handlers/accounts.ts';
import { appHandlers } from './handlers/app.ts';
import { archiveHandlers } from './handlers/archives.ts';
import { importHandlers } from './handlers/import.ts';
import { issueHandlers } from './handlers/issues.ts';
import { historyHandlers } from './handlers/history.ts';
import { pageHandlers } from './handlers/pages.ts';
import { pageEditHandlers } from './handlers/page-edit.ts';
import { profileHandlers } from './handlers/profiles.ts';
import { replicaHandlers } from './handlers/replica.ts';
import { searchHandlers } from './handlers/search.ts';
import { tagHandlers } from './handlers/tags.ts';

export type { Handler, HandlerTable, HostContext, ServiceContext } from './service/context.ts';
export { dispatch, type DispatchResult } from './dispatch.ts';

export function createHandlers(host: HostContext): HandlerTable {
  // The command line's --as NAME: selected for this run only, checked like any other selection.
  const session = createSession(host.archive, host.actor, {
    remember: host.host !== 'cli',
    ...(host.profileName !== undefined ? { profileName: host.profileName } : {}),
    ...(host.login !== undefined ? { login: host.login } : {}),
    ...(host.password !== undefined ? { password: host.password } : {}),
  });
  const ctx: ServiceContext = { ...host, session, changed: () => host.emit('library.changed', {}) };
  return {
    ...appHandlers(ctx),
    ...pageHandlers(ctx),
    ...pageEditHandlers(ctx),
    ...importHandlers(ctx),
    ...profileHandlers(ctx),
    ...accountHandlers(ctx),
    ...replicaHandlers(ctx),
    ...tagHandlers(ctx),
    ...issueHandlers(ctx),
    ...historyHandlers(ctx),
    ...searchHandlers(ctx),
    ...archiveHandlers(ctx),
  };
}
