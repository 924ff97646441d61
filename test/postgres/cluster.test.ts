// The throwaway cluster every PostgreSQL test uses: starts as an unprivileged user on a socket only,
// answers through the `pg` driver with pg_trgm available, and leaves nothing behind.
import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';

const available = findPostgres() !== null;
// In CI PostgreSQL must be there (.ci/run installs it): a missing server fails instead of skipping.
if (!available && process.env.CI) throw new Error(POSTGRES_MISSING);

describe.skipIf(!available)(`throwaway PostgreSQL cluster${available ? '' : ` (skipped: ${POSTGRES_MISSING})`}`, () => {
  let cluster: PostgresCluster;
  beforeAll(() => {
    cluster = startPostgresCluster();
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('answers on its socket with pg_trgm available, and listens on no TCP port', async () => {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      const sim = await client.query<{ s: number }>(`SELECT similarity('衡阳市委书记', '衡阳市') AS s`);
      expect(sim.rows[0]!.s).toBeGreaterThan(0);
      const listen = await client.query<{ listen_addresses: string }>('SHOW listen_addresses');
      expect(listen.rows[0]!.listen_addresses).toBe('');
      const enc = await client.query<{ server_encoding: string }>('SHOW server_encoding');
      expect(enc.rows[0]!.server_encoding).toBe('UTF8');
    } finally {
      await client.end();
    }
  });

  it('removes its folder when stopped', () => {
    const other = startPostgresCluster();
    expect(existsSync(other.socketDir)).toBe(true);
    other.stop();
    expect(existsSync(other.socketDir)).toBe(false);
  }, 120_000);
});
