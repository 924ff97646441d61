// Opening another archive in a running host (issue 13 §6): the new archive is opened first (a
// failure leaves the old one in use), then the host installs it — its handler and login tables are
// built again (every session of the old archive ends), the change watch follows the new archive,
// the old archive is closed cleanly — and the host's windows are told to reload. The list of
// archives the host offers is remembered (known-archives.ts).
import { existsSync, statSync } from 'node:fs';
import { AppError } from '../../shared/app-error.ts';
import { archiveKind } from '../archive/open-any.ts';
import type { Backend } from './backend.ts';
import { describeKnown, normalTarget, type KnownArchive, type KnownArchives } from './known-archives.ts';

/** What the archives.* handlers see of their host (HostContext.archives). */
export interface ArchiveSwitchHook {
  /** False on a team server listening beyond loopback: it serves the one archive it was started with. */
  readonly canSwitch: boolean;
  /** The desktop app: the main process's own file dialog picks a local archive. */
  browse?: () => Promise<string | null>;
  current(): KnownArchive;
  known(): KnownArchive[];
  /** Opens `target` and installs it; throws AppError (switch-same, switch-unknown, switch-busy, switch-failed). */
  open(target: string): Promise<KnownArchive>;
}

export interface ArchiveSwitchOptions {
  known: KnownArchives;
  canSwitch: boolean;
  current(): Backend;
  load(target: string): Promise<Backend>;
  /** Puts `next` in place of the current backend (tables, watch), closes the old one, tells the windows. */
  install(next: Backend): Promise<void>;
  browse?: () => Promise<string | null>;
}

export function createArchiveSwitch(options: ArchiveSwitchOptions): ArchiveSwitchHook {
  let busy = false;
  const current = () => describeKnown(currentTarget(options.current()));
  options.known.remember(current().target);
  return {
    canSwitch: options.canSwitch,
    ...(options.browse ? { browse: options.browse } : {}),
    current,
    known: () => options.known.list(),
    async open(target) {
      const next = describeKnown(normalTarget(target));
      if (next.id === current().id) throw new AppError('bad-request', 'switch-same', 'that archive is already open');
      // A listed file that is gone is not silently created anew.
      if (archiveKind(next.target) === 'sqlite' && !(existsSync(next.target) && statSync(next.target).isFile())) {
        throw new AppError('not-found', 'switch-unknown', `no archive file at ${next.label}`);
      }
      if (busy) throw new AppError('conflict', 'switch-busy', 'another archive is being opened');
      busy = true;
      try {
        let backend: Backend;
        try {
          backend = await options.load(next.target);
        } catch (e) {
          const detail = e instanceof Error ? e.message.slice(0, 300) : String(e);
          throw new AppError('unavailable', 'switch-failed', `could not open ${next.label}: ${detail}`, { detail });
        }
        await options.install(backend);
        options.known.remember(next.target);
        return next;
      } finally {
        busy = false;
      }
    },
  };
}

/** The target an open backend stands for: a PostgreSQL archive's path is its masked URL, so keep the real one aside. */
const targets = new WeakMap<object, string>();

/** Records the target a backend was opened from (its archive.path masks a URL's password). */
export function rememberTarget(backend: Backend, target: string): Backend {
  targets.set(backend.archive, target);
  return backend;
}

export function currentTarget(backend: Backend): string {
  return targets.get(backend.archive) ?? backend.archive.path;
}

/** The refusal of a call made for a page of the archive a window was loaded from, once another is open. */
export function archiveSwitchedError(channel: string): AppError {
  return new AppError('conflict', 'archive-switched', 'this window was loaded from another archive than the one now open; reload it', { channel });
}

/**
 * The desktop window's side of that fence (the browser host's is the x-galley-archive header): the
 * main process notes which archive was open when the window's page started loading, and a call
 * from that page after a switch (an autosave between the switch and the reload) is refused.
 */
export function windowArchiveFence(hook: Pick<ArchiveSwitchHook, 'current'>): { loaded(): void; stale(): boolean } {
  let loadedOn = hook.current().id;
  return {
    loaded: () => void (loadedOn = hook.current().id),
    stale: () => loadedOn !== hook.current().id,
  };
}
