// Starts the browser host: archive + engine + importer behind the handler table, served over
// loopback HTTP with the built renderer.
import { userInfo } from 'node:os';
import { defaultArchivePath, defaultArchiveTarget } from '../archive/default-path.ts';
import { adoptLegacyArchiveAndReport } from '../archive/adopt-legacy.ts';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Actor } from '../archive/archive-api.ts';
import { ensureRendererBuilt, ROOT } from './build-renderer.ts';
import { createHandlers } from './handlers.ts';
import { startHttpHost, type HttpHost, type HttpHostOptions } from './http-host.ts';
import { loadBackend } from './load-backend.ts';
import type { Backend } from './backend.ts';
import { defaultTokenDir, persistentToken } from './host-token.ts';
import { watchArchive } from './archive-watch.ts';
import { createAccountGuard } from '../accounts/guard.ts';
import { createHttpAuth } from '../accounts/http-auth.ts';
import type { WebSessions } from '../accounts/web-sessions.ts';
import type { Language } from '../../shared/ipc.ts';
import { serverNames, type ListenAddress } from './listen.ts';
import type { TlsFiles } from './tls.ts';
import { checkTeamReach } from './team-reach.ts';
import { createArchiveSwitch, rememberTarget, type ArchiveSwitchHook } from './archive-switch.ts';
import { knownArchives } from './known-archives.ts';

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
  /**
   * The team server (galley serve --listen): where to listen. Beyond loopback the archive must
   * have accounts, and TLS is required unless insecureHttp (team-reach.ts).
   */
  listen?: ListenAddress;
  /** PEM files, already checked (tls.ts). */
  tls?: TlsFiles;
  insecureHttp?: boolean;
  /** Extra names clients use to reach the server (--server-name), for the Host/Origin check. */
  serverNames?: readonly string[];
  /** The language of refusals and warnings at start (the CLI's locale). */
  language?: Language;
  /** The archives "Open archive…" offers (known-archives.ts); default next to the token folder, null: in memory. */
  knownArchivesFile?: string | null;
  /** For tests: serve this folder instead of building the renderer. */
  staticDir?: string;
}

/**
 * Accounts: once a profile has a password, a login screen, and each login acts through a table of
 * its own profile (electron/accounts/http-auth.ts). `sessions`: for tests (a clock of their own).
 */
export function teamAuth(backend: Backend, version: string, actor: Actor, sessions?: WebSessions, secure = false, archives?: ArchiveSwitchHook): NonNullable<HttpHostOptions['auth']> {
  return (emit, port) =>
    createHttpAuth({
      archive: backend.archive,
      guard: createAccountGuard(backend.archive),
      port,
      // Under TLS the session cookie is Secure: never sent over plain HTTP.
      secure,
      ...(sessions ? { sessions } : {}),
      tableFor: (profile) => createHandlers({ ...backend, host: 'browser', version, actor, emit, login: profile.id, ...(archives ? { archives } : {}) }),
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
  let backend = options.backend ?? rememberTarget(await loadBackend(archivePath, actor), archivePath);
  // Beyond loopback: accounts required, TLS unless --insecure-http (refused before any port opens).
  try {
    await checkTeamReach(backend.archive, options, options.log);
  } catch (e) {
    await backend.archive.close();
    throw e;
  }
  const staticDir = options.staticDir ?? (await ensureRendererBuilt(options.log));
  const version = appVersion();
  let host!: HttpHost;
  // Changes from outside this host (a CLI import, another team server) refresh the open tabs.
  let libraryChanged = (): void => undefined;
  let archiveSwitched = (): void => undefined;
  let stopWatching = (): void => undefined;
  // "Open archive…": on this computer only — a team server on the network serves its one archive.
  const knownFile = options.knownArchivesFile !== undefined ? options.knownArchivesFile : options.tokenDir === null ? null : join(dirname(options.tokenDir ?? defaultTokenDir()), 'known-archives.json');
  const switcher = createArchiveSwitch({
    known: knownArchives(knownFile),
    canSwitch: options.listen === undefined || options.listen.loopback,
    current: () => backend,
    load: async (target) => rememberTarget(await loadBackend(target, actor), target),
    async install(next) {
      const old = backend;
      stopWatching();
      backend = next;
      host.rebuild();
      stopWatching = watchArchive(backend.archive, () => libraryChanged());
      await old.archive.close().catch((e: unknown) => options.log?.(`closing the previous archive failed: ${(e as Error).message}`));
      archiveSwitched();
    },
  });
  // The port asked for, else the host's own (the same address every start, so with the archive's
  // kept token an open tab survives a restart), else the next free one, else any.
  const askedPort = options.port ?? options.listen?.port;
  const ports = askedPort !== undefined ? [askedPort] : [...Array.from({ length: PORT_TRIES }, (_, i) => DEFAULT_BROWSER_PORT + i), 0];
  try {
    for (const [i, port] of ports.entries()) {
      try {
        host = await startHttpHost({
          staticDir,
          port,
          ...(options.listen ? { listen: options.listen, serverNames: serverNames(options.listen, options.serverNames) } : {}),
          ...(options.tls ? { tls: options.tls } : {}),
          ...(options.tokenDir !== null ? { token: persistentToken(backend.archive.path, options.tokenDir ?? undefined) } : {}),
          // Called again after "Open archive…" (rebuild): the tables then act on the new backend.
          createTable: (emit) => {
            libraryChanged = () => emit('library.changed', {});
            archiveSwitched = () => emit('archive.switched', {});
            return createHandlers({ ...backend, host: 'browser', version, actor, emit, archives: switcher });
          },
          auth: (emit, port) => teamAuth(backend, version, actor, undefined, options.tls !== undefined, switcher)(emit, port),
          // A tab's calls name the archive it was loaded from; after Open archive… the old one's are refused.
          archiveId: () => switcher.current().id,
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
  stopWatching = watchArchive(backend.archive, () => libraryChanged());
  return {
    get url() {
      return host.url;
    },
    port: host.port,
    token: host.token,
    server: host.server,
    scheme: host.scheme,
    rebuild: () => host.rebuild(),
    get archivePath() {
      return backend.archive.path;
    },
    async close() {
      stopWatching();
      await host.close();
      await backend.archive.close();
    },
  };
}
