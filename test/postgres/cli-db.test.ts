// The command line on a team archive: `--db URL` (and GALLEY_DB) select PostgreSQL for import,
// search and profiles exactly as --archive selects a SQLite file; the commands that work on the
// SQLite file itself (backup, restore, verify) refuse a PostgreSQL target in one line.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stderrBesidesSlowQueries } from '../support/stderr.ts';
import { main } from '../../electron/cli/main.ts';
import { tempDir } from '../archive/helpers.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { freshDatabase } from './fresh-db.ts';

const SAMPLE = fileURLToPath(new URL('../../resources/sample-issue/', import.meta.url));
const available = findPostgres() !== null;
if (!available && process.env.CI) throw new Error(POSTGRES_MISSING);

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out: () => out.join(''), err: () => err.join(''), io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), isTTY: false } };
}

describe.skipIf(!available)(`galley --db URL${available ? '' : ` (skipped: ${POSTGRES_MISSING})`}`, () => {
  let cluster: PostgresCluster;
  let url = '';
  beforeAll(async () => {
    cluster = startPostgresCluster();
    url = await freshDatabase(cluster);
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('imports a folder into PostgreSQL and finds it with search, by --db and by GALLEY_DB', { timeout: 180_000 }, async () => {
    const imported = io();
    const code = await main(['import', SAMPLE, '--db', url, '--json'], imported.io);
    const err = stderrBesidesSlowQueries(imported.err());
    expect({ code, err, failed: imported.out().split('\n').filter((l) => l.includes('"status":"failed"')) }).toEqual({ code: 0, err: [], failed: [] });
    const summary = JSON.parse(imported.out().trim().split('\n').pop()!) as { summary: { imported: number; archive: string } };
    expect(summary.summary.imported).toBe(3);
    expect(summary.summary.archive).toMatch(/^postgresql:\/\//);

    const byFlag = io();
    expect(await main(['search', '重点项目', '--db', url, '--json'], byFlag.io), byFlag.err()).toBe(0);
    const hits = JSON.parse(byFlag.out()) as { total: number; hits: { headline: string | null }[] };
    expect(hits.total).toBeGreaterThan(0);

    const saved = process.env.GALLEY_DB;
    process.env.GALLEY_DB = url;
    try {
      const byEnv = io();
      expect(await main(['search', '重点项目', '--json'], byEnv.io), byEnv.err()).toBe(0);
      const again = JSON.parse(byEnv.out()) as typeof hits;
      expect({ total: again.total, hits: again.hits }).toEqual({ total: hits.total, hits: hits.hits });
      // A second import of the same pages changes nothing in the team archive either.
      const reimport = io();
      expect(await main(['import', SAMPLE, '--json'], reimport.io), reimport.err()).toBe(0);
      expect(JSON.parse(reimport.out().trim().split('\n').pop()!).summary).toMatchObject({ imported: 0, unchanged: 3 });
    } finally {
      if (saved === undefined) delete process.env.GALLEY_DB;
      else process.env.GALLEY_DB = saved;
    }
  });

  it('keeps profiles in the team archive: the first is its supervisor', { timeout: 60_000 }, async () => {
    const add = io();
    expect(await main(['profiles', 'add', 'Chen', '--role', 'editor', '--db', url], add.io), add.err()).toBe(0);
    const list = io();
    expect(await main(['profiles', 'list', '--json', '--db', url], list.io), list.err()).toBe(0);
    expect(JSON.parse(list.out())).toEqual([expect.objectContaining({ name: 'Chen', role: 'supervisor' })]);
  });

  it('verify checks the team archive’s rows and audit chains', { timeout: 60_000 }, async () => {
    const r = io();
    expect(await main(['verify', '--db', url], r.io), r.err()).toBe(0);
    expect(r.out()).toMatch(/revisions, \d+ pages, \d+ items in .*checked ok/);
  });

  it('backup and restore say in one line that a PostgreSQL archive is the server’s to back up', { timeout: 60_000 }, async () => {
    for (const args of [['backup', '--out', join(tempDir(), 'b.sqlite')], ['restore', join(tempDir(), 'b.sqlite'), '--yes']]) {
      const r = io();
      expect(await main([...args, '--db', url], r.io)).toBe(1);
      expect(r.err().trim().split('\n')).toHaveLength(1);
      expect(r.err()).toMatch(/SQLite archive file.*pg_dump/);
    }
  });

  it('refuses a malformed URL with the reason, before touching anything', async () => {
    const r = io();
    expect(await main(['search', 'x', '--db', 'postgresql://a@b@c/d e'], r.io)).toBe(1);
    expect(r.err()).toMatch(/PostgreSQL URL|postgresql:\/\//i);
  });
});
