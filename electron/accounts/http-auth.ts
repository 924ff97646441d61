// The team server's login over HTTP (issue 13 §2), used by the browser host (http-host.ts) once
// any profile has a password:
//   POST /auth/status  {}               → {active, profile}: whether a login is needed, and who is in
//   POST /auth/login   {name, password} → {profile} + Set-Cookie galley_session_PORT (HttpOnly, SameSite=Strict)
//   POST /auth/logout  {}               → {ok} and the cookie cleared
// Every /api/ request then acts as the profile of its cookie's session, through a handler table of
// that profile alone (tableFor); a missing, forged or expired cookie gets 401 'login-required'.
// Failed logins are rate-limited per account and per address (guard.ts): 429 with Retry-After.
// The session ends when its profile is disabled, removed, loses its password or has it changed
// (a supervisor's reset, or the user's own change: every browser logs in again with the new one).
import { z } from 'zod';
import { AppError } from '../../shared/app-error.ts';
import type { Profile } from '../../shared/roles.ts';
import type { AsyncArchive } from '../archive/async-archive.ts';
import type { AccountGuard } from './guard.ts';
import { clearedCookie, createWebSessions, readCookie, sessionCookie, sessionCookieName, type WebSessions } from './web-sessions.ts';

export const AUTH_PATHS = ['/auth/status', '/auth/login', '/auth/logout'] as const;

const loginSchema = z
  .object({
    name: z.string().trim().min(1, 'empty name').max(80, 'name longer than 80 characters'),
    password: z.string().min(1, 'empty password').max(256, 'password longer than 256 characters'),
  })
  .strict();

export interface AuthAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Who a request acts as: the host's own table while accounts are off, a login's table, or a refusal. */
export type Resolved<T> = { table: T; profile: Profile | null } | { refused: AuthAnswer };

export interface HttpAuth<T> {
  /** Answers one of AUTH_PATHS (the host has already checked method, Origin, token and JSON). */
  route(path: string, body: unknown, cookieHeader: string | undefined, address: string | undefined): Promise<AuthAnswer>;
  /** The table an /api/ request acts through; `open` is the host's table for an archive without passwords. */
  resolve(cookieHeader: string | undefined, open: T): Promise<Resolved<T>>;
  readonly sessions: WebSessions;
}

export interface HttpAuthOptions<T> {
  archive: Pick<AsyncArchive, 'getProfile' | 'profileCredentials'>;
  guard: AccountGuard;
  /** A handler table acting for this profile only (nothing remembered, no switching). */
  tableFor(profile: Profile): T;
  sessions?: WebSessions;
  /** Adds Secure to the cookie (TLS). */
  secure?: boolean;
  /** The port the host listens on (the cookie is named after it); read when a request comes. */
  port: () => number;
}

/** What a login remembers: who, under which name, the password hash it logged in with, and its handler table. */
interface LoginRecord<T> {
  profileId: string;
  name: string;
  hash: string | null;
  table: T;
}

const failure = (status: number, e: AppError, headers?: Record<string, string>): AuthAnswer => ({ status, body: { ok: false, ...e.toData() }, ...(headers ? { headers } : {}) });
const loginRequired = (): AuthAnswer => failure(401, new AppError('unauthorized', 'login-required', 'log in first: no session, or it expired'));

export function createHttpAuth<T>(options: HttpAuthOptions<T>): HttpAuth<T> {
  const sessions = options.sessions ?? createWebSessions();
  // One table per login, made at login and dropped with the session.
  // `hash`: the password hash at login; another one later means the password was changed.
  const tables = new Map<string, LoginRecord<T>>();
  const cookieName = () => sessionCookieName(options.port());

  /** The live session of a cookie with its profile, or null (and the session ended if its profile may no longer log in). */
  const current = async (cookieHeader: string | undefined): Promise<{ value: string; profile: Profile; entry: LoginRecord<T> } | null> => {
    const value = readCookie(cookieHeader, cookieName());
    const session = sessions.get(value);
    if (!session || value === undefined) return null;
    const [profile, credentials] = await Promise.all([options.archive.getProfile(session.profileId), options.archive.profileCredentials(session.profileId)]);
    // Read after the awaits: a request that came in alongside may have ended this session meanwhile
    // (its password changed), and then its login record is gone too. A session without that record
    // cannot show its password is still the one it logged in with, so it counts as ended.
    const entry = tables.get(value);
    if (!sessions.alive(value) || !entry || !profile || !credentials || credentials.disabled || credentials.hash === null || entry.hash !== credentials.hash) {
      sessions.destroy(value);
      tables.delete(value);
      return null;
    }
    return { value, profile, entry };
  };

  return {
    sessions,
    async route(path, body, cookieHeader, address) {
      if (path === '/auth/status') {
        const active = await options.guard.active();
        const who = active ? await current(cookieHeader) : null;
        return { status: 200, body: { ok: true, value: { active, profile: who?.profile ?? null } } };
      }
      if (path === '/auth/logout') {
        const value = readCookie(cookieHeader, cookieName());
        sessions.destroy(value);
        if (value !== undefined) tables.delete(value);
        return { status: 200, body: { ok: true, value: { ok: true } }, headers: { 'Set-Cookie': clearedCookie(cookieName()) } };
      }
      if (path !== '/auth/login') return failure(404, new AppError('not-found', 'unknown-channel', `no such path ${path}`));
      const parsed = loginSchema.safeParse(body);
      if (!parsed.success) return failure(400, new AppError('bad-request', 'invalid-request', parsed.error.issues[0]?.message ?? 'bad login request'));
      try {
        const profile = await options.guard.login(parsed.data.name, parsed.data.password, address);
        const value = sessions.create(profile.id);
        // Tables of sessions that expired without coming back go with them.
        for (const k of tables.keys()) if (!sessions.alive(k)) tables.delete(k);
        const hash = (await options.archive.profileCredentials(profile.id))?.hash ?? null;
        tables.set(value, { profileId: profile.id, name: profile.name, hash, table: options.tableFor(profile) });
        return { status: 200, body: { ok: true, value: { profile } }, headers: { 'Set-Cookie': sessionCookie(cookieName(), value, { secure: options.secure === true }) } };
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        if (e.reason === 'rate-limited') return failure(429, e, { 'Retry-After': String(e.details.retryAfterSeconds ?? 60) });
        return failure(e.code === 'unauthorized' ? 401 : 403, e);
      }
    },
    async resolve(cookieHeader, open) {
      if (!(await options.guard.active())) return { table: open, profile: null };
      const who = await current(cookieHeader);
      if (!who) return { refused: loginRequired() };
      let entry = who.entry;
      // A renamed profile gets a fresh table under its new name.
      if (entry.name !== who.profile.name) {
        entry = { ...entry, name: who.profile.name, table: options.tableFor(who.profile) };
        tables.set(who.value, entry);
      }
      return { table: entry.table, profile: who.profile };
    },
  };
}
