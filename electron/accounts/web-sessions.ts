// The team server's logins: one entry per signed-in browser, found by a random 256-bit id that
// travels only in an HttpOnly, SameSite=Strict cookie. The id is kept hashed (SHA-256), so a
// memory dump or a log line of the map does not hand out a live cookie. A session ends when it
// has been idle for `idleMs` (12 h), at `maxMs` after login (7 days) whatever its use, at logout,
// and when its profile is disabled or loses its password (checked on each request by the host).
import { createHash, randomBytes } from 'node:crypto';

/** The cookie's name on a port: cookies are not scoped to ports, so two hosts in one browser must not share one. */
export const sessionCookieName = (port: number) => `galley_session_${port}`;
export const IDLE_MS = 12 * 60 * 60 * 1000;
export const MAX_MS = 7 * 24 * 60 * 60 * 1000;

export interface WebSession {
  profileId: string;
  createdAt: number;
  lastSeen: number;
}

export interface WebSessions {
  /** Starts a session; returns the cookie value (shown once, never stored in clear). */
  create(profileId: string): string;
  /** The live session a cookie value names, touched; null when unknown or expired (then dropped). */
  get(cookieValue: string | undefined): WebSession | null;
  /** Whether a cookie value names a live session, without counting as use. */
  alive(cookieValue: string): boolean;
  destroy(cookieValue: string | undefined): void;
  /** Ends every session of a profile (disabled, password changed). */
  endAll(profileId: string): void;
  size(): number;
}

const digest = (v: string) => createHash('sha256').update(v).digest('base64url');
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

export function createWebSessions({ idleMs = IDLE_MS, maxMs = MAX_MS, now = Date.now }: { idleMs?: number; maxMs?: number; now?: () => number } = {}): WebSessions {
  const sessions = new Map<string, WebSession>();
  const sweep = () => {
    const t = now();
    for (const [k, s] of sessions) if (t - s.lastSeen >= idleMs || t - s.createdAt >= maxMs) sessions.delete(k);
  };
  return {
    create(profileId) {
      sweep();
      const value = randomBytes(32).toString('base64url');
      const t = now();
      sessions.set(digest(value), { profileId, createdAt: t, lastSeen: t });
      return value;
    },
    get(cookieValue) {
      if (typeof cookieValue !== 'string' || !COOKIE_VALUE.test(cookieValue)) return null;
      const key = digest(cookieValue);
      const s = sessions.get(key);
      if (!s) return null;
      const t = now();
      if (t - s.lastSeen >= idleMs || t - s.createdAt >= maxMs) {
        sessions.delete(key);
        return null;
      }
      s.lastSeen = t;
      return s;
    },
    alive(cookieValue) {
      const s = sessions.get(digest(cookieValue));
      const t = now();
      return s !== undefined && t - s.lastSeen < idleMs && t - s.createdAt < maxMs;
    },
    destroy(cookieValue) {
      if (typeof cookieValue === 'string') sessions.delete(digest(cookieValue));
    },
    endAll(profileId) {
      for (const [k, s] of sessions) if (s.profileId === profileId) sessions.delete(k);
    },
    size: () => sessions.size,
  };
}

/** The value of one cookie in a Cookie header (the first of that name), or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function sessionCookie(name: string, value: string, { secure = false, maxAgeSeconds = Math.floor(IDLE_MS / 1000) } = {}): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export const clearedCookie = (name: string) => `${name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
