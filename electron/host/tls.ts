// The team server's TLS files (`galley serve --tls-cert F --tls-key F`): PEM certificate (chain)
// and private key, checked before the server starts so that a missing file, an unreadable one, a
// file of the wrong kind, an expired certificate or a key of another certificate each get one
// sentence in the user's language instead of a TLS stack trace at the first connection.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { STRINGS } from '../../shared/i18n.ts';
import type { Language } from '../../shared/ipc.ts';
import { fill } from './listen.ts';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

export class TlsError extends Error {
  override readonly name = 'TlsError';
}

/** A PEM file may hold at most this much (a certificate chain is a few KiB). */
const MAX_PEM_BYTES = 1 << 20;

export function loadTlsFiles(certFile: string | undefined, keyFile: string | undefined, language: Language = 'en', now: Date = new Date()): TlsFiles | null {
  const s = STRINGS[language].archives.server;
  if (certFile === undefined && keyFile === undefined) return null;
  if (certFile === undefined || keyFile === undefined) throw new TlsError(s.tlsPair);
  const read = (flag: string, file: string): Buffer => {
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new TlsError(fill(s.tlsMissing, { flag, file }));
      throw new TlsError(fill(s.tlsUnreadable, { flag, file, reason: code ?? (e as Error).message }));
    }
    if (data.length > MAX_PEM_BYTES) throw new TlsError(fill(s.tlsUnreadable, { flag, file, reason: `> ${MAX_PEM_BYTES} bytes` }));
    return data;
  };
  const cert = read('--tls-cert', certFile);
  const key = read('--tls-key', keyFile);
  let x509: X509Certificate;
  try {
    if (!cert.toString('latin1').includes('-----BEGIN CERTIFICATE-----')) throw new Error('not PEM');
    x509 = new X509Certificate(cert);
  } catch {
    throw new TlsError(fill(s.tlsBadCert, { file: certFile }));
  }
  let privateKey;
  try {
    privateKey = createPrivateKey({ key, format: 'pem' });
  } catch {
    throw new TlsError(fill(s.tlsBadKey, { file: keyFile }));
  }
  if (!x509.checkPrivateKey(privateKey)) throw new TlsError(fill(s.tlsMismatch, { cert: certFile, key: keyFile }));
  if (new Date(x509.validTo).getTime() < now.getTime()) throw new TlsError(fill(s.tlsExpired, { file: certFile, date: new Date(x509.validTo).toISOString().slice(0, 10) }));
  try {
    // The pair as node:https will use it (catches what the checks above do not, e.g. a weak key).
    createSecureContext({ cert, key });
  } catch (e) {
    throw new TlsError(fill(s.tlsUnreadable, { flag: '--tls-cert', file: certFile, reason: (e as Error).message }));
  }
  return { cert, key };
}
