// Accounts in the renderer (issue 13 §2). The team server's login (POST /auth/status|login|logout
// with the tab's token; the session itself is an HttpOnly cookie the page never sees), a gate the
// API client waits on when the host answers 'login-required' (the call is retried after the next
// login, so an autosave keeps its edit), and the password asked again: channels that take a
// `password` are retried with it when the host says 'password-required' or 'wrong-password'.
import { AppError } from '../../shared/app-error.ts';
import { HTTP_TOKEN_HEADER, type Channel, type GalleyApi, type Req } from '../../shared/ipc.ts';
import { profileSchema, type Profile } from '../../shared/roles.ts';
import { ApiError, TOKEN_STORAGE_KEY } from './client.ts';

export interface AuthStatus {
  /** Some profile has a password: this host wants a login. */
  active: boolean;
  profile: Profile | null;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

async function post(path: string, body: unknown, fetchFn: FetchLike = (i, init) => fetch(i, init)): Promise<unknown> {
  const res = await fetchFn(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  let data: { ok?: boolean; value?: unknown };
  try {
    data = (await res.json()) as typeof data;
  } catch {
    throw new ApiError(res.status === 401 ? 'unauthorized' : 'internal', `${res.status} ${res.statusText}`);
  }
  if (!data.ok) throw ApiError.fromFailure(data);
  return data.value;
}

export async function authStatus(fetchFn?: FetchLike): Promise<AuthStatus> {
  const v = (await post('/auth/status', {}, fetchFn)) as { active?: unknown; profile?: unknown };
  const profile = v.profile === null ? null : profileSchema.parse(v.profile);
  return { active: v.active === true, profile };
}

export async function logIn(name: string, password: string, fetchFn?: FetchLike): Promise<Profile> {
  const v = (await post('/auth/login', { name, password }, fetchFn)) as { profile?: unknown };
  const profile = profileSchema.parse(v.profile);
  loginGate.loggedIn();
  return profile;
}

export async function logOut(fetchFn?: FetchLike): Promise<void> {
  await post('/auth/logout', {}, fetchFn);
}

/** Calls that met 'login-required' wait here until someone logs in (then they are retried). */
export const loginGate = (() => {
  let waiting: { promise: Promise<void>; resolve: () => void } | null = null;
  const listeners = new Set<(needed: boolean) => void>();
  return {
    /** The client's hook: resolves after the next login. */
    required(): Promise<void> {
      if (!waiting) {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => (resolve = r));
        waiting = { promise, resolve };
        for (const l of listeners) l(true);
      }
      return waiting.promise;
    },
    /** Whether some call is waiting for a login now (read by the window whenever it renders). */
    isWaiting(): boolean {
      return waiting !== null;
    },
    loggedIn() {
      const w = waiting;
      waiting = null;
      for (const l of listeners) l(false);
      w?.resolve();
    },
    subscribe(listener: (needed: boolean) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
})();

/** The channels whose request takes the acting user's password (shared/contract). */
export const PASSWORD_CHANNELS = [
  'issues.approve',
  'issues.reopen',
  'issues.export',
  'session.selectProfile',
  'profiles.create',
  'profiles.update',
  'profiles.remove',
  'archives.open',
  'accounts.setPassword',
  'accounts.setDisabled',
  'accounts.create',
] as const satisfies readonly Channel[];
export type PasswordChannel = (typeof PASSWORD_CHANNELS)[number];

export interface PasswordQuestion {
  channel: PasswordChannel;
  /** Whose password (details.name of the refusal). */
  name: string;
  /** Set when the previous try was wrong or refused: the refusal to show above the field. */
  error: AppError | null;
}

/** Returns the password typed, or null when the user cancelled. */
export type AskPassword = (q: PasswordQuestion) => Promise<string | null>;

const asksPassword = (e: unknown): e is AppError => e instanceof AppError && e.code === 'forbidden' && (e.reason === 'password-required' || e.reason === 'wrong-password');

/**
 * The API with the password asked again where the host wants it: the call is sent as it is, and
 * only when refused for want of the password is the user asked, then it is sent again with it.
 * Cancelling rejects with the host's refusal, as if no dialog had been shown.
 */
export function withPasswordPrompt(api: GalleyApi, ask: AskPassword): GalleyApi {
  const wrapped: GalleyApi = {
    ...api,
    async invoke<C extends Channel>(channel: C, request: Req<C>, options?: { keepalive?: boolean }) {
      if (!(PASSWORD_CHANNELS as readonly string[]).includes(channel)) return api.invoke(channel, request, options);
      let error: AppError | null = null;
      let password: string | undefined;
      for (;;) {
        try {
          return await api.invoke(channel, (password === undefined ? request : { ...request, password }) as Req<C>, options);
        } catch (e) {
          if (!asksPassword(e)) throw e;
          error = e.reason === 'wrong-password' ? e : null;
          const typed = await ask({ channel: channel as PasswordChannel, name: String(e.details.name ?? ''), error });
          if (typed === null) throw e;
          password = typed;
        }
      }
    },
  };
  return wrapped;
}
