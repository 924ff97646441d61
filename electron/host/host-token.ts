// The browser host's token, kept per archive so that a restart of the host (same archive, same
// port) hands the open tab the same credential and it reconnects without losing unsaved edits.
// One file per archive under the user-data folder's host-tokens/ (folder 0700, file 0600, so
// only the user can read it — the same trust as the archive itself). A file that is missing,
// unreadable, too loose in its permissions or not a token is replaced by a fresh token.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultArchivePath } from '../archive/default-path.ts';
import { newToken } from './security.ts';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The user-data folder's host-tokens/ (next to the default archive, whatever GALLEY_ARCHIVE says). */
export function defaultTokenDir(): string {
  return join(dirname(defaultArchivePath({ ...process.env, GALLEY_ARCHIVE: undefined })), 'host-tokens');
}

export function tokenFileFor(archivePath: string, dir: string): string {
  const id = createHash('sha256').update(resolve(archivePath)).digest('hex').slice(0, 24);
  return join(dir, `${id}.token`);
}

/** The archive's token: the stored one when it is sound and private, else a new one, stored. */
export function persistentToken(archivePath: string, dir: string = defaultTokenDir()): string {
  const file = tokenFileFor(archivePath, dir);
  try {
    const info = statSync(file);
    const privateFile = process.platform === 'win32' || (info.mode & 0o077) === 0;
    const stored = readFileSync(file, 'utf8').trim();
    if (privateFile && info.isFile() && TOKEN_SHAPE.test(stored)) return stored;
  } catch {
    // Missing or unreadable: a new token below.
  }
  const token = newToken();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, token + '\n', { mode: 0o600 });
  renameSync(tmp, file);
  return token;
}
