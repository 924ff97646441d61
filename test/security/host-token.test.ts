// The browser host's token kept per archive (electron/host/host-token.ts): 0600 in a 0700
// folder, the same token for the same archive after a restart (so an open tab reconnects), a
// different one per archive, and a stored file that is readable by others or not a token is
// replaced rather than trusted.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { persistentToken, tokenFileFor } from '../../electron/host/host-token.ts';

const root = mkdtempSync(join(tmpdir(), 'galley-token-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('per-archive host token', () => {
  it('is kept private and stable per archive', () => {
    const dir = join(root, 'host-tokens');
    const a = persistentToken('/data/a.sqlite', dir);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(persistentToken('/data/a.sqlite', dir)).toBe(a);
    expect(persistentToken('/data/b.sqlite', dir)).not.toBe(a);
    const file = tokenFileFor('/data/a.sqlite', dir);
    expect(readFileSync(file, 'utf8').trim()).toBe(a);
    expect(file).not.toContain('a.sqlite'); // the file name does not reveal the archive path
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    }
  });

  it('replaces a token file that others can read, or that holds no token', () => {
    const dir = join(root, 'loose');
    const a = persistentToken('/data/a.sqlite', dir);
    const file = tokenFileFor('/data/a.sqlite', dir);
    if (process.platform !== 'win32') {
      chmodSync(file, 0o644);
      const b = persistentToken('/data/a.sqlite', dir);
      expect(b).not.toBe(a);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    writeFileSync(file, 'not a token\n', { mode: 0o600 });
    expect(persistentToken('/data/a.sqlite', dir)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
