// The project's seeded PRNG (engine/seeded-random.ts) with drawing helpers, and string hashing: the page builder draws every choice from
// one of these, so a build is reproducible for a seed. Platform-free.
import { seededRandom } from '../../core/engine/seeded-random.ts';

/** 32-bit FNV-1a hash of a string: turns ids into seeds. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private readonly draw: () => number;
  constructor(seed: number) {
    this.draw = seededRandom(seed);
  }
  /** Uniform in [0, 1). */
  next(): number {
    return this.draw();
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
}
