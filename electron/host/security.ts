// Request checks for the loopback HTTP host: loopback peers only, our own Host and Origin only
// (defeats DNS rebinding and cross-site requests), and a secret token sent only as a header.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Monaco injects <style> elements and inline styles.
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensEqual(a: string | undefined | null, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  if (address === '::1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

/** The Host headers we answer: each name with our port (and bare on the scheme's default port). */
export function allowedHosts(port: number, names: readonly string[] = LOOPBACK_NAMES, scheme: 'http' | 'https' = 'http'): Set<string> {
  const bare = port === (scheme === 'https' ? 443 : 80);
  return new Set(names.flatMap((n) => [`${n}:${port}`, ...(bare ? [n] : [])]));
}

/** The Origins we accept: our scheme (https under TLS) with each allowed Host. */
export function allowedOrigins(port: number, names: readonly string[] = LOOPBACK_NAMES, scheme: 'http' | 'https' = 'http'): Set<string> {
  return new Set([...allowedHosts(port, names, scheme)].map((h) => `${scheme}://${h}`));
}
