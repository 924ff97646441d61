// The shared archive suite against the PostgreSQL archive: one throwaway cluster for this file
// (test/support/postgres-cluster.ts), a fresh database for every archive opened, so tests never
// see each other's rows. Skipped, saying why, where PostgreSQL is missing; in CI it must run.
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import type { AsyncArchive } from '../../electron/archive/async-archive.ts';
import { openPostgresArchive } from '../../electron/archive/postgres/pg-archive.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { dropDatabase, freshDatabase } from '../postgres/fresh-db.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { SUITES } from './suites.ts';
import { quiet, type OpenSuiteArchive } from './support.ts';

const available = findPostgres() !== null;
if (!available && process.env.CI) throw new Error(POSTGRES_MISSING);

// A test here costs a database clone and several round trips per call: on a loaded machine the
// default 5 s is too tight, and a slow test is not a failing one.
describe.skipIf(!available)(`archive suite: PostgreSQL${available ? '' : ` (skipped: ${POSTGRES_MISSING})`}`, { timeout: 60_000 }, () => {
  let cluster: PostgresCluster;
  const opened: { archive: AsyncArchive; url: string }[] = [];
  beforeAll(() => {
    cluster = startPostgresCluster();
  }, 120_000);
  afterEach(async () => {
    for (const { archive, url } of opened.splice(0)) {
      await archive.close();
      await dropDatabase(cluster, url);
    }
  });
  afterAll(() => cluster?.stop(), 60_000);

  const open: OpenSuiteArchive = async (options = {}) => {
    const url = await freshDatabase(cluster, { migrated: true });
    const a = await openPostgresArchive(url, { segment: options.segment ?? fakeSegment, logger: quiet, maxConnections: 4 });
    opened.push({ archive: a, url });
    return a;
  };

  for (const suite of SUITES) suite(open);
});
