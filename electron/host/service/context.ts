// What every handler of the service layer is given: the backend (archive, engine, importer), the
// host's own hooks (events, native dialogs) and the session that says who is acting. Handlers of
// every domain import this file and nothing of each other, so the table has no cycle.
import type { Channel, EventName, EventPayload, Language, ParsedReq, Res } from '../../../shared/ipc.ts';
import type { Actor } from '../../archive/archive-api.ts';
import type { Backend } from '../backend.ts';
import type { FileHandles } from '../file-handles.ts';
import type { Session } from './session.ts';
import type { ArchiveSwitchHook } from '../archive-switch.ts';
import type { JsonAnswer } from './json-answer.ts';

export interface HostContext extends Backend {
  host: 'electron' | 'browser' | 'cli';
  version: string;
  /** The OS user: acts only while the archive has no profile yet (session.ts, bootstrap rule). */
  actor: Actor;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Electron only: shows the native open dialog; resolves to chosen paths (empty when cancelled). */
  showOpenDialog?: (options: { folder: boolean }) => Promise<string[]>;
  /** Electron only: rebuild the menu in the new language. */
  setLanguage?: (language: Language) => void;
  /** Electron only: files the user dropped or picked, behind opaque handles (file-handles.ts). */
  files?: FileHandles;
  /** Electron only: native folder dialog for exports, starting at `defaultPath`; null when cancelled. */
  showFolderDialog?: (defaultPath: string) => Promise<string | null>;
  /**
   * The command line: the profile `--as NAME` names, selected through the session like a host's
   * session.selectProfile but not remembered in the archive (the app's choice stays as it was).
   */
  profileName?: string;
  /** The command line: the password of the --as profile, which the session checks (accounts). */
  password?: string;
  /** The team server: the profile id of the login this table acts for, and only it (http-auth.ts). */
  login?: string;
  /**
   * The command line: the person at the terminal names the export folder (--out) themselves. A
   * window may only use the configured export folder or one its own native dialog returned.
   */
  anyExportFolder?: boolean;
  /** Hosts that can open another archive while running ("Open archive…", archive-switch.ts). */
  archives?: ArchiveSwitchHook;
}

/** A handler's view: the host context plus the session acting for this host. */
export interface ServiceContext extends HostContext {
  session: Session;
  /** Tells every window that the library changed (page states, imports, tags). */
  changed(): void;
}

/** A handler's answer: the value, or the value already serialised (dispatch.ts JsonAnswer: a page from its archive's thread). */
export type Handler<C extends Channel> = (request: ParsedReq<C>) => Promise<Res<C> | JsonAnswer<Res<C>>> | Res<C> | JsonAnswer<Res<C>>;
export type HandlerTable = { [C in Channel]: Handler<C> };
/** The handlers of one domain: a part of the table (the table's type checks that all are there). */
export type HandlerGroup<C extends Channel> = { [K in C]: Handler<K> };
