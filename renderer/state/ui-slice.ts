// The window's own state: the UI language, the help overlay, the error banner, and what the host
// says about itself (connection, a read-only archive).
import type { ConnectionState, Language } from '../../shared/ipc.ts';
import { isExpectedAnswer, isRefusal, messageOf, reasonOf, type HostReason, type SliceContext } from './slice.ts';

export interface UiState {
  language: Language;
  helpOpen: boolean;
  error: string | null;
  /** How to word `error`: a failure, or a refusal by the host (permission, approved issue). */
  errorKey: 'generic' | 'refused' | 'notice';
  /** The host's code for a refusal (the Action, or the state machine's code) and the issue state it names. */
  errorReason: HostReason | null;
  /** Whether the host answers (the browser host's client retries while it does not). */
  connection: ConnectionState;
  /** The archive's path when the host opened it read-only, else null. */
  readOnlyPath: string | null;
  /** Which archive the host works on (app.info), for the top bar; null until the host has said. */
  archive: { kind: 'local' | 'team'; path: string } | null;
}

export interface UiActions {
  setLanguage(language: Language): void;
  setHelp(open: boolean): void;
  dismissError(): void;
  /** Reports a failed call (a host refusal is worded as one). */
  reportError(e: unknown): void;
  /** Asks the host whether the archive is read-only (for the banner). */
  loadHostInfo(): Promise<void>;
}

/** The error banner's state for a failure: a refusal or an expected answer is worded as what it is. */
export function errorState(e: unknown): Pick<UiState, 'error' | 'errorKey' | 'errorReason'> {
  return { error: messageOf(e), errorKey: isRefusal(e) ? 'refused' : isExpectedAnswer(e) ? 'notice' : 'generic', errorReason: reasonOf(e) };
}

export function createUiSlice(ctx: SliceContext): UiState & UiActions {
  const { api, options, set } = ctx;
  // The client reports connection changes as they happen; the store keeps the latest.
  api.onConnection?.((connection) => set({ connection }));
  return {
    language: options.language,
    helpOpen: false,
    error: null,
    errorKey: 'generic',
    errorReason: null,
    connection: 'online',
    readOnlyPath: null,
    archive: null,

    setLanguage(language) {
      set({ language });
      options.onLanguage?.(language);
    },
    setHelp(open) {
      set({ helpOpen: open });
    },
    dismissError() {
      set({ error: null, errorKey: 'generic', errorReason: null });
    },
    reportError(e) {
      ctx.fail(e);
    },
    async loadHostInfo() {
      try {
        const info = await api.invoke('app.info', {});
        set({ readOnlyPath: info.readOnly ? info.archivePath : null, archive: { kind: info.archiveKind, path: info.archivePath } });
      } catch {
        // The banner is a courtesy; every write is refused by the host anyway.
      }
    },
  };
}
