// What the SIGKILL crash test (crash.test.ts) cannot show: a killed process loses nothing the
// kernel already has, so it would pass with synchronous=NORMAL too — only a power cut loses the
// fsyncs NORMAL skips in WAL mode. So the setting itself is held here: every archive connection
// (the app's, the CLI's, the crash writer's) runs WAL with synchronous=FULL, checked on the
// connection the archive really uses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { loadBackend } from '../../electron/host/load-backend.ts';
import type { SqliteArchive } from '../../electron/archive/sqlite-archive.ts';

const dir = mkdtempSync(join(tmpdir(), 'galley-durable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('durability settings', () => {
  it('opens every archive in WAL mode with synchronous=FULL (2)', () => {
    const direct = openArchive(join(dir, 'a.sqlite'), { logger: { warn: () => {} } });
    const hosted = loadBackend(join(dir, 'b.sqlite'), { name: 't' }).archive as SqliteArchive;
    try {
      for (const a of [direct, hosted]) {
        expect(a.db.raw.pragma('synchronous', { simple: true })).toBe(2);
        expect(a.db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(a.db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
      }
    } finally {
      direct.close();
      hosted.close();
    }
  });
});
