// Starts the browser host: archive + engine + importer behind the handler table, served over
// loopback HTTP with the built renderer.
import { userInfo } from 'node:os';
import { defaultArchivePath, defaultArchiveTarget } from '../archive/default-path.ts';
import { adoptLegacyArchiveAndReport } from '../archive/adopt-legacy.ts';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Actor } from '../archive/archive-api.ts';
import { ensureRendererBuilt, ROOT } from './build-renderer.ts';
import { createHandlers } from './handlers.ts';
import { startHttpHost, type HttpHost, type HttpHostOptions } from './http-host.ts';
import { loadBackend } from './load-backend.ts';
import type { Backend } from './backend.ts';
import { persistentToken } from './host-token.ts';
import { watchArchive } from './archive-watch.ts';
import { createAccountGuard } from '../accounts/guard.ts';
import { createHttpAuth } from '../accounts/http-auth.ts';
import type { WebSessions } from '../accounts/web-sessions.ts';

/** The one default archive, shared with the CLI and the Electron host (see archive/default-path.ts). */
export { defaultArchivePath };

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export function currentActor(): Actor {
  try {
    return { name: userInfo().username || 'editor' };
  } catch {
    return { name: 'editor' };
  }
}

export interface BrowserHostOptions {
  archivePath?: string;
  port?: number;
  /** For tests: an already open backend (closed with the host). */
  backend?: Backend;
  log?: (line: string) => void;
  /** Where the per-archive token is kept (host-token.ts); null: a fresh token for this run only. */
  tokenDir?: string | null;
}

/**
 * Accounts: once a profile has a password, a login screen, and each login acts through a table of
 * its own profile (electron/accounts/http-auth.ts). `sessions`: for tests (a clock of their own).
 */
export function teamAuth(backend: Backend, version: string, actor: Actor, sessions?: WebSessions): NonNullable<HttpHostOptions['auth']> {
  return (emit, port) =>
    createHttpAuth({
      archive: backend.archive,
      guard: createAccountGuard(backend.archive),
      port,
      ...(sessions ? { sessions } : {}),
      tableFor: (profile) => createHandlers({ ...backend, host: 'browser', version, actor, emit, login: profile.id }),
    });
}

/** The browser host's own port on 127.0.0.1 when none is asked for (then the next of PORT_TRIES). */
export const DEFAULT_BROWSER_PORT = 4870;
const PORT_TRIES = 20;

export interface BrowserHost extends HttpHost {
  readonly archivePath: string;
}

export async function startBrowserHost(options: BrowserHostOptions = {}): Promise<BrowserHost> {
  const actor = currentActor();
  if (options.archivePath === undefined) adoptLegacyArchiveAndReport((line) => process.stderr.write(line));
  // A SQLite file, or a postgresql:// URL of a team archive (GALLEY_DB, galley serve --db URL).
  const archivePath = options.archivePath ?? defaultArchiveTarget();
  const staticDir = await ensureRendererBuilt(options.log);
  const backend = options.backend ?? (await loadBackend(archivePath, actor));
  const version = appVersion();
  let host!: HttpHost;
  // Changes from outside this host (a CLI import, another team server) refresh the open tabs.
  let libraryChanged = (): void => undefined;
  // The port asked for, else the host's own (the same address every start, so with the archive's
  // kept token an open tab survives a restart), else the next free one, else any.
  const ports = options.port !== undefined ? [options.port] : [...Array.from({ length: PORT_TRIES }, (_, i) => DEFAULT_BROWSER_PORT + i), 0];
  try {
    for (const [i, port] of ports.entries()) {
      try {
        host = await startHttpHost({
          staticDir,
          port,
          ...(options.tokenDir !== null ? { token: persistentToken(backend.archive.path, options.tokenDir ?? undefined) } : {}),
          createTable: (emit) => {
            libraryChanged = () => emit('library.changed', {});
            return createHandlers({ ...backend, host: 'browser', version, actor, emit });
          },
          auth: teamAuth(backend, version, actor),
        });
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || i === ports.length - 1) throw e;
      }
    }
  } catch (e) {
    await backend.archive.close();
    throw e;
  }
  const stopWatching = watchArchive(backend.archive, () => libraryChanged());
  return {
    get url() {
      return host.url;
    },
    port: host.port,
    token: host.token,
    server: host.server,
    archivePath: backend.archive.path,
    async close() {
      stopWatching();
      await host.close();
      await backend.archive.close();
    },
  };
}
