// Team-server logins: random cookie values, kept hashed, expiring when idle and at a maximum age,
// ended at logout and for every session of a profile; forged values find nothing.
import { describe, expect, it } from 'vitest';
import { createWebSessions, readCookie, sessionCookie } from '../../electron/accounts/web-sessions.ts';

describe('web sessions', () => {
  it('finds a session by its cookie value and nothing by a forged one', () => {
    const s = createWebSessions();
    const v = s.create('p1');
    expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.get(v)?.profileId).toBe('p1');
    expect(s.get(v.slice(0, -1) + (v.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(s.get('p1')).toBeNull();
    expect(s.get(undefined)).toBeNull();
  });

  it('expires after the idle time, is kept alive by use, and ends at the maximum age', () => {
    let t = 0;
    const s = createWebSessions({ idleMs: 100, maxMs: 250, now: () => t });
    const v = s.create('p1');
    t = 90;
    expect(s.get(v)).not.toBeNull();
    t = 180;
    expect(s.get(v)).not.toBeNull();
    t = 249;
    expect(s.get(v)).not.toBeNull();
    t = 250;
    expect(s.get(v)).toBeNull();
    const w = s.create('p2');
    t = 350;
    expect(s.get(w)).toBeNull();
  });

  it('logout and endAll end sessions', () => {
    const s = createWebSessions();
    const a = s.create('p1');
    const b = s.create('p1');
    const c = s.create('p2');
    s.destroy(a);
    expect(s.get(a)).toBeNull();
    s.endAll('p1');
    expect(s.get(b)).toBeNull();
    expect(s.get(c)?.profileId).toBe('p2');
  });

  it('cookie header: HttpOnly, SameSite=Strict, with a max age; parsed back by name', () => {
    const c = sessionCookie('galley_session_8080', 'abc');
    expect(c.startsWith('galley_session_8080=abc;')).toBe(true);
    expect(c).toMatch(/HttpOnly/);
    expect(c).toMatch(/SameSite=Strict/);
    expect(c).toMatch(/Max-Age=43200/);
    expect(readCookie('x=1; galley_session_8080=abc; galley_session_9090=def', 'galley_session_9090')).toBe('def');
    expect(readCookie('x=1', 'galley_session_8080')).toBeUndefined();
  });
});
