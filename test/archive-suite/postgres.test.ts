// The shared archive suite against the PostgreSQL archive: one throwaway cluster for this file
// (test/support/postgres-cluster.ts), a fresh database for every archive opened, so tests never
// see each other's rows. Skipped, saying why, where PostgreSQL is missing; in CI it must run.
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import type { AsyncArchive } from '../../electron/archive/async-archive.ts';
import { openPostgresArchive } from '../../electron/archive/postgres/pg-archive.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { freshDatabase } from '../postgres/fresh-db.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { SUITES } from './suites.ts';
import { quiet, type OpenSuiteArchive } from './support.ts';

const available = findPostgres() !== null;
if (!available && process.env.CI) throw new Error(POSTGRES_MISSING);

describe.skipIf(!available)(`archive suite: PostgreSQL${available ? '' : ` (skipped: ${POSTGRES_MISSING})`}`, () => {
  let cluster: PostgresCluster;
  const opened: AsyncArchive[] = [];
  beforeAll(() => {
    cluster = startPostgresCluster();
  }, 120_000);
  afterEach(async () => {
    for (const a of opened.splice(0)) await a.close();
  });
  afterAll(() => cluster?.stop());

  const open: OpenSuiteArchive = async (options = {}) => {
    const a = await openPostgresArchive(await freshDatabase(cluster), { segment: options.segment ?? fakeSegment, logger: quiet, maxConnections: 4 });
    opened.push(a);
    return a;
  };

  for (const suite of SUITES) suite(open);
});
