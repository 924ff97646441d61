// Passwords: scrypt from node:crypto with a random salt per password. The hash string carries its
// own parameters (`scrypt$N$r$p$salt$hash`, salt and hash base64url), so the cost can be raised
// later without invalidating stored hashes. Passwords themselves are never stored, logged or sent
// back: this module is the only place that sees one next to a hash, and compares in constant time.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

/** OWASP's scrypt minimum (N = 2^17, r = 8, p = 1) costs ~0.4 s here; 2^15 is ~0.1 s and 32 MiB. */
export const DEFAULT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
export type ScryptParams = { N: number; r: number; p: number };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

/** What a new password must be; the reasons are i18n keys' tails (accounts.password.*). */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, 'too-short')
  .max(MAX_PASSWORD_LENGTH, 'too-long')
  .refine((s) => s.trim().length > 0, 'blank');

function scrypt(password: string, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> {
  // maxmem must cover 128·N·r bytes with room to spare, or node refuses the call.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => scryptCallback(password.normalize('NFC'), salt, KEY_BYTES, options, (e, key) => (e ? reject(e) : resolve(key))));
}

/** Hashes a password that already passed newPasswordSchema (callers say why one is refused). */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const powerOfTwo = (n: number) => n > 1 && (n & (n - 1)) === 0;

/** Parses a stored hash; bounds keep a tampered row from asking for gigabytes of memory. */
export function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((x) => (/^\d{1,8}$/.test(x!) ? Number(x) : NaN)) as [number, number, number];
  if (!powerOfTwo(N) || N > 2 ** 20 || !(r >= 1 && r <= 32) || !(p >= 1 && p <= 16)) return null;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || key.length !== KEY_BYTES) return null;
  return { params: { N, r, p }, salt, key };
}

/** True when `password` matches the stored hash string; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (typeof password !== 'string' || password.length === 0 || password.length > MAX_PASSWORD_LENGTH) return false;
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/**
 * A hash to compare against when the account does not exist or has no password, so a login for
 * an unknown name costs what one for a known name does (no timing oracle for who exists).
 */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(18).toString('base64url'));
  return decoy;
}
