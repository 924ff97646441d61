// Test databases on one throwaway cluster: every call gives a new database (CREATE DATABASE
// galley_N), so tests sharing a cluster never see each other's rows. `migrated`: a copy of a
// template the archive's migrations already ran on (once per cluster), which saves every test the
// quarter second the migrations take; the archive then finds nothing to apply.
import pg from 'pg';
import { migratePg } from '../../electron/archive/postgres/migrations/index.ts';
import type { PostgresCluster } from '../support/postgres-cluster.ts';

let counter = 0;
const templates = new WeakMap<PostgresCluster, Promise<string>>();

async function withAdmin<R>(cluster: PostgresCluster, fn: (c: pg.Client) => Promise<R>, database = 'galley'): Promise<R> {
  const client = new pg.Client({ connectionString: urlOf(cluster, database) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const urlOf = (cluster: PostgresCluster, database: string) => `postgresql://galley@/${database}?host=${encodeURIComponent(cluster.socketDir)}`;

function migratedTemplate(cluster: PostgresCluster): Promise<string> {
  let t = templates.get(cluster);
  if (!t) {
    const name = `galley_template_${process.pid}`;
    t = (async () => {
      await withAdmin(cluster, (c) => c.query(`CREATE DATABASE ${name}`));
      await withAdmin(cluster, (c) => migratePg(c), name);
      return name;
    })();
    templates.set(cluster, t);
  }
  return t;
}

/** The connection string of a fresh database on the cluster (empty, or migrated). */
export async function freshDatabase(cluster: PostgresCluster, options: { migrated?: boolean } = {}): Promise<string> {
  const name = `galley_${process.pid}_${++counter}`;
  const template = options.migrated ? await migratedTemplate(cluster) : null;
  // FILE_COPY: on a throwaway cluster (fsync off) copying the template's files beats WAL-logging them.
  await withAdmin(cluster, (c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template} STRATEGY FILE_COPY` : ''}`));
  return urlOf(cluster, name);
}

/** Drops a database freshDatabase made (after its archive closed), so a long suite does not fill the disk. */
export async function dropDatabase(cluster: PostgresCluster, url: string): Promise<void> {
  const name = /\/(galley_[0-9_]+)\?/.exec(url)?.[1];
  if (!name) throw new Error(`not a test database: ${url}`);
  await withAdmin(cluster, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
