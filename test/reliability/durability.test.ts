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
import type { WorkerArchive } from '../../electron/archive/worker/client.ts';

const dir = mkdtempSync(join(tmpdir(), 'galley-durable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('durability settings', () => {
  it('opens every archive in WAL mode with synchronous=FULL (2)', { timeout: 90_000 }, async () => {
    const direct = openArchive(join(dir, 'a.sqlite'), { logger: { warn: () => {} } });
    // The hosts' archive runs in its worker thread: the worker reports its own connection's settings.
    const hosted = (await loadBackend(join(dir, 'b.sqlite'), { name: 't' })).archive as WorkerArchive;
    try {
      const settings = [
        {
          synchronous: direct.db.raw.pragma('synchronous', { simple: true }),
          journalMode: direct.db.raw.pragma('journal_mode', { simple: true }),
          foreignKeys: direct.db.raw.pragma('foreign_keys', { simple: true }),
        },
        (await hosted.diagnostics()).pragmas,
      ];
      for (const s of settings) expect(s).toEqual({ synchronous: 2, journalMode: 'wal', foreignKeys: 1 });
    } finally {
      direct.close();
      await hosted.close();
    }
  });
});
