// Failed logins, counted per key ("account:NAME", "address:IP") in a sliding window: after
// `limit` failures within `windowMs` the key is refused until the oldest failure leaves the window,
// and the caller answers 429 with Retry-After. In memory: a restart forgets, which costs an
// attacker a restart of the server they cannot cause.

export interface RateLimiter {
  /** null: allowed; otherwise milliseconds until the next attempt is allowed. */
  blockedFor(key: string): number | null;
  /** Records one failure. */
  fail(key: string): void;
  /** Forgets a key's failures (a successful login of that account). */
  reset(key: string): void;
}

export interface RateLimitOptions {
  limit?: number;
  windowMs?: number;
  now?: () => number;
  /** Keys kept at most (oldest dropped first), so a flood of names cannot grow memory without bound. */
  maxKeys?: number;
}

export function createRateLimiter({ limit = 5, windowMs = 60_000, now = Date.now, maxKeys = 10_000 }: RateLimitOptions = {}): RateLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const t = now();
    const list = (failures.get(key) ?? []).filter((at) => t - at < windowMs);
    if (list.length) failures.set(key, list);
    else failures.delete(key);
    return list;
  };
  return {
    blockedFor(key) {
      const list = recent(key);
      if (list.length < limit) return null;
      return Math.max(1, windowMs - (now() - list[list.length - limit]!));
    },
    fail(key) {
      const list = recent(key);
      list.push(now());
      failures.delete(key);
      failures.set(key, list);
      while (failures.size > maxKeys) failures.delete(failures.keys().next().value!);
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
