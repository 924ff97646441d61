// Failed logins: 5 within a minute block the key until the oldest leaves the window; other keys
// are untouched; a reset forgets; the number of keys kept is bounded.
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../electron/accounts/rate-limit.ts';

describe('rate limiter', () => {
  it('blocks the sixth attempt within a minute and says how long to wait', () => {
    let t = 1_000_000;
    const rl = createRateLimiter({ limit: 5, windowMs: 60_000, now: () => t });
    for (let i = 0; i < 5; i++) {
      expect(rl.blockedFor('account:ed')).toBeNull();
      rl.fail('account:ed');
      t += 1_000;
    }
    // First failure at 1,000,000, now 1,005,000: blocked until 1,060,000.
    expect(rl.blockedFor('account:ed')).toBe(55_000);
    expect(rl.blockedFor('account:sue')).toBeNull();
    t += 55_000;
    expect(rl.blockedFor('account:ed')).toBeNull();
  });

  it('a reset forgets the failures of a key', () => {
    const rl = createRateLimiter({ limit: 2, now: () => 5 });
    rl.fail('k');
    rl.fail('k');
    expect(rl.blockedFor('k')).not.toBeNull();
    rl.reset('k');
    expect(rl.blockedFor('k')).toBeNull();
  });

  it('keeps at most maxKeys keys, dropping the oldest', () => {
    const rl = createRateLimiter({ limit: 1, maxKeys: 3, now: () => 5 });
    for (const k of ['a', 'b', 'c', 'd']) rl.fail(k);
    expect(rl.blockedFor('a')).toBeNull();
    expect(rl.blockedFor('d')).not.toBeNull();
  });
});
