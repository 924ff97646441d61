// What every slice of the app store shares: the API client, the store's options, zustand's set
// and get over the whole composed state, and one way to report a failure. A slice is a function
// of this context returning its part of the state and its actions (renderer/state/store.ts
// composes them into the one store).
import type { GalleyApi, Language } from '../../shared/ipc.ts';
import type { PreviewEngine } from '../engine/client.ts';
import type { LocalEngine } from '../engine/local-engine.ts';
import type { AppState, Actions } from './store.ts';

export interface StoreOptions {
  api: GalleyApi;
  language: Language;
  /** The engine worker for live previews while editing; without one the host's derive is the only one. */
  engine?: PreviewEngine | null;
  /** The engine on the main thread: a split is painted from it at once (optimistic, reconciled with the host). */
  localEngine?: LocalEngine | null;
  /** Resolves after the frame that shows a change (the host's request is built then); default at once. */
  afterPaint?: () => Promise<void>;
  saveDelayMs?: number;
  diskFullRetryMs?: number;
  rederiveDelayMs?: number;
  /** Pause in typing before the worker previews the page (shorter than the host's rederive). */
  previewDelayMs?: number;
  now?: () => number;
  onLanguage?: (language: Language) => void;
}

export type Full = AppState & Actions;

export interface SliceContext {
  api: GalleyApi;
  options: StoreOptions;
  set(partial: Partial<Full>): void;
  get(): Full;
  /** Reports a failed call: a host refusal or an expected answer is worded as what it is. */
  fail(e: unknown): void;
}

/** What a host refusal says by code, for wording it in the UI language (renderer/messages.ts). */
export interface HostReason {
  code: string;
  reason: string | null;
  state: string | null;
  /** The AppError's details: the values its sentence names (shared/app-error.ts). */
  details: Readonly<Record<string, unknown>> | null;
}

export function reasonOf(e: unknown): HostReason | null {
  const x = e as { code?: unknown; reason?: unknown; state?: unknown; details?: unknown } | null;
  if (!x || typeof x !== 'object' || typeof x.code !== 'string') return null;
  const details = x.details && typeof x.details === 'object' ? (x.details as Record<string, unknown>) : null;
  return { code: x.code, reason: typeof x.reason === 'string' ? x.reason : null, state: typeof x.state === 'string' ? x.state : null, details };
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The host answered as designed (not a failure): a conflict, a bad request, something not found. */
export function isExpectedAnswer(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'conflict' || code === 'bad-request' || code === 'not-found';
}

/** The host refused (role or issue state): retrying the same change cannot succeed. */
export function isRefusal(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'refused' || code === 'forbidden' || code === 'no-profile';
}
