// What a team server must have before it listens beyond this computer (galley serve --listen):
// an archive with accounts — otherwise anyone on the network would act as the archive's
// remembered profile or as the OS user — and TLS, unless the operator says --insecure-http
// (then a warning is printed). Loopback listening keeps today's behaviour.
import { STRINGS } from '../../shared/i18n.ts';
import type { Language } from '../../shared/ipc.ts';
import { createAccountGuard, type AccountsArchive } from '../accounts/guard.ts';
import { fill, hostForUrl, type ListenAddress } from './listen.ts';

/** A team server that may not start as asked; the message is in the user's language. */
export class TeamReachError extends Error {
  override readonly name = 'TeamReachError';
}

export interface TeamReachOptions {
  listen?: ListenAddress;
  tls?: unknown;
  insecureHttp?: boolean;
  language?: Language;
}

export function describeListen(listen: ListenAddress, port?: number): string {
  const p = port ?? listen.port;
  return p === undefined ? hostForUrl(listen.host) : `${hostForUrl(listen.host)}:${p}`;
}

export async function checkTeamReach(archive: AccountsArchive, options: TeamReachOptions, log?: (line: string) => void): Promise<void> {
  const listen = options.listen;
  if (!listen || listen.loopback) return;
  const s = STRINGS[options.language ?? 'en'].archives.server;
  const where = describeListen(listen);
  if (!(await createAccountGuard(archive).active())) throw new TeamReachError(fill(s.needsAccounts, { listen: where }));
  if (options.tls === undefined) {
    if (!options.insecureHttp) throw new TeamReachError(fill(s.needsTls, { listen: where }));
    log?.(fill(s.insecure, { listen: where }));
  }
}
