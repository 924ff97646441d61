// Base64 (RFC 4648, with padding) for the packed weight file. Platform-free: the engine runs in
// Node, the browser host and a renderer worker, and core/ may use neither Buffer nor atob.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Int16Array(128).fill(-1);
for (let k = 0; k < ALPHABET.length; k++) VALUE[ALPHABET.charCodeAt(k)] = k;

export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let k = 0; k < bytes.length; k += 3) {
    const a = bytes[k]!;
    const b = k + 1 < bytes.length ? bytes[k + 1]! : 0;
    const c = k + 2 < bytes.length ? bytes[k + 2]! : 0;
    chunk +=
      ALPHABET[a >> 2]! +
      ALPHABET[((a & 3) << 4) | (b >> 4)]! +
      (k + 1 < bytes.length ? ALPHABET[((b & 15) << 2) | (c >> 6)]! : '=') +
      (k + 2 < bytes.length ? ALPHABET[c & 63]! : '=');
    // Strings built in chunks: one string grown by a million appends is slow to flatten.
    if (chunk.length >= 4096) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A native decoder where the platform has one (Node's Buffer, or Uint8Array.fromBase64). */
type NativeDecoder = (text: string) => Uint8Array;
const nativeDecoder = ((): NativeDecoder | null => {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (typeof fromBase64 === 'function') return (s) => fromBase64.call(Uint8Array, s);
  const buffer = (globalThis as { Buffer?: { from(s: string, encoding: 'base64'): Uint8Array } }).Buffer;
  if (buffer && typeof buffer.from === 'function') return (s) => buffer.from(s, 'base64');
  return null;
})();

/**
 * Decodes base64; null when the text is not base64 (the caller names the field in its error).
 * A native decoder is used where there is one: the weight file's megabyte of base64 then costs
 * ~5 ms at start-up instead of ~40 ms in a loop that has not been optimised yet.
 */
export function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  if (nativeDecoder) return BASE64.test(text) ? nativeDecoder(text) : null;
  return decodeInScript(text);
}

/** The portable decoder (also checked against the native one by the tests). */
export function decodeInScript(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let k = 0; k < text.length; k += 4) {
    const last = k + 4 === text.length;
    const a = digit(text, k);
    const b = digit(text, k + 1);
    const c = last && pad === 2 ? 0 : digit(text, k + 2);
    const d = last && pad >= 1 ? 0 : digit(text, k + 3);
    if ((a | b | c | d) < 0) return null;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >> 16;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}

function digit(text: string, k: number): number {
  const code = text.charCodeAt(k);
  return code < 128 ? VALUE[code]! : -1;
}
